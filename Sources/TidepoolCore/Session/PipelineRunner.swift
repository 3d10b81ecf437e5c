/// Runs a script's statements in libpq pipeline mode (`--pipeline`, `\set PIPELINE on`; DESIGN.md,
/// Performance) with the same results, exit status and final database state as running them one by one.
///
/// Statements are sent ahead, each with its own sync, so each keeps its own implicit transaction and error.
/// Results are read strictly in order and each statement is then printed and accounted for as the front door
/// (`Session.run`) would: result variables, timing, transaction bookkeeping. What cannot be pipelined
/// (PipelineEligibility) drains the pipeline and runs alone, as do meta-commands (MainLoop drains first).
///
/// Auto-rollback: when a statement fails in a block, the one-by-one run rolls the block back at once and
/// skips the rest of it. Here the rest of the block is already on its way; the server, whose block is then
/// aborted, refuses every statement of it until the user's COMMIT/ROLLBACK, which reports ROLLBACK. So the
/// effect is the same, and each refused statement is reported as skipped, exactly as the one-by-one run
/// reports it. The session's own ROLLBACK is sent once the pipeline is drained if the block is still open.
final class PipelineRunner {
    private struct Queued {
        let sql: [UInt8]
        let kind: StatementKind
        let line: Int
        /// Followed by its own sync; false inside a block, where consecutive statements share one.
        var hasSync = false
    }

    private let session: Session
    /// Hands each statement's status to the main loop; a status back means "stop the script with it".
    private let report: (Session.StatementStatus) -> MainLoop.ExitStatus?
    private var queue: [Queued] = []
    private var head = 0
    private var cursor = PipelineCursor()
    private var handler: QueryResultHandler?
    private var headStarted = MonotonicClock.now()
    private var inPipelineMode = false
    /// tidepool rolled a failed block back in its bookkeeping, but the server's block is still open (aborted).
    private var owesRollback = false
    /// The server's transaction status as of the last statement processed (PipelineTransactionState).
    private var transactionState = PipelineTransactionState(state: .idle)
    /// Where the block stands as far as statements already sent go (assuming they succeed): statements in a
    /// block without savepoints may share a sync, since an error there aborts the rest of the block anyway.
    private var sentInBlock = false
    private var sentSavepoint = false
    /// The last queued statement still waits for its sync.
    private var syncOwed = false
    /// Statements sent but not yet read; bounded so that memory and the server's backlog stay small.
    let maxInFlight: Int

    init(session: Session, maxInFlight: Int = 512, report: @escaping (Session.StatementStatus) -> MainLoop.ExitStatus?) {
        self.session = session
        self.maxInFlight = maxInFlight
        self.report = report
    }

    var hasPending: Bool { head < queue.count }

    enum Offer { case queued(MainLoop.ExitStatus?), declined(MainLoop.ExitStatus?) }

    /// Queues `sql` if it may be pipelined now; otherwise drains the pipeline and declines, and the caller runs
    /// the statement the normal way (unless a status says the script stops).
    func offer(_ sql: [UInt8], line: Int) -> Offer {
        let kind = StatementClassifier.classify(sql)
        guard PipelineEligibility.sessionAllows(session), PipelineEligibility.statementAllows(sql, kind: kind),
              hasPending || canStart() else {
            return .declined(flush())
        }
        if !inPipelineMode {
            session.applyErrorDisplay()
            guard session.connection.enterPipelineMode() else { return .declined(nil) }
            transactionState = PipelineTransactionState(state: session.connection.transactionState)
            sentInBlock = transactionState.state == .inTransaction
            sentSavepoint = !session.transactions.savepoints.isEmpty
            inPipelineMode = true
            headStarted = MonotonicClock.now()
        }
        let sharesSync = session.autoRollback == .block && sentInBlock && !sentSavepoint
            && (kind == .other || kind == .sessionState)
        do {
            if syncOwed && !sharesSync { try syncLast() }
            try session.connection.queuePipelined(sql)
            queue.append(Queued(sql: sql, kind: kind, line: line))
            syncOwed = true
            followSentBlock(kind)
            if !(session.autoRollback == .block && sentInBlock && !sentSavepoint) { try syncLast() }
        } catch {
            return .queued(flush())
        }
        // Print what has already come back now and then, without waiting; wait when too much is in flight.
        if (queue.count - head) % 64 == 0, let stop = process(wait: false) { return .queued(stop) }
        if queue.count - head > maxInFlight, let stop = process(wait: true, limit: maxInFlight / 2) {
            return .queued(stop)
        }
        return .queued(nil)
    }

