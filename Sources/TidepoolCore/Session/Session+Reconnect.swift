/// Self-healing of the session connection (DESIGN.md, The pool): a connection found dead while idle is
/// re-established before the next statement, its SETs replayed, and the user told once. In a script, psql's
/// contract holds where it must: if the dead connection carried what cannot be carried over (an open block,
/// temporary tables, prepared statements, LISTEN), the script ends with status 2.
extension Session {
    /// nil when the statement may go ahead; a status when it must not.
    func ensureLiveConnection() -> StatementStatus? {
        if !isDisconnected && connection.isAlive() { return nil }
        let hadBlock = transactions.openedAt != nil
        if !interactive && (hadBlock || carriesSessionState) {
            diagnostics.server(hadBlock
                ? "the connection to the server was lost while a transaction block was open"
                : "the connection to the server was lost, and with it this session's temporary objects, prepared statements or LISTENs")
            lease.markBroken()
            isDisconnected = true
            return .connectionLost
        }
        guard reconnect() else {
            // Said once here; the main loop must not try (and report) a second reset for the same statement.
            diagnostics.server(interactive ? "You are currently not connected to a database."
                                           : "the connection to the server was lost and could not be re-established")
            reconnectJustFailed = true
            return .connectionLost
        }
        diagnostics.server(recordedSettings.isEmpty
            ? "NOTICE:  the connection to the server was lost while idle; reconnected"
            : "NOTICE:  the connection to the server was lost while idle; reconnected and restored \(recordedSettings.count) session setting\(recordedSettings.count == 1 ? "" : "s")")
        if hadBlock {
            transactions.blockClosed()
            transactions.failed = true
            diagnostics.server("WARNING:  the open transaction block was lost with the connection; statements are skipped until COMMIT or ROLLBACK")
        }
        return nil
    }

    /// Leases a fresh session connection and replays the recorded SETs on it.
    func reconnect() -> Bool {
        lease.markBroken()
        lease.release()
        do {
            lease = try pool.lease(role: .session, interrupted: { [signals] in signals.consume() })
        } catch {
            diagnostics.server(error.message)
            isDisconnected = true
            return false
        }
        isDisconnected = false
        attachConnectionCallbacks()
        for setting in recordedSettings {
            _ = quietly(String(decoding: setting, as: UTF8.self))
        }
        carriesSessionState = false
        refreshConnectionVariables()
        return true
    }
}
