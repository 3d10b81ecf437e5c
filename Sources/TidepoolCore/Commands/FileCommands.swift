import Glibc

/// \i, \ir, \!, \cd: files and the operating system.
enum FileCommands {
    static let all: [MetaCommand] = [include, includeRelative, shell, changeDirectory]

    static let include = MetaCommand(["i", "include"], usage: "\\i FILE", help: "execute commands from file",
                                     group: "Input/Output") { ctx in
        runFile(&ctx, relative: false)
    }

    static let includeRelative = MetaCommand(["ir", "include_relative"], usage: "\\ir FILE",
                                             help: "as \\i, but relative to location of current script",
                                             group: "Input/Output") { ctx in
        runFile(&ctx, relative: true)
    }

    /// psql's process_file: the file runs in a main loop of its own (its own `\if` stack, its name and line
    /// numbers in messages); `\q` there ends only that file.
    private static func runFile(_ ctx: inout MetaCommandContext, relative: Bool) -> MetaCommandOutcome {
        guard let argument = ctx.argument(stripSemicolons: true) else { return ctx.complain("missing required argument") }
        ctx.warnExtraArguments()
        let session = ctx.session
        var path = expandTilde(argument)
        let fd: Int32
        if path == "-" {
            fd = 0
            path = "<stdin>"
        } else {
            if relative, let current = ctx.inputName, !path.hasPrefix("/"),
               let slash = current.lastIndex(of: "/") {
                path = String(current[...slash]) + path
            }
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                session.diagnostics.error("\(path): \(String(cString: strerror(errno)))")
                return .failure
            }
        }
        let savedLine = session.diagnostics.lineNumber
        defer { session.diagnostics.lineNumber = savedLine }
        let reader = Launcher.scriptReader(fd: fd, session: session)
        let status = MainLoop(session: session, source: ScriptLineSource(reader: reader), inputName: path).run()
        switch status {
        case .success: return .success
        case .failure, .userStop: return .failure
        case .badConnection, .terminated: return .stop(status)
        }
    }

    static let shell = MetaCommand(["!"], usage: "\\! [COMMAND]", help: "execute command in shell or start interactive shell",
                                   group: "Operating System") { ctx in
        let command = ctx.arguments.rest()
        ctx.session.output.flush()
        let line: String
        if command.isEmpty {
            let shell = getenv("SHELL").map { String(cString: $0) } ?? "/bin/sh"
            line = "exec " + shell
        } else {
            line = command
        }
        guard ShellCommand.run(line) != nil else {
            ctx.session.diagnostics.error("\\!: failed")
            return .failure
        }
        return .success
    }

    static let changeDirectory = MetaCommand(["cd"], usage: "\\cd [DIR]", help: "change the current working directory",
                                             group: "Operating System") { ctx in
        let argument = ctx.argument(stripSemicolons: true)
        ctx.warnExtraArguments()
        let directory: String
        if let argument {
            directory = argument
        } else if let home = getpwuid(geteuid())?.pointee.pw_dir {
            directory = String(cString: home)
        } else {
            return ctx.complain("could not get home directory for user ID \(geteuid())")
        }
        guard chdir(directory) == 0 else {
            return ctx.complain("could not change directory to \"\(directory)\": \(String(cString: strerror(errno)))")
        }
        return .success
    }
}
