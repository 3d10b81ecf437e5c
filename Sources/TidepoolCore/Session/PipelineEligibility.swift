/// Which statements of a script may be sent ahead in pipeline mode, and when the session may pipeline at all.
///
/// Pipelining must never change what a script does, so everything here errs towards "run it alone": a
/// statement that is declined simply runs the normal way after the pipeline has been drained.
enum PipelineEligibility {
    /// Variables set from each statement's result: reading one drains the pipeline first.
    static let resultVariables: Set<String> = ["ERROR", "SQLSTATE", "ROW_COUNT", "LAST_ERROR_MESSAGE",
                                               "LAST_ERROR_SQLSTATE"]

    /// Whether the session's settings allow pipelining now (`--pipeline` / `\set PIPELINE on`, in a script).
    static func sessionAllows(_ session: Session) -> Bool {
        let v = session.variables
        guard !session.interactive, v.bool("PIPELINE") else { return false }
        // ON_ERROR_STOP: no statement after a failing one may take effect, but the next ones are already sent.
        if session.onErrorStop { return false }
        // ECHO prints input and statements where they are read, ahead of the results still in flight.
        if let echo = v["ECHO"], echo != "none" { return false }
        if v.bool("SINGLESTEP") { return false }
        if session.log != nil { return false }  // -L logs each query as it is sent, its result after it
        if let autocommit = v["AUTOCOMMIT"], Variables.parseBoolean(autocommit) == false { return false }
        // AUTO_ROLLBACK statement wraps each statement in a savepoint chosen by the previous one's outcome.
        if session.autoRollback == .statement { return false }
        return !session.isDisconnected
    }

    /// Whether this one statement may go into a pipeline. Declined: whatever libpq's extended protocol cannot
    /// carry (several statements in one text, COPY), what changes how later statements are scanned or replayed
    /// (SET), what the server refuses or treats differently in an implicit transaction of a pipeline (VACUUM,
    /// CREATE DATABASE, … CONCURRENTLY, CALL/DO that may commit), two-phase and chained transaction commands
    /// (they would end a block the session believes failed), and anything whose first word cannot be read.
    static func statementAllows(_ sql: [UInt8], kind: StatementKind) -> Bool {
        if case .set = kind { return false }
        if containsInnerSemicolon(sql) { return false }
        let words = StatementClassifier.leadingWords(sql, count: 6)
        guard let first = words.first else { return false }
        if words.contains("concurrently") || words.contains("chain") || words.contains("prepared") { return false }
        switch first {
        case "copy", "vacuum", "call", "do", "reindex", "cluster", "checkpoint", "discard", "load", "set", "reset":
            return false
        case "prepare":
            return words.count < 2 || words[1] != "transaction"
        case "create", "drop", "alter":
            let object = words.count > 1 ? words[1] : ""
            return !["database", "tablespace", "system", "subscription"].contains(object)
        default:
            return true
        }
    }

    /// A `;` before the final one (psql's `\;` joins statements, and pipeline mode takes one per message). Also
    /// true for a `;` inside a literal or comment, which only costs that statement its place in the pipeline.
    private static func containsInnerSemicolon(_ sql: [UInt8]) -> Bool {
        var end = sql.count
        while end > 0 && (isSQLWhitespace(sql[end - 1]) || sql[end - 1] == UInt8(ascii: ";")) { end -= 1 }
        return sql[..<end].contains(UInt8(ascii: ";"))
    }
}
