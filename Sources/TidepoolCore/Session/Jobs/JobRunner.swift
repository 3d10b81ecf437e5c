/// What a job's thread does, start to end: lease a connection (role `job`), send the statement, store what
/// comes back, roll back a block the text left open, give the connection back, record the time.
///
/// Runs on the job's own pthread and drives its connection there with non-blocking libpq (DESIGN.md,
/// Concurrency model). It never prints: everything the user sees is stored in the job and printed by the
/// main thread when the job is joined, so output stays in job order and never interleaves.
struct JobRunner: Sendable {
    let job: Job
    let pool: ConnectionPool<Connection>
    let timings: TimingRecorder
    /// Lease in start order: wait for the previous job's turn, pass ours once served (LeaseTurn).
    let previousTurn: LeaseTurn?
    let turn: LeaseTurn

    func run() -> JobState {
        let recorder = JobResultRecorder(job: job)
        let state = execute(recorder)
        let milliseconds = MonotonicClock.now().secondsSince(job.startedAt) * 1000
        timings.record(milliseconds: milliseconds, foreground: false)
        job.finish(state, result: recorder.result)
        return state
    }

    private func execute(_ recorder: JobResultRecorder) -> JobState {
        let lease: PoolLease<Connection>
        previousTurn?.wait(cancelled: { job.cancelRequested })
        defer { turn.pass() }  // also on the failure paths: the next job must not wait forever
        do {
            lease = try pool.lease(role: .job, interrupted: { job.cancelRequested })
            turn.pass()
        } catch {
            if error.code == .interrupted { return .cancelled }
            recorder.failure(error.message)
            return .failed
        }
        defer { lease.release() }
        let connection = lease.connection
        guard job.attach(connection, connectionID: lease.connectionID) else { return .cancelled }

        connection.setNoticeHandler { recorder.notice($0) }
        defer { connection.setNoticeHandler(nil) }
        lease.setActivity(job.statementText)
        let outcome: StatementOutcome
        do {
            outcome = try connection.execute(job.sql, handler: recorder)
        } catch {
            job.detach()
            lease.markBroken()
            recorder.failure(error.message.isEmpty ? "connection to server was lost" : error.message)
            return .failed
        }
        job.detach()
        lease.setActivity(nil)
        rollBackOpenBlock(lease, recorder: recorder, failed: !outcome.succeeded)

        if !outcome.succeeded {
            let cancelled = job.cancelRequested && recorder.result.firstError?.sqlState == "57014"
            return cancelled ? .cancelled : .failed
        }
        return .done
    }

    /// A job connection never goes back to the pool inside a transaction block: roll it back first, and if
    /// even that fails, close the connection instead of pooling it.
    private func rollBackOpenBlock(_ lease: PoolLease<Connection>, recorder: JobResultRecorder, failed: Bool) {
        let connection = lease.connection
        let state = connection.transactionState
        if state == .idle { return }
        guard state == .inTransaction || state == .inFailedTransaction else {
            lease.markBroken()  // mid-COPY or unknown: nothing sensible to send, so do not reuse it
            return
        }
        if state == .inTransaction && !failed {
            recorder.warning("the job ended inside a transaction block; rolled back")
        }
        do {
            let outcome = try connection.execute(Array("ROLLBACK".utf8), handler: DiscardingHandler())
            if !outcome.succeeded || connection.transactionState != .idle { lease.markBroken() }
        } catch {
            lease.markBroken()
        }
    }
}

/// Swallows every result (the job's clean-up ROLLBACK).
final class DiscardingHandler: QueryResultHandler {
    func resultSetBegan(columns: [ResultColumn]) {}
    func row(_ cells: UnsafeBufferPointer<Cell>) {}
    func resultSetEnded(rowCount: Int, commandTag: String) {}
    func commandCompleted(commandTag: String) {}
    func serverError(_ error: ServerError) {}
}
