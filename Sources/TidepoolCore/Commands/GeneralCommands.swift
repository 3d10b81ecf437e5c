/// \q, \?, \timing. (Variables, output and connection commands have files of their own.)
enum GeneralCommands {
    static let all: [MetaCommand] = [quit, help, timing]

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
            ctx.arguments = probe
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
