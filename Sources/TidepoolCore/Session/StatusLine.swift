import Glibc

/// The live status line: while a foreground statement runs at a terminal, one line on stderr shows how long
/// it has run and what the pool is doing —
///
///     running 3.4 s | pool 3/4 busy, 1 waiting | 2 jobs running
///
/// redrawn about 7 times a second by a small thread of its own, and erased before anything else is written
/// (the first row, a notice, an error, the end). Drawing and erasing happen under one lock and with
/// write(2), so the line never lands in the middle of other output. The session starts it only when it is
/// interactive and stderr is a terminal; `\set STATUS_LINE off` turns it off.
///
/// One `StatusLine` belongs to the session and is used on the main thread. It keeps one drawing thread for the
/// whole session, started on first use: a thread per statement cost more than a quick statement itself
/// (measured on the interactive round trip of `select 1`), so a statement only flips shared state. Even a
/// wake-up per statement showed on that round trip (a futex call and a thread switch each time), so the
/// thread is woken only when it sleeps for good; while it waits for a statement's 200 ms mark it notices
/// later statements by itself, and a run of quick statements costs about one wake-up per 200 ms.
public final class StatusLine {
    /// What the line reports, read by the drawing thread.
    public struct Reading: Sendable {
        public var pool: PoolStats
        public var runningJobs: Int
    }

    /// First drawn only after this long, so quick statements never flash it.
    static let firstDraw: Duration = .milliseconds(200)
    static let interval: Duration = .milliseconds(150)

    private let display = Display()
    /// Main-thread shortcut: true between start and stop, so stop() costs nothing when no line is up.
    private var running = false

    public init() {}

    /// Starts drawing for the statement that begins now.
    public func start(read: @escaping @Sendable () -> Reading) {
        running = true
        display.begin(startedAt: MonotonicClock.now(), read: read)
    }

    /// Erases the line (if drawn); nothing is drawn for this statement after this returns.
    /// Cheap when nothing runs, so output paths can call it every time.
    public func stop() {
        guard running else { return }
        running = false
        display.end()
    }

    /// Whether stderr is a terminal, asked once: stderr is never redirected during a session.
    private lazy var stderrIsTerminal = isatty(2) == 1

    /// Whether a line should be shown for this session at all (asked before every statement).
    public func wanted(interactive: Bool, variables: Variables) -> Bool {
        guard interactive, stderrIsTerminal else { return false }
        if let setting = variables["STATUS_LINE"], Variables.parseBoolean(setting) == false { return false }
        return true
    }

    /// `running 3.4 s | pool 3/4 busy, 1 waiting | 2 jobs running`, cut to `width` characters.
    static func text(elapsedSeconds: Double, reading: Reading, width: Int) -> String {
        let pool = reading.pool
        var line = "running \(formatDouble(elapsedSeconds, "%.1f")) s | pool \(pool.leased)/\(pool.size) busy, "
            + "\(pool.waiting) waiting"
        if reading.runningJobs > 0 {
            line += " | \(reading.runningJobs) \(reading.runningJobs == 1 ? "job" : "jobs") running"
        }
        // A block left open is what holds locks: its age belongs on the line too.
        if let opened = pool.connections.first(where: { $0.role == .session })?.transactionStart {
            line += " | block open \(DurationText.elapsed(pool.takenAt - opened))"
        }
        return width > 0 && line.count > width ? String(line.prefix(width)) : line
    }

    /// The drawing thread and the state it shares with the main thread.
    final class Display: Sendable {
        struct State {
            var active = false
            /// Bumped per statement, so a wake-up meant for an earlier statement draws nothing.
            var generation = 0
            var startedAt = MonotonicClock.Instant(nanoseconds: 0)
            var read: (@Sendable () -> Reading)?
            var drawn = false
            var launched = false
            /// The thread saw no statement and sleeps until `begin` wakes it.
            var parked = false
        }

        private let wakeup = ThreadWakeup()
        /// Faint text, unless NO_COLOR asks for none.
        private let dim = getenv("NO_COLOR") == nil
        /// Every write to stderr for the line happens under this lock, as does every change of state.
        private let state = Locked(State())

