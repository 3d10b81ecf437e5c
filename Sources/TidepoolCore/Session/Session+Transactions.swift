/// The front door's transaction rules (DESIGN.md, Transactions and auto-rollback): a block applies whole or not
/// at all. Block state always comes from the server (PQtransactionStatus); statement kinds only tell how the
/// user means to end or mark a block.
extension Session {
    /// The auto-rollback mode, from `\set AUTO_ROLLBACK` (default `block`). psql's own
    /// `\set ON_ERROR_ROLLBACK on` (or `interactive`, at a terminal) asks for what `statement` does, and wins:
    /// a psql script that sets it gets psql's behaviour.
    public var autoRollback: TransactionTracker.Mode {
        switch variables["ON_ERROR_ROLLBACK"]?.lowercased() {
        case "on": return .statement
        case "interactive" where interactive: return .statement
        default: break
        }
        return TransactionTracker.Mode(rawValue: (variables["AUTO_ROLLBACK"] ?? "block").lowercased()) ?? .block
    }

    public var inTransactionBlock: Bool {
        let state = connection.transactionState
        return state == .inTransaction || state == .inFailedTransaction
    }

    /// Runs SQL the user typed, under the transaction rules, with self-healing of an idle session connection.
    @discardableResult
    public func run(_ sql: [UInt8], settings: PrintSettings? = nil, output: OutputStream? = nil) -> StatementStatus {
        underTransactionRules(StatementClassifier.classify(sql), sql: sql, output: output) {
            send(sql, settings: settings, output: output)
        }
    }

    /// The transaction rules around one statement that `perform` sends on the session connection; `kind` says
    /// how it opens, ends or marks a block (`.other` for one that is only described, \gdesc).
    func underTransactionRules(_ kind: StatementKind, sql: [UInt8], output: OutputStream?,
                               perform: () -> StatementStatus) -> StatementStatus {
        if let status = ensureLiveConnection() { return status }
        if transactions.failed && !inTransactionBlock {
            return statementInFailedBlock(kind, output: output ?? resultOutput)
        }
        if let status = beginImplicitly(sql) { return status }
        let wrapped = autoRollback == .statement && connection.transactionState == .inTransaction
            && isPlainStatement(kind)
        if wrapped { _ = quietly("SAVEPOINT tidepool_statement") }
        let wasInBlock = inTransactionBlock
        let status = perform()
        if status == .connectionLost {
            if wasInBlock || inTransactionBlockBeforeLoss {
                transactions.failed = true
                diagnostics.server("WARNING:  the open transaction block was lost with the connection; nothing in it was committed")
            }
            transactions.blockClosed()
            return status
        }
        afterStatement(kind, status: status, wrapped: wrapped, wasInBlock: wasInBlock)
        if status == .succeeded { pgBouncer.noteStatement(kind, wasInBlock: wasInBlock, session: self) }
        return status
    }

    /// AUTOCOMMIT off: outside a block, a statement that may run in one gets psql's BEGIN first. The block
    /// then follows the same rules as one the user opened. nil: go on and send the statement.
    private func beginImplicitly(_ sql: [UInt8]) -> StatementStatus? {
        guard let autocommit = variables["AUTOCOMMIT"], Variables.parseBoolean(autocommit) == false,
              connection.transactionState == .idle, !ImplicitTransaction.commandNoBegin(sql) else { return nil }
        let collector = RowCollector()
        do {
            let outcome = try connection.execute(Array("BEGIN".utf8), handler: collector, interrupt: nil)
            if let error = outcome.lastError {
                diagnostics.server(error.formatted)
                return .failed
            }
        } catch {
            handleLostConnection(error)
            return .connectionLost
        }
        return nil
    }

    /// Whether the session connection was in a block just before it was lost (libpq then reports "unknown").
    private var inTransactionBlockBeforeLoss: Bool { transactions.openedAt != nil }

    private func isPlainStatement(_ kind: StatementKind) -> Bool {
        switch kind {
        case .begin, .commit, .rollback, .savepoint, .release, .rollbackTo: return false
        default: return true
        }
    }

    /// After tidepool rolled the block back: COMMIT/END and ROLLBACK/ABORT end it (reporting ROLLBACK, as the
    /// server reports a COMMIT of an aborted block); anything else is skipped, never run in autocommit.
    private func statementInFailedBlock(_ kind: StatementKind, output out: OutputStream) -> StatementStatus {
        switch kind {
        case .commit, .rollback:
            transactions.failed = false
            transactions.blockClosed()
            if !quiet {
                out.write("ROLLBACK\n")
                out.flush()
            }
            variables.set("ERROR", "false")
            return .succeeded
        default:
            diagnostics.error("statement skipped: the transaction block was rolled back; end it with COMMIT or ROLLBACK")
            variables.set("ERROR", "true")
            return .failed
        }
    }

