/// Warns, once per session, when the user relies on session state that PgBouncer in transaction (or
/// statement) pooling mode cannot keep: a SET outside a block, a temporary table, LISTEN, SQL PREPARE.
/// Through such a pooler the next statement may run on another server connection, where that state
/// does not exist; the statement itself succeeded, so nothing else would tell the user.
///
/// Detection, done once and only when such a statement first succeeds (no cost otherwise):
/// - PgBouncer answers the start-up with a cancel key of its own, so the backend pid libpq was given
///   differs from the server's `pg_backend_pid()`. Direct connections (and other poolers that pass the
///   key through) always agree.
/// - Pool mode: a second client — one of tidepool's pooled connections — asks `pg_backend_pid()` too.
///   In session mode the session's server connection is its alone, so the answers differ; in
///   transaction mode the server connection the session just released is handed on (PgBouncer reuses
///   the most recently used one), so they agree.
final class PgBouncerWatch {
    enum Verdict: Equatable {
        case direct
        case sessionPooling
        case transactionPooling
    }

    private(set) var verdict: Verdict?
    private var warned = false

    /// Called after each statement the user ran successfully.
    func noteStatement(_ kind: StatementKind, wasInBlock: Bool, session: Session) {
        guard !warned else { return }
        let relied: String
        switch kind {
        case .set where !wasInBlock && !session.inTransactionBlock:
            relied = "a SET outside a transaction block"
        case .sessionState:
            relied = "session state (a temporary table, LISTEN, PREPARE or a cursor)"
        default:
            return
        }
        // In a block the server connection is pinned until it ends; decide later, outside it.
        guard !session.inTransactionBlock else { return }
        if verdict == nil { verdict = detect(session) }
        guard verdict == .transactionPooling else { return }
        warned = true
        session.diagnostics.server("""
            WARNING:  connected through PgBouncer in transaction pooling mode: \(relied) is not kept \
            for later statements, which may run on another server connection
            HINT:  Use a session-mode pool, or keep such state inside one transaction block (SET LOCAL).
            """)
    }

    private func detect(_ session: Session) -> Verdict {
        let collector = RowCollector()
        guard let outcome = try? session.connection.execute(Array("select pg_backend_pid()".utf8), handler: collector,
                                                            interrupt: nil),
              outcome.succeeded, let text = collector.rows.first?.first ?? nil, let serverPID = Int32(text)
        else { return .direct }
        if serverPID == session.connection.backendPID { return .direct }
        guard case .success(let other) = session.catalogQuery("select pg_backend_pid()", on: .pooled),
              let otherText = other.rows.first?.first ?? nil, let otherPID = Int32(otherText)
        else { return .sessionPooling }
        return otherPID == serverPID ? .transactionPooling : .sessionPooling
    }
}
