import Glibc

/// The foreground session: its connection (leased from the pool for the whole session), variables, output
/// settings and the front door through which every statement the user typed is run.
public final class Session {
    public let pool: ConnectionPool<Connection>
    public internal(set) var lease: PoolLease<Connection>
    public var connection: Connection { lease.connection }
    public var variables = Variables()
    public var printSettings = PrintSettings()
    public var output: OutputStream
    /// psql's queryFout: where results go while `\o FILE` or `\o |COMMAND` is in effect (OutputCommands.swift).
    public var queryOutput: OutputTarget?
    /// Results, COPY TO STDOUT and `\qecho` go here; messages and the timing line go to `output` (stdout).
    public var resultOutput: OutputStream { queryOutput?.stream ?? output }
    /// `-L FILE`: queries sent and their results are appended there too (SessionLog.swift).
    public var log: SessionLog?
    /// While set, results go to this handler instead of being printed (`\gset`, `\gexec`: `run(_:capturingWith:)`).
    var capturingHandler: QueryResultHandler?
    public let diagnostics: Diagnostics
    public let signals: SignalPipe
    /// Where COPY FROM STDIN reads and COPY TO STDOUT writes (CopyStreaming.swift).
    public private(set) lazy var copyRoutes = CopyRoutes(signals: signals)
    public let interactive: Bool
    public var timing: Bool
    /// Statement durations; job threads record theirs too, hence the lock (`\timing stats`).
    public let timings = TimingRecorder()
    public var timingLog: TimingLog { timings.snapshot }
    /// Background jobs (`\&`, `\bg`; Session/Jobs/).
    public var jobs: JobTable {
        if let jobTable { return jobTable }
        let table = JobTable(pool: pool, timings: timings)
        jobTable = table
        return table
    }
    /// The job table, if anything has used it: a session that never started a job has none to join or
    /// cancel, and does not pay for one (a pipe) on its way out.
    public var existingJobs: JobTable? { jobTable }
    private var jobTable: JobTable?
    /// The live line on stderr while a foreground statement runs at a terminal (StatusLine.swift).
    let statusLine = StatusLine()
    public var parameters: ConnectionParameters
    /// The last error, for `\errverbose`.
    public var lastError: ServerError?
    /// Completion catalog, history, pager and colour of the interactive shell (InteractiveShell.swift); nil in scripts.
    public var interactiveServices: InteractiveServices?
    /// Transaction-block bookkeeping for auto-rollback (Session+Transactions.swift).
    public var transactions = TransactionTracker()
    /// Session-level SETs, replayed when the session connection is re-established.
    public var recordedSettings: [[UInt8]] = []
    /// True once the session created something a new connection would not have (temp tables, PREPARE, LISTEN).
    public var carriesSessionState = false
    /// Warns once when session state is used through PgBouncer in transaction mode (PgBouncerWatch.swift).
    let pgBouncer = PgBouncerWatch()
    /// Messages to show before the next prompt (idle-transaction rollbacks that happened while waiting).
    public var pendingNotices: [String] = []
    /// Where the input readers look for the idle-transaction deadline.
    public let idle = IdleDeadline()
    /// `--idle-tx-timeout` (seconds); `\set IDLE_TX_TIMEOUT` overrides it.
    public var defaultIdleTransactionTimeout: Double?
    /// The stream whose write failure was already reported (each failed stream is reported once).
    private var reportedFailedStream: ObjectIdentifier?

    /// A reader that went away (`\o |true`, a closed pipe): said once per stream, as psql says it; the script
    /// goes on (later output to that stream is dropped).
    func reportOutputFailure(on stream: OutputStream) {
        guard let failure = stream.lastError, reportedFailedStream != ObjectIdentifier(stream) else { return }
        reportedFailedStream = ObjectIdentifier(stream)
        diagnostics.error("could not print result table: \(String(cString: strerror(failure)))")
    }

    /// Set when the front door already tried to reconnect for this statement and failed.
    var reconnectJustFailed = false
    /// The text most recently sent through the front door (SETs are recorded from it).
    var lastSentSQL: [UInt8] = []
    /// Set when the session connection was lost and could not be re-established.
    public internal(set) var isDisconnected = false

