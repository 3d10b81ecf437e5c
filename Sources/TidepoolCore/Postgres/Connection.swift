import CLibPQ
import Glibc

/// One libpq connection, driven in non-blocking mode with `poll()` by the thread that holds it.
///
/// Safety of `@unchecked Sendable`: a `Connection` is used by exactly one thread at a time — whoever holds its
/// lease (the main thread for the session connection, a job's thread, the catalog thread). Ownership moves
/// only through the pool, whose mutex orders every hand-over, so no two threads touch the `PGconn` at once.
/// The one exception is `cancel()`, which uses a separate `PGcancel` object that libpq documents as safe to
/// use from another thread while the connection is busy; it is created at connect time and never replaced
/// while the connection lives, and `cancelLock` keeps it from being freed under a concurrent cancel.
public final class Connection: @unchecked Sendable {
    let pg: OpaquePointer
    private let cancelLock = Locked<CancelHandle>(CancelHandle(pointer: nil))
    private let notices: NoticeRouter
    private var cells: UnsafeMutableBufferPointer<Cell> = .init(start: nil, count: 0)
    /// Error text already shown for the statement running now (libpq 15 accumulates its error message).
    private var reportedErrorText = ""
    public private(set) var backendPID: Int32
    public private(set) var isClosed = false
    /// Called on the driving thread when an interrupt made this connection send a cancel request.
    public var onCancelRequested: (() -> Void)?
    /// When set, a statement whose cancel request gets no answer within this many seconds is abandoned
    /// (scripts: Ctrl-C must end them even if the server is paused). At a terminal a second Ctrl-C does it.
    public var cancelGraceSeconds: Double?
    private var cancelSentAt = MonotonicClock.Instant(nanoseconds: 0)

    private init(pg: OpaquePointer) {
        self.pg = pg
        self.backendPID = PQbackendPID(pg)
        self.notices = NoticeRouter()
        PQsetnonblocking(pg, 1)
        cancelLock.withLock { $0 = CancelHandle(pointer: PQgetCancel(pg)) }
        PQsetNoticeReceiver(pg, noticeReceiverTrampoline, Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit {
        close()
        cells.deallocate()
    }

    // MARK: Connecting

    /// Connects without blocking the thread in libpq: `PQconnectStartParams` then `PQconnectPoll` with `poll()`.
    /// `interrupt` (Ctrl-C) abandons the attempt. libpq's `connect_timeout` is honoured here, since libpq
    /// enforces it only in its blocking calls.
    public static func connect(_ parameters: ConnectionParameters,
                               interrupt: InterruptWatcher? = nil) throws(ConnectionError) -> Connection {
        let pairs = parameters.keywordValuePairs
        let pg: OpaquePointer? = withCStringArrays(pairs.map(\.0), pairs.map(\.1)) { keywords, values in
            PQconnectStartParams(keywords, values, 1)
        }
        guard let pg else { throw ConnectionError(.connectFailed, "out of memory") }
        if PQstatus(pg) == CONNECTION_BAD {
            let message = String(cString: PQerrorMessage(pg))
            PQfinish(pg)
            throw ConnectionError(.connectFailed, message)
        }
        let timeout = connectTimeout(of: pg)
        let deadline = timeout.map { MonotonicClock.now().advanced(bySeconds: $0) }
        var status = PGRES_POLLING_WRITING
        while true {
            switch status {
            case PGRES_POLLING_OK:
                return Connection(pg: pg)
            case PGRES_POLLING_FAILED:
                let message = String(cString: PQerrorMessage(pg))
                let needsPassword = PQconnectionNeedsPassword(pg) != 0
                PQfinish(pg)
                throw ConnectionError(.connectFailed, message, needsPassword: needsPassword)
            default:
                let events: Int16 = status == PGRES_POLLING_READING ? Int16(POLLIN) : Int16(POLLOUT)
                let remaining = deadline.map { max(0, $0.secondsSince(MonotonicClock.now())) }
                switch SocketWaiter.wait(fd: PQsocket(pg), events: events, interrupt: interrupt,
                                         timeoutSeconds: remaining) {
                case .ready:
                    break
                case .interrupted:
                    PQfinish(pg)
                    throw ConnectionError(.interrupted, "connection attempt cancelled")
                case .timedOut:
                    PQfinish(pg)
                    throw ConnectionError(.timedOut, "timeout expired")
                }
                status = PQconnectPoll(pg)
            }
        }
    }

    /// libpq's rule: connect_timeout in seconds, values below 2 become 2, 0 or unset means none.
    private static func connectTimeout(of pg: OpaquePointer) -> Double? {
        guard let options = PQconninfo(pg) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "connect_timeout", let value = option.pointee.val {
                guard let seconds = Int(String(cString: value)), seconds > 0 else { return nil }
                return Double(max(seconds, 2))
            }
            option += 1
        }
        return nil
    }


    // MARK: State

    public enum TransactionState: Sendable, Equatable { case idle, active, inTransaction, inFailedTransaction, unknown }

    public var transactionState: TransactionState {
        guard !isClosed else { return .unknown }
        switch PQtransactionStatus(pg) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_ACTIVE: return .active
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .inFailedTransaction
        default: return .unknown
        }
    }