    private func syncLast() throws(ConnectionError) {
        try session.connection.syncPipeline()
        queue[queue.count - 1].hasSync = true
        syncOwed = false
    }

    /// Follows BEGIN/COMMIT/ROLLBACK/savepoints of the statements sent, to decide which may share a sync.
    private func followSentBlock(_ kind: StatementKind) {
        switch kind {
        case .begin: sentInBlock = true
        case .commit, .rollback: sentInBlock = false; sentSavepoint = false
        case .savepoint, .release, .rollbackTo: sentSavepoint = true  // until the block ends: no sharing
        default: break
        }
    }

    /// Reads and prints every statement still in flight, leaves pipeline mode and settles the session's own
    /// ROLLBACK if one is owed. Returns a status when the script must stop.
    @discardableResult
    func flush() -> MainLoop.ExitStatus? {
        var stop: MainLoop.ExitStatus?
        if syncOwed && hasPending {
            do { try syncLast() } catch { return finishLost(queue[queue.count - 1], error) }
        }
        if hasPending { stop = process(wait: true) }
        if inPipelineMode {
            session.connection.exitPipelineMode()
            inPipelineMode = false
            // The followed status must be the server's; if not, the server's wins for what comes next.
            if !session.isDisconnected && session.connection.transactionState != transactionState.state {
                PipelineTransactions.afterStatement(.other, status: .succeeded, state: session.connection.transactionState,
                                                    session: session, rolledBack: { owesRollback = true })
            }
        }
        queue.removeAll(keepingCapacity: true)
        head = 0
        if owesRollback {
            owesRollback = false
            if !session.isDisconnected && session.connection.transactionState == .inFailedTransaction {
                _ = session.quietly("ROLLBACK")
            }
        }
        return stop
    }

    /// A new pipeline starts only on a live, idle connection and outside a block tidepool already rolled back
    /// (those statements are skipped without reaching the server, which the normal path does).
    private func canStart() -> Bool {
        guard !session.transactions.failed, !session.isDisconnected else { return false }
        return session.connection.isAlive()
    }

    /// Processes finished statements in order: all of them (or `limit`), waiting for the server when `wait`.
    private func process(wait: Bool, limit: Int = .max) -> MainLoop.ExitStatus? {
        var done = 0
        if wait && syncOwed {
            do { try session.connection.requestPipelineFlush() } catch { return finishLost(queue[head], error) }
        }
        while hasPending && done < limit {
            let statement = queue[head]
            // A statement whose sync is not decided yet is not read to its end yet.
            if syncOwed && head == queue.count - 1 { return nil }
            let skipped = session.transactions.failed  // this statement belongs to a block tidepool rolled back
            if handler == nil {
                handler = skipped ? SkippedStatementSink() : makePrintingHandler()
                session.lease.setActivity(String(decoding: statement.sql.prefix(200), as: UTF8.self))
            }
            let savedLine = session.diagnostics.lineNumber
            session.diagnostics.lineNumber = statement.line
            defer { session.diagnostics.lineNumber = savedLine }
            let outcome: StatementOutcome?
            do {
                outcome = try session.connection.readPipelined(&cursor, handler: handler!, endsAtSync: statement.hasSync,
                                                               wait: wait, interrupt: session.signals)
            } catch {
                return finishLost(statement, error)
            }
            guard let outcome else { return nil }  // not back yet
            let status = skipped ? finishSkipped(statement) : finish(statement, outcome)
            handler = nil
            cursor = PipelineCursor()
            head += 1
            done += 1
            if let stop = report(status) {
                return stop
            }
        }
        return nil
    }