    public init(pool: ConnectionPool<Connection>, lease: PoolLease<Connection>, parameters: ConnectionParameters,
                output: OutputStream, diagnostics: Diagnostics, signals: SignalPipe, interactive: Bool, timing: Bool) {
        self.pool = pool
        self.lease = lease
        self.parameters = parameters
        self.output = output
        self.diagnostics = diagnostics
        self.signals = signals
        self.interactive = interactive
        self.timing = timing
        attachConnectionCallbacks()
        refreshConnectionVariables()
    }

    /// Notices print on stderr as they arrive; a Ctrl-C cancel is acknowledged as psql does.
    func attachConnectionCallbacks() {
        if !interactive { connection.cancelGraceSeconds = 3 }
        connection.setNoticeHandler { [diagnostics, statusLine] notice in
            statusLine.stop()
            diagnostics.server(notice.formatted)
        }
        connection.onCancelRequested = { [diagnostics, statusLine] in
            statusLine.stop()
            diagnostics.plain("Cancel request sent\n")
        }
    }

    public var quiet: Bool { variables.bool("QUIET") }
    public var onErrorStop: Bool { variables.bool("ON_ERROR_STOP") }

    /// What happened to a statement sent through the front door.
    public enum StatementStatus: Equatable { case succeeded, failed, connectionLost }

    /// Sends SQL on the session connection: prints results and errors as psql does, then the timing line, and
    /// keeps the result variables (ERROR, SQLSTATE, ROW_COUNT, LAST_ERROR_*) up to date. The front door, `run`
    /// (Session+Transactions.swift), wraps this with the transaction rules.
    func send(_ sql: [UInt8], settings: PrintSettings?, output target: OutputStream?) -> StatementStatus {
        if variables.bool("SINGLESTEP") && !SingleStep.confirm(sql, output: output) {
            return .failed  // psql: a cancelled query counts as failed, without setting ERROR
        }
        log?.query(sql)
        applyErrorDisplay()
        let out = target ?? resultOutput
        // At a terminal a result is collected first, so the pager and colour can judge the whole of it.
        let resultOut = interactiveServices?.resultStream(for: out) ?? out
        lastSentSQL = sql
        let started = MonotonicClock.now()
        let handler = ResultPrintingHandler(settings: settings ?? printSettings, output: resultOut, quiet: quiet) {
            [diagnostics] error in diagnostics.server(error.formatted)
        }
        handler.copy = CopyContext(routes: copyRoutes, queryOutput: out)
        handler.log = log
        if out.isTerminal, TerminalSafeCells.applies(to: (settings ?? printSettings).format) {
            handler.escapeControls = true
        }
        lease.setActivity(String(decoding: sql.prefix(200), as: UTF8.self))
        defer { lease.setActivity(nil) }
        let status: StatementStatus
        let watched = startStatusLine(around: capturingHandler ?? handler)
        do {
            let outcome = try connection.execute(sql, handler: watched, interrupt: signals)
            out.flush()
            recordOutcome(outcome)
            interactiveServices?.statementFinished(commandTag: outcome.commandTag)
            status = outcome.succeeded ? .succeeded : .failed
        } catch {
            statusLine.stop()
            out.flush()
            handleLostConnection(error)
            status = .connectionLost
        }
        statusLine.stop()
        if status == .failed && variables["ECHO"] == "errors" {
            // psql's -b: the failed statement after its error.
            diagnostics.server("STATEMENT:  " + String(decoding: sql, as: UTF8.self))
        }
        if resultOut !== out { interactiveServices?.finishResult(resultOut, settings: settings ?? printSettings, to: out) }
        reportOutputFailure(on: out)
        let finished = MonotonicClock.now()
        let totalMs = Double(finished.nanoseconds - started.nanoseconds) / 1e6
        timings.record(milliseconds: totalMs, foreground: true)
        if timing && status != .connectionLost {
            let printMs = Double(handler.printingNanoseconds) / 1e6
            out.flush()  // psql prints the timing line on stdout, also while results go to \o's target
            output.write(TimingLine.format(totalMilliseconds: totalMs, waitMilliseconds: 0,
                                           executeMilliseconds: max(0, totalMs - printMs), printMilliseconds: printMs))
            output.flush()
        }
        return status
    }