    public var isBad: Bool { isClosed || PQstatus(pg) == CONNECTION_BAD }

    /// Reads a server parameter reported at start-up or by a later SET (`server_version`, `is_superuser`, …).
    public func parameter(_ name: String) -> String? {
        guard !isClosed, let value = PQparameterStatus(pg, name) else { return nil }
        return String(cString: value)
    }

    /// A connection option as libpq resolved it (`host`, `port`, `user`, `dbname`, …).
    public func option(_ name: String) -> String? {
        guard !isClosed else { return nil }
        let value: UnsafeMutablePointer<CChar>?
        switch name {
        case "host": value = PQhost(pg)
        case "hostaddr": value = PQhostaddr(pg)
        case "port": value = PQport(pg)
        case "user": value = PQuser(pg)
        case "dbname": value = PQdb(pg)
        default: return nil
        }
        return value.map { String(cString: $0) }
    }

    public var serverVersionNumber: Int { isClosed ? 0 : Int(PQserverVersion(pg)) }
    public var usesSSL: Bool { !isClosed && PQsslInUse(pg) != 0 }
    public var errorMessage: String { String(cString: PQerrorMessage(pg)) }

    /// Where notices and warnings from the server go; called on the thread that drives the connection.
    public func setNoticeHandler(_ handler: ((ServerError) -> Void)?) { notices.handler = handler }

    /// Cheap liveness check of an idle connection, without a round trip: reads whatever the server sent
    /// (a termination notice, EOF) and reports whether the connection is still usable. Messages read here are
    /// not shown to the user: a connection that died while idle is replaced silently.
    public func isAlive() -> Bool {
        guard !isBad else { return false }
        var fds = pollfd(fd: PQsocket(pg), events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, 0) >= 0 else { return false }
        if fds.revents == 0 { return true }
        // An idle backend that is being terminated sends FATAL (libpq hands it to the notice receiver, since no
        // query is running) and then closes; the close may not have arrived yet, so the FATAL itself says dead.
        let saved = notices.handler
        var fatal = false
        notices.handler = { notice in
            // An immediate shutdown says goodbye with a WARNING of class 57P (operator intervention).
            if notice.severity == "FATAL" || notice.severity == "PANIC" || notice.sqlState.hasPrefix("57P") {
                fatal = true
            }
        }
        defer { notices.handler = saved }
        if PQconsumeInput(pg) == 0 { return false }
        while PQisBusy(pg) == 0, let result = PQgetResult(pg) { PQclear(result) }
        return !fatal && PQstatus(pg) == CONNECTION_OK
    }

