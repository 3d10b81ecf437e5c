import ArgumentParser
import Glibc
import TidepoolCore

/// The program: parse the command line, run the shell, exit with its status.
public enum TidepoolEntry {
    public static func main() -> Never {
        // Straight from argv: `CommandLine.arguments` builds its array through a slower generic path.
        let arguments = (1..<Int(CommandLine.argc)).map { String(cString: CommandLine.unsafeArgv[$0]!) }
        // The everyday forms (`-c 'select 1'`, `-X -A -t -f script.sql dbname`) skip swift-argument-parser:
        // its reflection costs about 3 ms per start, a third of a `-c` run. Everything else (help, version,
        // completion scripts, anything malformed) goes to the full parser, which is the authority.
        if let options = QuickCommandLine.parse(arguments) {
            exit(Launcher.run(options))
        }
        fullParse(arguments)
    }

    // psql's exit statuses: a bad command line is 1 (ArgumentParser would say 64), help and version 0.
    private static func fullParse(_ given: [String]) -> Never {
        let arguments = GetoptArguments.normalize(given)
        do {
            let command = try TidepoolCommand.parse(arguments)
            if command.showVersion {
                print("tidepool \(TidepoolVersion.string)")
                exit(0)
            }
            exit(Launcher.run(command.launchOptions(arguments: arguments)))
        } catch {
            if TidepoolCommand.exitCode(for: error) == .success {
                TidepoolCommand.exit(withError: error)
            }
            let message = TidepoolCommand.message(for: error)
            writeStderr("tidepool: \(message)\nTry \"tidepool --help\" for more information.\n")
            exit(1)
        }
    }
}