    private func afterStatement(_ kind: StatementKind, status: StatementStatus, wrapped: Bool, wasInBlock: Bool) {
        let state = connection.transactionState
        let now = MonotonicClock.now()
        if wrapped {
            // psql's ON_ERROR_ROLLBACK: undo only the failed statement and let the block go on.
            _ = quietly(state == .inFailedTransaction ? "ROLLBACK TO SAVEPOINT tidepool_statement"
                                                      : "RELEASE SAVEPOINT tidepool_statement")
        }
        switch connection.transactionState {
        case .idle:
            transactions.blockClosed()
            lease.markInTransaction(nil)
            if status == .succeeded, case .set = kind { recordedSettings.append(lastSentSQL) }
            if status == .succeeded, kind == .sessionState { carriesSessionState = true }
        case .inTransaction:
            // COMMIT/ROLLBACK AND CHAIN end one block and open the next at once.
            if kind == .commit || kind == .rollback { transactions.blockClosed() }
            if transactions.openedAt == nil {
                transactions.openedAt = now
                lease.markInTransaction(.now())
            }
            if status == .succeeded {
                transactions.noteSavepoint(kind)
                if kind != .begin && kind != .commit && kind != .rollback { transactions.statements += 1 }
                if kind == .sessionState { carriesSessionState = true }
            }
            transactions.idleSince = now
        case .inFailedTransaction:
            if transactions.openedAt == nil {
                transactions.openedAt = now
                lease.markInTransaction(.now())
            }
            transactions.noteSavepoint(kind)
            transactions.idleSince = now
            if autoRollback == .block && transactions.savepoints.isEmpty {
                rollBackFailedBlock()
            }
        default:
            break
        }
    }

    /// Sends tidepool's own ROLLBACK for the open block and forgets it; returns how many statements it undid.
    /// `failed`: the user must still end the block (its later statements are skipped until then).
    private func rollBackBlock(failed: Bool) -> Int {
        let undone = transactions.statements
        _ = quietly("ROLLBACK")
        transactions.blockClosed()
        transactions.failed = failed
        lease.markInTransaction(nil)
        return undone
    }

    /// The block failed and the user holds no savepoint: roll it back now, say so once, skip the rest.
    private func rollBackFailedBlock() {
        let undone = rollBackBlock(failed: true)
        diagnostics.server("ROLLBACK: the transaction block was rolled back; \(TransactionTracker.undone(undone))")
    }

    /// Ends an open block at the end of the session (EOF, \q, a signal): roll back, with a warning.
    public func rollBackOpenBlock(reason: String) {
        guard !isDisconnected, inTransactionBlock else { return }
        let undone = rollBackBlock(failed: false)
        diagnostics.server("WARNING:  \(reason): the open transaction block was rolled back; \(TransactionTracker.undone(undone, earlier: false))")
    }

    /// `--idle-tx-timeout`: the deadline for the block now open and idle, if any.
    func idleTransactionDeadline() -> MonotonicClock.Instant? {
        guard let seconds = idleTransactionTimeout, seconds > 0, let since = transactions.idleSince,
              !isDisconnected, inTransactionBlock else { return nil }
        return since.advanced(bySeconds: seconds)
    }

    /// Called on the main thread when the idle deadline passes, even while waiting for input.
    func idleTransactionExpired() {
        guard let seconds = idleTransactionTimeout, inTransactionBlock else { return }
        let undone = rollBackBlock(failed: true)
        let notice = "ROLLBACK: the transaction block was idle for more than \(formatSeconds(seconds)) and was rolled back; \(TransactionTracker.undone(undone))"
        // At a terminal the user may be typing: the notice waits for the next prompt. A script has no prompt.
        if interactive { pendingNotices.append(notice) } else { diagnostics.server(notice) }
    }

    /// The idle-transaction timeout in seconds: `\set IDLE_TX_TIMEOUT`, else `--idle-tx-timeout`.
    var idleTransactionTimeout: Double? {
        if let text = variables["IDLE_TX_TIMEOUT"] {
            guard let value = Double(text), value > 0 else { return nil }
            return value
        }
        return defaultIdleTransactionTimeout
    }

    /// Wires the idle deadline into the input readers.
    public func installIdleTransactionTimer() {
        idle.deadline = { [unowned self] in self.idleTransactionDeadline() }
        idle.expire = { [unowned self] in self.idleTransactionExpired() }
    }

    /// Shows notices that arose while waiting for input (before the next prompt).
    public func flushPendingNotices() {
        guard !pendingNotices.isEmpty else { return }
        for notice in pendingNotices { diagnostics.server(notice) }
        pendingNotices.removeAll()
    }

    /// Runs SQL of tidepool's own on the session connection: nothing printed, not counted.
    func quietly(_ sql: String) -> Bool {
        let collector = RowCollector()
        guard let outcome = try? connection.execute(Array(sql.utf8), handler: collector, interrupt: nil) else {
            return false
        }
        return outcome.succeeded
    }
}

func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(formatDouble(seconds, "%.1f")) s"
}
