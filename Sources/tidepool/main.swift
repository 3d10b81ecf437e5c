import ArgumentParser
import Glibc
import TidepoolCore

// psql's exit statuses: a bad command line is 1 (ArgumentParser would say 64), help and version 0.
do {
    let command = try TidepoolCommand.parse()
    if command.showVersion {
        print("tidepool \(TidepoolVersion.string)")
        exit(0)
    }
    exit(Launcher.run(command.launchOptions(arguments: Array(CommandLine.arguments.dropFirst()))))
} catch {
    if TidepoolCommand.exitCode(for: error) == .success {
        TidepoolCommand.exit(withError: error)
    }
    let message = TidepoolCommand.message(for: error)
    writeStderr("tidepool: \(message)\nTry \"tidepool --help\" for more information.\n")
    exit(1)
}
