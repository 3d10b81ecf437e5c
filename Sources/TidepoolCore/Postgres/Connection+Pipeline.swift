import CLibPQ
import Glibc

/// libpq pipeline mode (PLATFORM.md): statements are queued with `PQsendQueryParams` (pipeline mode refuses
/// `PQsendQuery`), each followed by its own `PQpipelineSync`, so each keeps its own implicit transaction and
/// its own error; results come back in order and are read one statement at a time.
///
/// Everything here runs on the thread that holds the connection, like `execute`.
extension Connection {
    /// Enters pipeline mode; false if libpq refuses (a query is still running).
    public func enterPipelineMode() -> Bool { PQenterPipelineMode(pg) == 1 }

    /// Leaves pipeline mode; only possible once every queued statement's results have been read.
    @discardableResult
    public func exitPipelineMode() -> Bool { PQexitPipelineMode(pg) == 1 }

    /// Queues one statement, without a sync: call `syncPipeline` after it unless the next statement is to
    /// share its implicit transaction (inside a block, where an error aborts the block anyway).
    public func queuePipelined(_ sql: [UInt8]) throws(ConnectionError) {
        let sent: Int32 = sql.withUnsafeBufferPointer { buffer in
            let text = UnsafeMutablePointer<CChar>.allocate(capacity: buffer.count + 1)
            defer { text.deallocate() }
            buffer.withMemoryRebound(to: CChar.self) { text.update(from: $0.baseAddress!, count: buffer.count) }
            text[buffer.count] = 0
            return PQsendQueryParams(pg, text, 0, nil, nil, nil, nil, 0)
        }
        guard sent == 1 else { throw ConnectionError(.connectionLost, String(cString: PQerrorMessage(pg))) }
    }

    /// Ends the statements queued since the last sync (libpq 15's PQpipelineSync also pushes the buffer out;
    /// what the kernel does not take now goes out while results are read).
    public func syncPipeline() throws(ConnectionError) {
        guard PQpipelineSync(pg) == 1 else { throw ConnectionError(.connectionLost, String(cString: PQerrorMessage(pg))) }
    }

    /// Asks the server to send what it holds for statements not followed by a sync yet (it otherwise keeps
    /// their results until the sync), and pushes libpq's buffer.
    public func requestPipelineFlush() throws(ConnectionError) {
        guard PQsendFlushRequest(pg) == 1, PQflush(pg) >= 0 else {
            throw ConnectionError(.connectionLost, String(cString: PQerrorMessage(pg)))
        }
    }

    /// Reads the results of the statement at the head of the pipeline, up to and including its sync (or, when
    /// `endsAtSync` is false, up to the end of its results), streaming
    /// them to `handler` as `execute` does. With `wait` false it returns nil as soon as libpq would have to
    /// wait for the server; `cursor` keeps the statement's progress between calls. Throws only when the
    /// connection is lost.
    public func readPipelined(_ cursor: inout PipelineCursor, handler: QueryResultHandler, endsAtSync: Bool, wait: Bool,
                              interrupt: InterruptWatcher?) throws(ConnectionError) -> StatementOutcome? {
        if !cursor.started {
            cursor.started = true
            // Rows of this statement arrive one by one (bounded memory), if libpq accepts it at this point;
            // otherwise they arrive as one result and are delivered from it.
            PQsetSingleRowMode(pg)
        }
        var nulls = 0
        while true {
            while PQisBusy(pg) == 0 {
                // NULL ends one result; the statement's sync follows. Two in a row would mean nothing is queued.
                guard let result = PQgetResult(pg) else {
                    if !endsAtSync && cursor.sawResult { return cursor.outcome }
                    nulls += 1
                    if nulls > 1 { throw ConnectionError(.connectionLost, "pipeline out of step with the server") }
                    continue
                }
                nulls = 0
                cursor.sawResult = true
                defer { PQclear(result) }
                if try take(result, cursor: &cursor, handler: handler) { return cursor.outcome }
            }
            if PQstatus(pg) == CONNECTION_BAD || PQsocket(pg) < 0 { throw pipelineLost(&cursor, handler) }
            // Output may still be waiting in libpq: push it while waiting, or both sides could block.
            let pending = PQflush(pg)
            if pending < 0 { throw pipelineLost(&cursor, handler) }
            if !wait && pending == 0 {
                var fds = pollfd(fd: PQsocket(pg), events: Int16(POLLIN), revents: 0)
                if poll(&fds, 1, 0) <= 0 { return nil }
            } else {
                let events = Int16(pending == 1 ? (POLLIN | POLLOUT) : POLLIN)
                if case .interrupted = SocketWaiter.wait(fd: PQsocket(pg), events: events, interrupt: interrupt,
                                                         timeoutSeconds: nil), !cursor.outcome.cancelled {
                    cursor.outcome.cancelled = true
                    cancel()
                    onCancelRequested?()
                }
            }
            if PQconsumeInput(pg) == 0 { throw pipelineLost(&cursor, handler) }
        }
    }