    private func makePrintingHandler() -> ResultPrintingHandler {
        let diagnostics = session.diagnostics
        // Results and command tags go where `\o` sends them, as on the one-by-one path.
        let handler = ResultPrintingHandler(settings: session.printSettings, output: session.resultOutput,
                                            quiet: session.quiet) { error in diagnostics.server(error.formatted) }
        handler.copy = CopyContext(routes: session.copyRoutes, queryOutput: session.resultOutput)
        return handler
    }

    /// A statement read whole: what `Session.send` and the transaction rules do after a statement.
    private func finish(_ statement: Queued, _ outcome: StatementOutcome) -> Session.StatementStatus {
        session.resultOutput.flush()
        session.reportOutputFailure(on: session.resultOutput)
        let out = session.output
        out.flush()
        let variables = PipelineResultVariables(outcome)
        variables.apply(to: session)
        let finished = MonotonicClock.now()
        let totalMs = Double(finished.nanoseconds &- headStarted.nanoseconds) / 1e6
        headStarted = finished
        session.timings.record(milliseconds: totalMs, foreground: true)
        if session.timing, let printing = handler as? ResultPrintingHandler {
            let printMs = Double(printing.printingNanoseconds) / 1e6
            out.write(TimingLine.format(totalMilliseconds: totalMs, waitMilliseconds: 0,
                                        executeMilliseconds: max(0, totalMs - printMs), printMilliseconds: printMs))
            out.flush()
        }
        let status: Session.StatementStatus = outcome.succeeded ? .succeeded : .failed
        transactionState.advance(kind: statement.kind, outcome: outcome)
        PipelineTransactions.afterStatement(statement.kind, status: status, state: transactionState.state,
                                            session: session, rolledBack: { owesRollback = true })
        return status
    }

    /// A statement of a block tidepool rolled back: the server refused it (or, for COMMIT/ROLLBACK, ended the
    /// aborted block); reported exactly as the normal path reports a skipped statement.
    private func finishSkipped(_ statement: Queued) -> Session.StatementStatus {
        headStarted = MonotonicClock.now()
        switch statement.kind {
        case .commit, .rollback:
            owesRollback = false  // the server's block ended with this statement
            transactionState.state = .idle
            session.transactions.failed = false
            session.transactions.blockClosed()
            if !session.quiet {
                session.resultOutput.write("ROLLBACK\n")
                session.resultOutput.flush()
            }
            session.variables.set("ERROR", "false")
            return .succeeded
        default:
            session.diagnostics.error("statement skipped: the transaction block was rolled back; end it with COMMIT or ROLLBACK")
            session.variables.set("ERROR", "true")
            return .failed
        }
    }

    /// The connection died under the pipeline: reported as `Session.send` reports it; nothing after runs.
    private func finishLost(_ statement: Queued, _ error: ConnectionError) -> MainLoop.ExitStatus? {
        session.output.flush()
        session.variables.set("ERROR", "true")
        if !error.message.isEmpty { session.diagnostics.server(error.message) }
        let wasInBlock = session.transactions.openedAt != nil
        session.lease.markBroken()
        session.isDisconnected = true
        if wasInBlock {
            session.transactions.failed = true
            session.diagnostics.warning("the open transaction block was lost with the connection; nothing in it was committed")
        }
        session.transactions.blockClosed()
        inPipelineMode = false
        owesRollback = false
        syncOwed = false
        queue.removeAll()
        head = 0
        handler = nil
        cursor = PipelineCursor()
        return report(.connectionLost)
    }
}

/// Drops a refused statement's results: the session reports it as skipped instead.
private final class SkippedStatementSink: QueryResultHandler {
    func resultSetBegan(columns: [ResultColumn]) {}
    func row(_ cells: UnsafeBufferPointer<Cell>) {}
    func resultSetEnded(rowCount: Int, commandTag: String) {}
    func commandCompleted(commandTag: String) {}
    func serverError(_ error: ServerError) {}
}