    /// Asks the server to cancel what this connection runs. Safe from any thread.
    public func cancel() {
        cancelLock.withLock { handle in
            guard let handle = handle.pointer else { return }
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(handle, &buffer, Int32(buffer.count))
        }
    }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        // A cancel still blocked in PQcancel (a paused server) holds the lock: then the small PGcancel is left
        // to that thread rather than closing hanging behind it.
        cancelLock.withLockIfAvailable { handle in
            if let h = handle.pointer { PQfreeCancel(h) }
            handle = CancelHandle(pointer: nil)
        }
        PQfinish(pg)
    }

    // MARK: Running statements

    /// Sends one query string (one or several statements) and streams every result to `handler` on this
    /// thread, rows in single-row mode. `interrupt` turns Ctrl-C into a cancel request; the statement then ends
    /// with the server's own error. Throws only when the connection itself is lost.
    public func execute(_ sql: [UInt8], handler: QueryResultHandler,
                        interrupt: InterruptWatcher? = nil) throws(ConnectionError) -> StatementOutcome {
        try perform(handler: handler, interrupt: interrupt) {
            withCString(sql) { PQsendQuery(pg, $0) } == 1 && PQsetSingleRowMode(pg) >= 0
        }
    }

    /// `sql` as the C string libpq takes: copied once with a terminating NUL (a NUL inside ends the text, as
    /// in psql).
    func withCString<R>(_ sql: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        sql.withUnsafeBufferPointer { buffer in
            let text = UnsafeMutablePointer<CChar>.allocate(capacity: buffer.count + 1)
            defer { text.deallocate() }
            buffer.withMemoryRebound(to: CChar.self) { text.update(from: $0.baseAddress!, count: buffer.count) }
            text[buffer.count] = 0
            return body(text)
        }
    }

    /// Sends one command with `send` (a PQsend… call; false when libpq refused it), then flushes it and reads
    /// every result into `handler`, with Ctrl-C as a cancel request.
    func perform(handler: QueryResultHandler, interrupt: InterruptWatcher?,
                 send: () -> Bool) throws(ConnectionError) -> StatementOutcome {
        var outcome = StatementOutcome(succeeded: true, lastError: nil, rowCount: 0, commandTag: nil, cancelled: false)
        reportedErrorText = ""
        guard send() else { throw lostOrFailed() }
        do {
            try flushOutgoing(interrupt: interrupt, outcome: &outcome)
        } catch {
            throw connectionLost(handler: handler, outcome: &outcome)
        }
        try drainResults(handler: handler, interrupt: interrupt, outcome: &outcome)
        if PQstatus(pg) == CONNECTION_BAD { throw ConnectionError(.connectionLost, "") }
        return outcome
    }

    /// The server went away mid-statement. libpq still hands out the error results it built ("server closed the
    /// connection unexpectedly"); they are shown like any error, as psql shows them, and the loss is reported
    /// to the caller without repeating them.
    private func connectionLost(handler: QueryResultHandler, outcome: inout StatementOutcome) -> ConnectionError {
        // PQgetResult would block (and, on the closed socket, append "invalid socket"), so only the part of
        // libpq's accumulated message that no result has shown yet is reported.
        var unshown = String(cString: PQerrorMessage(pg))
        if unshown.hasPrefix(reportedErrorText) { unshown.removeFirst(reportedErrorText.count) }
        if !unshown.isEmpty {
            let error = ServerError(severity: "FATAL", sqlState: "08006", message: unshown, formatted: unshown)
            outcome.succeeded = false
            outcome.lastError = error
            handler.serverError(error)
        }
        return ConnectionError(.connectionLost, "")
    }

    private func lostOrFailed() -> ConnectionError {
        ConnectionError(.connectionLost, String(cString: PQerrorMessage(pg)))
    }

    /// Pushes the query out; a large statement may need several rounds while the server reads.
    private func flushOutgoing(interrupt: InterruptWatcher?, outcome: inout StatementOutcome) throws(ConnectionError) {
        while true {
            let state = PQflush(pg)
            if state == 0 { return }
            if state < 0 { throw lostOrFailed() }
            let result = SocketWaiter.wait(fd: PQsocket(pg), events: Int16(POLLIN | POLLOUT), interrupt: interrupt,
                                           timeoutSeconds: nil)
            if case .interrupted = result { try requestCancel(&outcome) }
            if PQconsumeInput(pg) == 0 { throw lostOrFailed() }
        }
    }

    /// The first Ctrl-C sends a cancel request from another thread: PQcancel blocks while it connects, and a
    /// paused or unreachable server would otherwise freeze the shell. A second Ctrl-C while the server still has
    /// not answered abandons the connection (the statement fails as if the connection were lost).
    private func requestCancel(_ outcome: inout StatementOutcome) throws(ConnectionError) {
        if outcome.cancelled {
            // Cut the socket (libpq then sees a dead connection everywhere); PQfinish waits for close().
            _ = shutdown(PQsocket(pg), Int32(SHUT_RDWR))
            throw ConnectionError(.interrupted, "statement abandoned: the server did not answer the cancel request")
        }
        if !outcome.cancelled {
            outcome.cancelled = true
            cancelSentAt = MonotonicClock.now()
            let connection = self
            if !JobThread.start({ connection.cancel() }) { cancel() }
            onCancelRequested?()
        }
    }

    /// Reads results until libpq says the query is done. Data libpq already holds is drained before waiting
    /// on the socket (PLATFORM.md: it may have it before the socket turns readable).
    private func drainResults(handler: QueryResultHandler, interrupt: InterruptWatcher?,
                              outcome: inout StatementOutcome) throws(ConnectionError) {
        var inResultSet = false
        var rowsInSet = 0
        while true {
            while PQisBusy(pg) == 0 {
                guard let result = PQgetResult(pg) else { return }
                defer { PQclear(result) }
                switch PQresultStatus(result) {
                case PGRES_SINGLE_TUPLE:
                    if !inResultSet {
                        handler.resultSetBegan(columns: columns(of: result))
                        inResultSet = true
                        rowsInSet = 0
                    }
                    deliverRow(result, to: handler)
                    rowsInSet += 1
                case PGRES_TUPLES_OK:
                    if !inResultSet { handler.resultSetBegan(columns: columns(of: result)) }
                    let tag = String(cString: PQcmdStatus(result))
                    handler.resultSetEnded(rowCount: rowsInSet, commandTag: tag)
                    outcome.rowCount = rowsInSet
                    outcome.commandTag = tag
                    if tag.hasPrefix("INSERT") || tag.hasPrefix("UPDATE") || tag.hasPrefix("DELETE") {
                        outcome.lastOID = UInt32(PQoidValue(result))
                    }
                    inResultSet = false
                    rowsInSet = 0
                case PGRES_COMMAND_OK:
                    // Only the description of a prepared statement has fields without rows.
                    if PQnfields(result) > 0 { handler.statementDescribed(describedColumns(of: result)) }
                    let tag = String(cString: PQcmdStatus(result))
                    handler.commandCompleted(commandTag: tag)
                    outcome.rowCount = Int(String(cString: PQcmdTuples(result))) ?? 0
                    outcome.commandTag = tag
                    outcome.lastOID = UInt32(PQoidValue(result))
                case PGRES_EMPTY_QUERY:
                    break
                case PGRES_COPY_OUT:
                    handler.copyOutBegan()
                    try receiveCopyData(handler: handler, interrupt: interrupt, outcome: &outcome)
                case PGRES_COPY_IN:
                    copyIsBinary = PQbinaryTuples(result) != 0
                    do { try handler.copyIn(self) } catch {
                        endCopyIn(error: "\(error)")
                    }
                case PGRES_COPY_BOTH:
                    endCopyIn(error: "COPY BOTH is not supported")
                default:
                    let error = ServerError(result: result)
                    reportedErrorText += error.formatted
                    inResultSet = false
                    outcome.succeeded = false
                    outcome.lastError = error
                    outcome.rowCount = 0
                    handler.serverError(error)
                }
            }
            // libpq closes the socket itself when the server goes; waiting on it (or reading it again) would
            // only add "invalid socket" to the message.
            if PQstatus(pg) == CONNECTION_BAD || PQsocket(pg) < 0 {
                throw connectionLost(handler: handler, outcome: &outcome)
            }
            let grace = outcome.cancelled ? cancelGraceSeconds.map { max(0, $0 - MonotonicClock.now().secondsSince(cancelSentAt)) } : nil
            switch SocketWaiter.wait(fd: PQsocket(pg), events: Int16(POLLIN), interrupt: interrupt, timeoutSeconds: grace) {
            case .timedOut where outcome.cancelled:
                // No answer to the cancel within the grace period (a paused server): give up on the statement.
                try requestCancel(&outcome)
            case .interrupted: try requestCancel(&outcome)
            case .ready, .timedOut: break
            }
            if PQconsumeInput(pg) == 0 { throw connectionLost(handler: handler, outcome: &outcome) }
        }
    }

    private func columns(of result: OpaquePointer) -> [ResultColumn] {
        let count = Int(PQnfields(result))
        var columns: [ResultColumn] = []
        columns.reserveCapacity(count)
        for i in 0..<count {
            columns.append(ResultColumn(name: String(cString: PQfname(result, Int32(i))),
                                        typeOID: UInt32(PQftype(result, Int32(i)))))
        }
        return columns
    }

    private func deliverRow(_ result: OpaquePointer, to handler: QueryResultHandler) {
        let count = Int(PQnfields(result))
        if cells.count != count {
            cells.deallocate()
            cells = .allocate(capacity: count)
        }
        for i in 0..<count {
            let column = Int32(i)
            if PQgetisnull(result, 0, column) != 0 {
                cells[i] = .null
            } else {
                let value = UnsafeRawPointer(PQgetvalue(result, 0, column)!).assumingMemoryBound(to: UInt8.self)
                cells[i] = Cell(base: value, count: Int(PQgetlength(result, 0, column)))
            }
        }
        handler.row(UnsafeBufferPointer(cells))
    }

    private func receiveCopyData(handler: QueryResultHandler, interrupt: InterruptWatcher?,
                                 outcome: inout StatementOutcome) throws(ConnectionError) {
        while true {
            var buffer: UnsafeMutablePointer<CChar>? = nil
            let length = PQgetCopyData(pg, &buffer, 1)
            if length > 0, let buffer {
                handler.copyOutData(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                PQfreemem(buffer)
                continue
            }
            if length == -1 { return }  // done: the final result follows through PQgetResult
            if length == -2 { throw lostOrFailed() }
            if case .interrupted = SocketWaiter.wait(fd: PQsocket(pg), events: Int16(POLLIN), interrupt: interrupt,
                                                     timeoutSeconds: nil) {
                try requestCancel(&outcome)
            }
            if PQconsumeInput(pg) == 0 { throw connectionLost(handler: handler, outcome: &outcome) }
        }
    }

    // MARK: COPY FROM STDIN

    /// Whether the COPY FROM STDIN being served wants binary data (`PQbinaryTuples` of its COPY_IN result).
    public private(set) var copyIsBinary = false

    /// Sends one chunk of COPY data, waiting while libpq's buffer is full. While waiting it also reads what the
    /// server sends (notices, an early error), so that neither side blocks on a full socket buffer.
    public func putCopyData(_ bytes: UnsafeRawBufferPointer) throws(ConnectionError) {
        while true {
            let r = PQputCopyData(pg, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
            if r == 1 { return }
            if r < 0 { throw lostOrFailed() }
            _ = SocketWaiter.wait(fd: PQsocket(pg), events: Int16(POLLIN | POLLOUT), interrupt: nil, timeoutSeconds: nil)
            if PQconsumeInput(pg) == 0 { throw lostOrFailed() }
        }
    }

    /// Ends COPY FROM STDIN, successfully or with an error message that makes the server abort the COPY.
    public func endCopyIn(error: String?) {
        while true {
            let r: Int32
            if let error { r = PQputCopyEnd(pg, error) } else { r = PQputCopyEnd(pg, nil) }
            if r != 0 { break }
            _ = SocketWaiter.wait(fd: PQsocket(pg), events: Int16(POLLOUT), interrupt: nil, timeoutSeconds: nil)
        }
        while PQflush(pg) == 1 {
            _ = SocketWaiter.wait(fd: PQsocket(pg), events: Int16(POLLIN | POLLOUT), interrupt: nil, timeoutSeconds: nil)
            if PQconsumeInput(pg) == 0 { break }
        }
    }

    // MARK: Quoting

    /// `PQescapeLiteral`: the value quoted as a SQL literal for this connection's encoding and settings.
    public func escapeLiteral(_ value: String) -> String? {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let out = PQescapeLiteral(pg, chars.baseAddress, chars.count) else { return nil }
                defer { PQfreemem(out) }
                return String(cString: out)
            }
        }
    }

    /// `PQescapeIdentifier`.
    public func escapeIdentifier(_ value: String) -> String? {
        var bytes = Array(value.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let out = PQescapeIdentifier(pg, chars.baseAddress, chars.count) else { return nil }
                defer { PQfreemem(out) }
                return String(cString: out)
            }
        }
    }
}

