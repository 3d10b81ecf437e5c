import Glibc
import Synchronization

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
/// One `StatusLine` belongs to the session and is used on the main thread; each statement gets a fresh
/// `Display`, shared with that statement's drawing thread.
public final class StatusLine {
    /// What the line reports, read by the drawing thread.
    public struct Reading: Sendable {
        public var pool: PoolStats
        public var runningJobs: Int
    }

    /// First drawn only after this long, so quick statements never flash it.
    static let firstDraw: Duration = .milliseconds(200)
    static let interval: Duration = .milliseconds(150)

    private var current: Display?

    public init() {}

    /// Starts drawing for the statement that begins now.
    public func start(read: @escaping @Sendable () -> Reading) {
        stop()
        let display = Display(startedAt: MonotonicClock.now(), read: read)
        current = display
        display.launch()
    }

    /// Erases the line (if drawn) and ends the drawing thread; nothing is drawn after this returns.
    /// Cheap when nothing runs, so output paths can call it every time.
    public func stop() {
        guard let display = current else { return }
        current = nil
        display.stop()
    }

    /// Whether a line should be shown for this session at all.
    public static func wanted(interactive: Bool, variables: Variables) -> Bool {
        guard interactive, isatty(2) == 1 else { return false }
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
        return width > 0 && line.count > width ? String(line.prefix(width)) : line
    }

    /// One statement's line and its drawing thread.
    final class Display: Sendable {
        private let startedAt: MonotonicClock.Instant
        private let read: @Sendable () -> Reading
        private let wakeup = ThreadWakeup()
        /// Faint text, unless NO_COLOR asks for none.
        private let dim = getenv("NO_COLOR") == nil
        /// (stopped, drawn): both change only under this lock, and every write to stderr happens under it.
        private let state = Mutex<(stopped: Bool, drawn: Bool)>((false, false))

        init(startedAt: MonotonicClock.Instant, read: @escaping @Sendable () -> Reading) {
            self.startedAt = startedAt
            self.read = read
        }

        func launch() {
            _ = JobThread.start { [self] in self.loop() }
        }

        private func loop() {
            if wakeup.wait(timeout: StatusLine.firstDraw) { return }
            while true {
                let reading = read()
                let width = terminalColumns() - 1
                let line = StatusLine.text(elapsedSeconds: MonotonicClock.now().secondsSince(startedAt),
                                           reading: reading, width: width)
                let keepGoing = state.withLock { s -> Bool in
                    guard !s.stopped else { return false }
                    writeAll(fd: 2, dim ? "\r\u{1B}[2m\(line)\u{1B}[0m\u{1B}[K" : "\r\(line)\u{1B}[K")
                    s.drawn = true
                    return true
                }
                if !keepGoing || wakeup.wait(timeout: StatusLine.interval) { return }
            }
        }

        func stop() {
            state.withLock { s in
                guard !s.stopped else { return }
                s.stopped = true
                if s.drawn { writeAll(fd: 2, "\r\u{1B}[K") }
            }
            wakeup.signal()
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
        guard StatusLine.wanted(interactive: interactive, variables: variables) else { return handler }
        statusLine.start { [pool, jobs] in StatusLine.Reading(pool: pool.snapshot(), runningJobs: jobs.runningCount) }
        return StatusLineErasingHandler(handler, statusLine: statusLine)
    }
}
