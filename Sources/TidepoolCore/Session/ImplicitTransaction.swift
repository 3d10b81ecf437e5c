/// `\set AUTOCOMMIT off`: psql opens a transaction block before any statement sent outside one, except the
/// statements that control transactions or may not run inside a block (psql's command_no_begin, which
/// mirrors the server's PreventInTransactionBlock callers).
enum ImplicitTransaction {
    /// True when `sql` must be sent without an implicit BEGIN.
    static func commandNoBegin(_ sql: [UInt8]) -> Bool {
        let words = StatementClassifier.leadingWords(sql, count: 4)
        func word(_ i: Int) -> String { i < words.count ? words[i] : "" }
        switch word(0) {
        case "abort", "begin", "start", "commit", "end", "rollback", "vacuum":
            return true
        case "prepare":
            return word(1) == "transaction"
        case "cluster":
            return words.count == 1  // CLUSTER alone; with arguments it may run in a block
        case "create":
            if word(1) == "database" || word(1) == "tablespace" { return true }
            let rest = word(1) == "unique" ? 2 : 1
            return word(rest) == "index" && word(rest + 1) == "concurrently"
        case "alter":
            return word(1) == "system"
        case "drop", "reindex":
            if ["database", "system", "tablespace"].contains(word(1)) { return true }
            // REINDEX {INDEX|TABLE} CONCURRENTLY and DROP INDEX CONCURRENTLY.
            return (word(1) == "index" || word(1) == "table") && word(2) == "concurrently"
        case "discard":
            return word(1) == "all"
        default:
            return false
        }
    }
}