        func begin(startedAt: MonotonicClock.Instant, read: @escaping @Sendable () -> Reading) {
            let (launch, wake) = state.withLock { s -> (Bool, Bool) in
                s.active = true
                s.generation += 1
                s.startedAt = startedAt
                s.read = read
                s.drawn = false
                defer { s.launched = true; s.parked = false }
                return (!s.launched, s.parked)
            }
            if launch { _ = JobThread.start { [self] in self.loop() } }
            if wake { wakeup.signal() }
        }

        func end() {
            state.withLock { s in
                guard s.active else { return }
                s.active = false
                s.read = nil
                if s.drawn { writeAll(fd: 2, "\r\u{1B}[K") }
                s.drawn = false
            }
        }

        private func loop() {
            while true {
                let (active, generation, startedAt, read) = state.withLock { s in
                    if !s.active { s.parked = true }
                    return (s.active, s.generation, s.startedAt, s.read)
                }
                guard active, let read else {
                    // Until `begin` rings (the doorbell keeps a ring that comes before the wait).
                    wakeup.wait(timeout: .seconds(3600))
                    continue
                }
                let due = startedAt.advanced(bySeconds: 0.2)
                let now = MonotonicClock.now()
                if now < due {
                    wakeup.wait(timeout: .nanoseconds(Int64(due.nanoseconds - now.nanoseconds)))
                    continue
                }
                let reading = read()
                let line = StatusLine.text(elapsedSeconds: MonotonicClock.now().secondsSince(startedAt),
                                           reading: reading, width: terminalColumns() - 1)
                state.withLock { s in
                    guard s.active, s.generation == generation else { return }
                    writeAll(fd: 2, dim ? "\r\u{1B}[2m\(line)\u{1B}[0m\u{1B}[K" : "\r\(line)\u{1B}[K")
                    s.drawn = true
                }
                wakeup.wait(timeout: StatusLine.interval)
            }
        }

        private func terminalColumns() -> Int {
            var size = winsize()
            guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
            return Int(size.ws_col)
        }
    }
}

/// Passes every result event on, erasing the status line first: the line must be gone before the first byte
/// of a result, an error or a COPY reaches the terminal.
final class StatusLineErasingHandler: QueryResultHandler {
    private let inner: QueryResultHandler
    private let statusLine: StatusLine

    init(_ inner: QueryResultHandler, statusLine: StatusLine) {
        self.inner = inner
        self.statusLine = statusLine
    }

    func resultSetBegan(columns: [ResultColumn]) {
        statusLine.stop()
        inner.resultSetBegan(columns: columns)
    }

    func row(_ cells: UnsafeBufferPointer<Cell>) { inner.row(cells) }

    func resultSetEnded(rowCount: Int, commandTag: String) {
        statusLine.stop()
        inner.resultSetEnded(rowCount: rowCount, commandTag: commandTag)
    }

    func commandCompleted(commandTag: String) {
        statusLine.stop()
        inner.commandCompleted(commandTag: commandTag)
    }

    func serverError(_ error: ServerError) {
        statusLine.stop()
        inner.serverError(error)
    }

    func copyIn(_ connection: Connection) throws {
        statusLine.stop()
        try inner.copyIn(connection)
    }

    func copyOutData(_ bytes: UnsafeRawBufferPointer) {
        statusLine.stop()
        inner.copyOutData(bytes)
    }
}

extension Session {
    /// Starts the status line for the statement about to run, when this session shows one, and returns the
    /// handler to give the connection (it erases the line before the first output).
    func startStatusLine(around handler: QueryResultHandler) -> QueryResultHandler {
        guard statusLine.wanted(interactive: interactive, variables: variables) else { return handler }
        // Jobs start only from the prompt: the table as it is now (none, if no job was ever started) holds every
        // job that can be running while this statement does.
        statusLine.start { [pool, jobs = existingJobs] in
            StatusLine.Reading(pool: pool.snapshot(), runningJobs: jobs?.runningCount ?? 0)
        }
        return StatusLineErasingHandler(handler, statusLine: statusLine)
    }
}
