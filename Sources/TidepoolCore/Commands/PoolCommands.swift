import Glibc

/// \pool: the pool's live state; `\pool watch [SECONDS]` redraws it until Ctrl-C.
enum PoolCommands {
    static let all: [MetaCommand] = [pool]

    static let pool = MetaCommand(["pool"], usage: "\\pool [watch [SECONDS]]",
                                  help: "show the connection pool (connections, roles, statements, totals); watch: redraw live",
                                  group: "Connection", tidepoolOnly: true) { ctx in
        let session = ctx.session
        guard let word = ctx.arguments.next(.normal) else {
            let stats = session.pool.snapshot()
            session.output.write(PoolReport.render(stats, now: .now()))
            session.output.write(PoolBlockLocks.report(stats, session: session))
            session.output.flush()
            return .success
        }
        guard word == "watch" else { return ctx.complain("unrecognized argument \"\(word)\" (expected watch)") }
        var interval = PoolWatch.defaultInterval
        if let text = ctx.arguments.next(.normal) {
            guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                return ctx.complain("invalid interval \"\(text)\"")
            }
            interval = seconds
        }
        PoolWatch.run(session: session, interval: interval)
        return .success
    }
}

/// `\pool watch`: the snapshot, redrawn every `interval` seconds until Ctrl-C. At a terminal the screen is
/// cleared for each redraw; elsewhere the snapshots follow one another, each under a heading.
enum PoolWatch {
    static let defaultInterval = 1.0

    static func run(session: Session, interval: Double) {
        let redraw = isatty(1) == 1 && session.interactive
        let heading = "Pool every \(formatDouble(interval, "%g")) s (Ctrl-C to stop)\n\n"
        while true {
            let text = PoolReport.render(session.pool.snapshot(), now: .now())
            session.output.write(redraw ? "\u{1B}[H\u{1B}[2J" + heading + text : heading + text + "\n")
            session.output.flush()
            if waitInterrupted(session.signals, seconds: interval) {
                // Ctrl-C only ends the watch (psql's \watch): a script goes on after it.
                _ = session.signals.takeInterrupts()
                return
            }
        }
    }

    /// Sleeps `seconds` unless Ctrl-C or a termination signal comes first (then true).
    private static func waitInterrupted(_ signals: SignalPipe, seconds: Double) -> Bool {
        let deadline = MonotonicClock.now().advanced(bySeconds: seconds)
        while true {
            let left = deadline.secondsSince(MonotonicClock.now())
            if left <= 0 { return false }
            var fd = pollfd(fd: signals.fd, events: Int16(POLLIN), revents: 0)
            let n = poll(&fd, 1, Int32(left * 1000) + 1)
            if n > 0, signals.consume() { return true }
        }
    }
}
