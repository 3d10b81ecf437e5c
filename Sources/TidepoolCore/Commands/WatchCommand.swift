import Glibc

/// \watch [i=SECONDS] [c=COUNT] [SECONDS]: runs the query buffer again and again on a pooled connection
/// (role `watch`), each time under psql 15's header line `<timestamp> (every Ns)` (the `\C` title before
/// it, tab-separated), until Ctrl-C, the count (tidepool; psql 16's `c=`), or an error.
enum WatchCommand {
    static let all: [MetaCommand] = [watch]

    struct Options: Equatable {
        var interval = 2.0
        var count: Int?
    }

    static let watch = MetaCommand(["watch"], usage: "\\watch [i=SEC] [c=N] [SEC]",
                                   help: "execute query every SEC seconds, up to N times", group: "Query Buffer") { ctx in
        var words: [String] = []
        while let word = ctx.argument() { words.append(word) }
        let options: Options
        switch parse(words) {
        case .success(let parsed): options = parsed
        case .failure(let error): return ctx.complain(error.message)
        }
        let sql = QueryBufferCommands.textToSend(ctx)
        guard !sql.isEmpty else {
            ctx.session.diagnostics.error("\\watch cannot be used with an empty query")
            return .resetBuffer
        }
        return .ran(sql, run(sql, options: options, session: ctx.session))
    }

    /// psql 15 reads a bare number with strtod and takes anything not positive as 1 second; `i=` and `c=`
    /// are checked strictly.
    static func parse(_ words: [String]) -> Result<Options, MessageError> {
        var options = Options()
        for word in words {
            if word.hasPrefix("i=") || word.hasPrefix("interval=") {
                guard let value = Double(word[word.index(after: word.firstIndex(of: "=")!)...]), value >= 0 else {
                    return .failure(MessageError("incorrect interval value \"\(word)\""))
                }
                options.interval = value
            } else if word.hasPrefix("c=") || word.hasPrefix("count=") {
                guard let value = Int(word[word.index(after: word.firstIndex(of: "=")!)...]), value > 0 else {
                    return .failure(MessageError("incorrect iteration count \"\(word)\""))
                }
                options.count = value
            } else {
                let seconds = strtod(word, nil)
                options.interval = seconds > 0 ? seconds : 1
            }
        }
        return .success(options)
    }

    private static func run(_ sql: [UInt8], options: Options, session: Session) -> Session.StatementStatus {
        let lease: PoolLease<Connection>
        do {
            lease = try session.pool.lease(role: .watch, interrupted: { session.signals.consume() })
        } catch {
            session.diagnostics.error(error.message)
            return .failed
        }
        defer { lease.release() }
        let connection = lease.connection
        connection.setNoticeHandler { [diagnostics = session.diagnostics] notice in diagnostics.server(notice.formatted) }
        defer { connection.setNoticeHandler(nil) }
        lease.setActivity(String(decoding: sql.prefix(200), as: UTF8.self))
        defer { lease.setActivity(nil) }
        var iteration = 0
        while true {
            var settings = session.printSettings
            let stamp = timestamp()
            let every = "\(stamp) (every \(formatG(options.interval))s)\n"
            settings.title = settings.title.map { "\($0)\t\(every)" } ?? every
            let out = session.resultOutput
            let handler = ResultPrintingHandler(settings: settings, output: out, quiet: session.quiet) {
                [diagnostics = session.diagnostics] error in diagnostics.server(error.formatted)
            }
            do {
                let outcome = try connection.execute(sql, handler: handler, interrupt: session.signals)
                out.flush()
                if outcome.cancelled { return .succeeded }
                if !outcome.succeeded {
                    // psql 15 ends a failed \watch with an empty line.
                    session.output.write(byte: 0x0A)
                    session.output.flush()
                    return .failed
                }
            } catch {
                out.flush()
                lease.markBroken()
                if !error.message.isEmpty { session.diagnostics.server(error.message) }
                return .failed
            }
            iteration += 1
            if let count = options.count, iteration >= count { return .succeeded }
            if sleepInterrupted(options.interval, session.signals) { return .succeeded }
        }
    }

    /// Waits, returning early (true) on Ctrl-C or a termination signal.
    private static func sleepInterrupted(_ seconds: Double, _ signals: SignalPipe) -> Bool {
        let deadline = MonotonicClock.now().advanced(bySeconds: seconds)
        while true {
            let left = deadline.secondsSince(MonotonicClock.now()) * 1000
            if left <= 0 { return false }
            var descriptor = pollfd(fd: signals.fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(left.rounded(.up), 1000)))
            if ready > 0 && signals.consume() {
                if signals.terminationSignal != nil { return true }
                if signals.takeInterrupts() > 0 { return true }
            }
        }
    }

    /// strftime's `%c` in the C locale, as psql 15 prints it: `Wed Nov 25 17:02:12 2026`.
    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 128)
        let length = strftime(&buffer, buffer.count, "%c", &parts)
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// printf's `%g`: 2 → "2", 0.1 → "0.1".
    static func formatG(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%g", $0) }
        return String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