/// libpq's `PGcancel`. Safety of `@unchecked Sendable`: libpq documents `PQcancel` on a `PGcancel` as safe
/// from any thread; creating and freeing it happen under `cancelLock`, so it is never freed mid-cancel.
private struct CancelHandle: @unchecked Sendable {
    var pointer: OpaquePointer?
}

/// Holds the current notice handler; libpq calls the trampoline with a pointer to it.
private final class NoticeRouter {
    var handler: ((ServerError) -> Void)?
}

private func noticeReceiverTrampoline(_ context: UnsafeMutableRawPointer?, _ result: OpaquePointer?) {
    guard let context, let result else { return }
    let router = Unmanaged<NoticeRouter>.fromOpaque(context).takeUnretainedValue()
    router.handler?(ServerError(result: result))
}

/// Runs `body` with NULL-terminated C string arrays for keywords and values.
private func withCStringArrays<R>(_ keys: [String], _ values: [String],
                                  _ body: (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let keyPointers = keys.map { UnsafePointer(strdup($0)) } + [nil]
    let valuePointers = values.map { UnsafePointer(strdup($0)) } + [nil]
    defer {
        keyPointers.forEach { free(UnsafeMutablePointer(mutating: $0)) }
        valuePointers.forEach { free(UnsafeMutablePointer(mutating: $0)) }
    }
    return keyPointers.withUnsafeBufferPointer { k in
        valuePointers.withUnsafeBufferPointer { v in body(k.baseAddress!, v.baseAddress!) }
    }
}

extension Connection {
    /// An SSL attribute of the live connection (`protocol`, `cipher`, `compression`), when SSL is in use.
    public func sslAttribute(_ name: String) -> String? {
        guard !isClosed, let value = PQsslAttribute(pg, name) else { return nil }
        return String(cString: value)
    }
}