    /// VERBOSITY and SHOW_CONTEXT on whatever connection the session holds now (it may have been replaced
    /// since the variables were set: a reconnect, `\c`).
    func applyErrorDisplay() {
        connection.setErrorDisplay(verbosity: variables["VERBOSITY"] ?? "default",
                                   context: variables["SHOW_CONTEXT"] ?? "errors")
    }

    func recordOutcome(_ outcome: StatementOutcome) {
        if let oid = outcome.lastOID { variables.set("LASTOID", String(oid)) }
        if let error = outcome.lastError {
            lastError = error
            variables.set("ERROR", "true")
            variables.set("SQLSTATE", error.sqlState)
            variables.set("ROW_COUNT", "0")
            variables.set("LAST_ERROR_MESSAGE", error.message)
            variables.set("LAST_ERROR_SQLSTATE", error.sqlState)
        } else {
            variables.set("ERROR", "false")
            variables.set("SQLSTATE", "00000")
            variables.set("ROW_COUNT", String(outcome.rowCount))
        }
    }

    func handleLostConnection(_ error: ConnectionError) {
        variables.set("ERROR", "true")
        let message = error.message
        if !message.isEmpty { diagnostics.server(message) }
        lease.markBroken()
        isDisconnected = true
    }

    /// Interactive recovery after a lost connection, as psql does: try once to reconnect with the same
    /// parameters and say how it went.
    public func attemptReset() -> Bool {
        diagnostics.plain("The connection to the server was lost. Attempting reset: ")
        lease.release()
        do {
            lease = try pool.lease(role: .session, timeout: nil, interrupted: { [signals] in signals.consume() })
            attachConnectionCallbacks()
            isDisconnected = false
            diagnostics.plain("Succeeded.\n")
            refreshConnectionVariables()
            return true
        } catch {
            diagnostics.plain("Failed.\n")
            return false
        }
    }

    /// Runs an internal query (psql's back door) on the session connection without printing; returns rows
    /// as text, or the error.
    public func query(_ sql: String) -> Result<[[String?]], ServerError> {
        let collector = RowCollector()
        do {
            let outcome = try connection.execute(Array(sql.utf8), handler: collector, interrupt: signals)
            if let error = outcome.lastError { return .failure(error) }
            return .success(collector.rows)
        } catch {
            return .failure(ServerError(message: error.message))
        }
    }

    /// DBNAME, USER, HOST, PORT, ENCODING, SERVER_VERSION_*: psql keeps these in step with the connection.
    public func refreshConnectionVariables() {
        let c = connection
        if let v = c.option("dbname") { variables.set("DBNAME", v) }
        if let v = c.option("user") { variables.set("USER", v) }
        if let v = c.option("host") { variables.set("HOST", v) }
        if let v = c.option("port") { variables.set("PORT", v) }
        if let v = c.parameter("client_encoding") { variables.set("ENCODING", v) }
        if let v = c.parameter("server_version") { variables.set("SERVER_VERSION_NAME", v) }
        variables.set("SERVER_VERSION_NUM", String(c.serverVersionNumber))
    }

    /// Whether the connected role is a superuser (the prompt then ends in `#`).
    public var isSuperuser: Bool { connection.parameter("is_superuser") == "on" }
}

/// Collects a small result as strings (back-door queries: catalog lookups, \conninfo details).
final class RowCollector: QueryResultHandler {
    var columns: [ResultColumn] = []
    var rows: [[String?]] = []
    func resultSetBegan(columns: [ResultColumn]) { self.columns = columns; rows = [] }
    func row(_ cells: UnsafeBufferPointer<Cell>) {
        rows.append(cells.map { cell in
            cell.isNull ? nil : String(decoding: UnsafeBufferPointer(start: cell.base, count: cell.count), as: UTF8.self)
        })
    }
    func resultSetEnded(rowCount: Int, commandTag: String) {}
    func commandCompleted(commandTag: String) {}
    func serverError(_ error: ServerError) {}
}
