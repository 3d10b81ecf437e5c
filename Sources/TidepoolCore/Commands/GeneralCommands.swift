/// \q, \?, \timing, \conninfo, \echo, \warn, \set, \unset.
enum GeneralCommands {
    static let all: [MetaCommand] = [quit, help, timing, conninfo, echo, warn, set, unset]

    static let quit = MetaCommand(["q", "quit"], usage: "\\q", help: "quit tidepool", group: "General") { _ in .quit }

    static let help = MetaCommand(["?"], usage: "\\?", help: "show help on backslash commands", group: "General") { ctx in
        ctx.session.output.write(MetaCommandRegistry.standard.helpText())
        ctx.session.output.flush()
        return .success
    }

    static let timing = MetaCommand(["timing"], usage: "\\timing [on|off|stats]",
                                    help: "toggle timing of commands; stats: p50/p95/p99 of this session",
                                    group: "General") { ctx in
        var probe = ctx.arguments
        if probe.next(.normal) == "stats" {
            ctx.session.output.write(TimingStatsReport.text(ctx.session.timingLog))
            ctx.session.output.flush()
            return .success
        }
        switch ctx.booleanArgument() {
        case .failure(let message):
            ctx.session.diagnostics.error(message.message)
            return .failure
        case .success(let value):
            let session = ctx.session
            session.timing = value ?? !session.timing
            if !session.quiet {
                session.output.write(session.timing ? "Timing is on.\n" : "Timing is off.\n")
                session.output.flush()
            }
            return .success
        }
    }

    static let conninfo = MetaCommand(["conninfo"], usage: "\\conninfo",
                                      help: "display information about current connection", group: "Connection") { ctx in
        ctx.session.output.write(ConnectionInfo.describe(ctx.session.connection))
        ctx.session.output.flush()
        return .success
    }

    static let echo = MetaCommand(["echo"], usage: "\\echo [-n] [STRING]", help: "write string to standard output",
                                  group: "Input/Output") { ctx in
        ctx.session.output.write(echoText(&ctx.arguments))
        ctx.session.output.flush()
        return .success
    }

    static let warn = MetaCommand(["warn"], usage: "\\warn [-n] [STRING]", help: "write string to standard error",
                                  group: "Input/Output") { ctx in
        ctx.session.diagnostics.plain(echoText(&ctx.arguments))
        return .success
    }

    /// psql's \echo: arguments joined by one space; `-n` first suppresses the newline.
    static func echoText(_ arguments: inout MetaArguments) -> String {
        var words: [String] = []
        var newline = true
        var first = true
        while let word = arguments.next(.normal) {
            if first && word == "-n" { newline = false } else { words.append(word) }
            first = false
        }
        return words.joined(separator: " ") + (newline ? "\n" : "")
    }

    static let set = MetaCommand(["set"], usage: "\\set [NAME [VALUE]]",
                                 help: "set internal variable, or list all if no parameters", group: "Variables") { ctx in
        let session = ctx.session
        guard let name = ctx.arguments.next(.normal) else {
            for key in session.variables.sortedNames {
                session.output.write("\(key) = '\(session.variables[key] ?? "")'\n")
            }
            session.output.flush()
            return .success
        }
        var value = ""
        while let piece = ctx.arguments.next(.normal) { value += piece }
        if let complaint = session.variables.set(name, value) {
            session.diagnostics.error(complaint)
            return .failure
        }
        return .success
    }

    static let unset = MetaCommand(["unset"], usage: "\\unset NAME", help: "unset (delete) internal variable",
                                   group: "Variables") { ctx in
        guard let name = ctx.arguments.next(.normal) else { return ctx.complain("missing required argument") }
        ctx.session.variables.unset(name)
        return .success
    }
}

/// `\timing stats`: how long this session's statements took.
enum TimingStatsReport {
    static func text(_ log: TimingLog) -> String {
        func line(_ label: String, _ samples: [Double]) -> String {
            guard let s = TimingLog.summary(samples) else { return "\(label): no statements\n" }
            let f = TimingLine.fixed3
            return "\(label): \(s.count) statements, p50 \(f(s.p50)) ms, p95 \(f(s.p95)) ms, p99 \(f(s.p99)) ms, max \(f(s.max)) ms\n"
        }
        return line("foreground", log.foreground) + line("jobs", log.jobs)
    }
}