    /// One result of the head statement; true when it was the statement's sync (the statement is done).
    private func take(_ result: OpaquePointer, cursor: inout PipelineCursor,
                      handler: QueryResultHandler) throws(ConnectionError) -> Bool {
        switch PQresultStatus(result) {
        case PGRES_PIPELINE_SYNC:
            return true
        case PGRES_SINGLE_TUPLE:
            if !cursor.inResultSet {
                handler.resultSetBegan(columns: pipelineColumns(of: result))
                cursor.inResultSet = true
                cursor.rows = 0
            }
            cursor.deliver(result, row: 0, to: handler)
            cursor.rows += 1
        case PGRES_TUPLES_OK:
            if !cursor.inResultSet { handler.resultSetBegan(columns: pipelineColumns(of: result)) }
            // Not in single-row mode: the rows are in this result.
            let count = Int(PQntuples(result))
            for row in 0..<count { cursor.deliver(result, row: Int32(row), to: handler) }
            let tag = String(cString: PQcmdStatus(result))
            handler.resultSetEnded(rowCount: cursor.rows + count, commandTag: tag)
            cursor.outcome.rowCount = cursor.rows + count
            cursor.outcome.commandTag = tag
            cursor.inResultSet = false
            cursor.rows = 0
        case PGRES_COMMAND_OK:
            let tag = String(cString: PQcmdStatus(result))
            handler.commandCompleted(commandTag: tag)
            cursor.outcome.rowCount = Int(String(cString: PQcmdTuples(result))) ?? 0
            cursor.outcome.commandTag = tag
        case PGRES_EMPTY_QUERY:
            break
        case PGRES_PIPELINE_ABORTED:
            // An earlier statement of the same implicit transaction (inside a block) failed; the session
            // reports this one as skipped. Should it not, this says what happened.
            let error = ServerError(message: "statement not run: an earlier statement in the pipeline failed")
            cursor.fail(error, handler)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            // The session never pipelines COPY; a COPY hidden where the classifier cannot see it is refused.
            throw ConnectionError(.connectionLost, "COPY cannot run in pipeline mode")
        default:
            cursor.fail(ServerError(result: result), handler)
        }
        return false
    }

    private func pipelineLost(_ cursor: inout PipelineCursor, _ handler: QueryResultHandler) -> ConnectionError {
        let message = String(cString: PQerrorMessage(pg))
        if !message.isEmpty {
            cursor.fail(ServerError(severity: "FATAL", sqlState: "08006", message: message, formatted: message), handler)
        }
        return ConnectionError(.connectionLost, "")
    }

    private func pipelineColumns(of result: OpaquePointer) -> [ResultColumn] {
        (0..<PQnfields(result)).map {
            ResultColumn(name: String(cString: PQfname(result, $0)), typeOID: UInt32(PQftype(result, $0)))
        }
    }
}

/// Where reading one pipelined statement's results stands, between calls of `readPipelined`.
public struct PipelineCursor {
    var started = false
    var sawResult = false
    var inResultSet = false
    var rows = 0
    public internal(set) var outcome = StatementOutcome(succeeded: true, lastError: nil, rowCount: 0,
                                                         commandTag: nil, cancelled: false)
    /// One row's cells, reused (a pipeline reads millions of rows through it).
    private var cells = CellArray()

    public init() {}

    mutating func fail(_ error: ServerError, _ handler: QueryResultHandler) {
        inResultSet = false
        outcome.succeeded = false
        outcome.lastError = error
        outcome.rowCount = 0
        handler.serverError(error)
    }

    mutating func deliver(_ result: OpaquePointer, row: Int32, to handler: QueryResultHandler) {
        let count = Int(PQnfields(result))
        cells.withCells(count: count) { buffer in
            for i in 0..<count {
                let column = Int32(i)
                if PQgetisnull(result, row, column) != 0 {
                    buffer[i] = .null
                } else {
                    let value = UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self)
                    buffer[i] = Cell(base: value, count: Int(PQgetlength(result, row, column)))
                }
            }
            handler.row(UnsafeBufferPointer(buffer))
        }
    }
}

/// A growable buffer of cells, owned by one cursor (a class so the cursor stays a cheap value).
private final class CellArray {
    private var storage = UnsafeMutableBufferPointer<Cell>(start: nil, count: 0)

    func withCells(count: Int, _ body: (UnsafeMutableBufferPointer<Cell>) -> Void) {
        if storage.count < count {
            storage.deallocate()
            storage = .allocate(capacity: count)
        }
        body(UnsafeMutableBufferPointer(rebasing: storage[0..<count]))
    }

    deinit { storage.deallocate() }
}
