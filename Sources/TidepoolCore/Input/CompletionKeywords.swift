/// The keyword lists completion offers, by position, in upper case (the case is applied when offered).
enum CompletionKeywords {
    static let statementStart = [
        "ABORT", "ALTER", "ANALYZE", "BEGIN", "CALL", "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT", "COPY",
        "CREATE", "DEALLOCATE", "DECLARE", "DELETE FROM", "DISCARD", "DO", "DROP", "END", "EXECUTE", "EXPLAIN",
        "FETCH", "GRANT", "IMPORT FOREIGN SCHEMA", "INSERT INTO", "LISTEN", "LOAD", "LOCK", "MERGE INTO", "MOVE",
        "NOTIFY", "PREPARE", "REASSIGN", "REFRESH MATERIALIZED VIEW", "REINDEX", "RELEASE", "RESET", "REVOKE",
        "ROLLBACK", "SAVEPOINT", "SECURITY LABEL", "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE",
        "UNLISTEN", "UPDATE", "VACUUM", "VALUES", "WITH",
    ]

    static let general = [
        "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "CASCADE", "CASE", "COLUMN", "CONSTRAINT", "CROSS JOIN",
        "DATABASE", "DEFAULT", "DESC", "DISTINCT", "ELSE", "END", "EXCEPT", "EXISTS", "FOREIGN KEY", "FROM",
        "FULL JOIN", "FUNCTION", "GROUP BY", "HAVING", "IF EXISTS", "IF NOT EXISTS", "ILIKE", "IN", "INDEX",
        "INNER JOIN", "INTERSECT", "INTO", "IS", "JOIN", "LEFT JOIN", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "ON",
        "OR", "ORDER BY", "PRIMARY KEY", "REFERENCES", "RETURNING", "RIGHT JOIN", "ROLE", "SCHEMA", "SELECT",
        "SEQUENCE", "SET", "TABLE", "THEN", "TO", "TYPE", "UNION", "UNIQUE", "USING", "VALUES", "VIEW", "WHEN",
        "WHERE", "WINDOW", "WITH",
    ]

    static let expression = [
        "CASE", "CAST", "COALESCE", "DISTINCT", "EXISTS", "FALSE", "NOT", "NULL", "NULLIF", "TRUE",
    ]

    /// Words that end a FROM item rather than name its alias.
    static let clauseWords: Set<String> = [
        "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON", "USING", "GROUP", "ORDER",
        "LIMIT", "OFFSET", "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "SET", "VALUES", "RETURNING",
        "FOR", "FETCH", "SELECT", "DEFAULT", "LATERAL", "TABLESAMPLE", "OVERRIDING", "AS", "WITH",
    ]

    /// Reserved words (and a few common key words) that must be quoted to be used as an identifier.
    static let reserved: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
        "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
        "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
        "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
        "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left",
        "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only",
        "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
        "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
        "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
        "with",
    ]
}
