/// What the front door does after each statement, for statements that ran in a pipeline: the result variables
/// of `Session.send` and the transaction bookkeeping of Session+Transactions.swift (`afterStatement`). Kept
/// in step with those by the pipeline tests, which run the whole differential corpus both ways.

/// ERROR, SQLSTATE, ROW_COUNT and LAST_ERROR_* after a statement, as psql sets them.
struct PipelineResultVariables {
    let outcome: StatementOutcome

    init(_ outcome: StatementOutcome) { self.outcome = outcome }

    func apply(to session: Session) {
        if let error = outcome.lastError {
            session.lastError = error
            session.variables.set("ERROR", "true")
            session.variables.set("SQLSTATE", error.sqlState)
            session.variables.set("ROW_COUNT", "0")
            session.variables.set("LAST_ERROR_MESSAGE", error.message)
            session.variables.set("LAST_ERROR_SQLSTATE", error.sqlState)
        } else {
            session.variables.set("ERROR", "false")
            session.variables.set("SQLSTATE", "00000")
            session.variables.set("ROW_COUNT", String(outcome.rowCount))
        }
    }
}

enum PipelineTransactions {
    /// Block bookkeeping from the server's transaction status after the statement's sync. A statement that
    /// fails in a block without a savepoint of the user's makes the block failed, as auto-rollback does; the
    /// server's block stays aborted (it refuses the rest) and `rolledBack` tells the runner it owes a ROLLBACK
    /// once the pipeline is drained. SETs never run in a pipeline, so no setting is recorded here.
    static func afterStatement(_ kind: StatementKind, status: Session.StatementStatus, state: Connection.TransactionState,
                               session: Session, rolledBack: () -> Void) {
        let now = MonotonicClock.now()
        switch state {
        case .idle:
            session.transactions.blockClosed()
            session.lease.markInTransaction(nil)
            if status == .succeeded, kind == .sessionState { session.carriesSessionState = true }
        case .inTransaction:
            if session.transactions.openedAt == nil {
                session.transactions.openedAt = now
                session.lease.markInTransaction(.now())
            }
            if status == .succeeded {
                session.transactions.noteSavepoint(kind)
                if kind != .begin { session.transactions.statements += 1 }
                if kind == .sessionState { session.carriesSessionState = true }
            }
            session.transactions.idleSince = now
        case .inFailedTransaction:
            if session.transactions.openedAt == nil {
                session.transactions.openedAt = now
                session.lease.markInTransaction(.now())
            }
            session.transactions.noteSavepoint(kind)
            session.transactions.idleSince = now
            if session.autoRollback == .block && session.transactions.savepoints.isEmpty {
                let undone = session.transactions.statements
                session.transactions.blockClosed()
                session.transactions.failed = true
                session.lease.markInTransaction(nil)
                rolledBack()
                session.diagnostics.server("ROLLBACK: the transaction block was rolled back; \(TransactionTracker.undone(undone))")
            }
        default:
            break
        }
    }
}

/// The server's transaction status after a pipelined statement. libpq reports only "active" while a pipeline
/// is open (PQtransactionStatus needs an idle connection), so the status is followed from the statements'
/// outcomes: it starts from the real status when the pipeline opens and is checked against it when the
/// pipeline closes. The statements that could move it in other ways (CALL, DO, PREPARE TRANSACTION,
/// … AND CHAIN) never enter a pipeline.
struct PipelineTransactionState {
    var state: Connection.TransactionState

    mutating func advance(kind: StatementKind, outcome: StatementOutcome) {
        let tag = outcome.commandTag ?? ""
        if !outcome.succeeded {
            switch (state, kind) {
            case (.inTransaction, .commit), (.inFailedTransaction, .commit), (.inFailedTransaction, .rollback):
                state = .idle  // a COMMIT that failed (deferred constraint) ends the block all the same
            case (.inTransaction, _):
                state = .inFailedTransaction
            default:
                break  // idle stays idle (its implicit transaction failed alone); a failed block stays failed
            }
            return
        }
        switch (kind, tag) {
        case (.rollbackTo, _):
            state = .inTransaction
        case (_, "BEGIN"), (_, "START TRANSACTION"):
            if state == .idle { state = .inTransaction }
        case (_, "COMMIT"), (_, "ROLLBACK"):
            state = .idle
        default:
            break
        }
    }
}
