import Synchronization

/// The four states `\jobs` shows. A job waiting for a connection is already `running`.
public enum JobState: String, Sendable {
    case running, done, failed, cancelled
}

/// One background job: its text, and its progress as the job's thread reports it. The thread writes, the main
/// thread reads (`\jobs`, the status line, announcements) and asks for cancellation; everything mutable sits
/// behind one lock, except the row counter, which the job bumps per row.
public final class Job: Sendable {
    public let id: Int
    public let sql: [UInt8]
    public let limits: JobLimits
    public let startedAt: MonotonicClock.Instant
    private let rows = Atomic<Int>(0)
    private let record = Locked(Record())

    struct Record {
        var state = JobState.running
        var connectionID: Int?
        var backendPID: Int32?
        /// Set while the statement runs, so `\cancel` can reach it from the main thread.
        var connection: Connection?
        var cancelRequested = false
        var finishedAt: MonotonicClock.Instant?
        var result: JobResult?
        /// Its result was printed (by `\wait`, `\fg`, or the announcement at a terminal).
        var delivered = false
        /// Its end was announced before a prompt, or it was joined (so there is nothing left to announce).
        var announced = false
    }

    init(id: Int, sql: [UInt8], limits: JobLimits, startedAt: MonotonicClock.Instant = MonotonicClock.now()) {
        self.id = id
        self.sql = sql
        self.limits = limits
        self.startedAt = startedAt
    }

    /// The statement on one line, for `\jobs` and `\pool`.
    public var statementText: String { String(decoding: sql, as: UTF8.self) }

    public var state: JobState { record.withLock { $0.state } }
    public var isRunning: Bool { state == .running }
    public var rowCount: Int { rows.load(ordering: .relaxed) }
    public var connectionID: Int? { record.withLock { $0.connectionID } }
    public var backendPID: Int32? { record.withLock { $0.backendPID } }
    public var result: JobResult? { record.withLock { $0.result } }
    var cancelRequested: Bool { record.withLock { $0.cancelRequested } }

    /// From the start to the end, or to now while it runs.
    public var elapsedSeconds: Double {
        let end = record.withLock { $0.finishedAt } ?? MonotonicClock.now()
        return end.secondsSince(startedAt)
    }

    // MARK: Called by the job's thread

    func countRow() { rows.wrappingAdd(1, ordering: .relaxed) }

    /// The job holds a connection and is about to send its statement; false if it was cancelled meanwhile,
    /// in which case the statement must not be sent.
    func attach(_ connection: Connection, connectionID: Int) -> Bool {
        record.withLock { r in
            r.connectionID = connectionID
            r.backendPID = connection.backendPID
            guard !r.cancelRequested else { return false }
            r.connection = connection
            return true
        }
    }

    /// The statement is over: `\cancel` must no longer touch the connection, which goes back to the pool.
    func detach() {
        record.withLock { $0.connection = nil }
    }

    func finish(_ state: JobState, result: JobResult) {
        record.withLock { r in
            r.state = state
            r.result = result
            r.finishedAt = MonotonicClock.now()
            r.connection = nil
        }
    }

    // MARK: Called by the main thread

    /// Asks a running job to stop: a waiting lease gives up, a running statement gets a cancel request.
    /// Returns false when the job had already ended.
    @discardableResult
    public func cancel() -> Bool {
        let target: Connection?? = record.withLock { r in
            guard r.state == .running else { return .none }
            r.cancelRequested = true
            return .some(r.connection)
        }
        guard case .some(let connection) = target else { return false }
        // Connection.cancel() is thread-safe (a separate PGcancel under its own lock).
        connection?.cancel()
        return true
    }

    /// Marks the result printed; returns whether it already was.
    func markDelivered() -> Bool {
        record.withLock { r in
            defer { r.delivered = true; r.announced = true }
            return r.delivered
        }
    }

    /// Takes the job's pending announcement: true once, for a finished job nobody has joined yet.
    func takeAnnouncement() -> Bool {
        record.withLock { r in
            guard r.state != .running, !r.announced else { return false }
            r.announced = true
            return true
        }
    }

    var isDelivered: Bool { record.withLock { $0.delivered } }
}
