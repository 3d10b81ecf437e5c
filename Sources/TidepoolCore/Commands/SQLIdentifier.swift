/// An identifier spelled as psql and pg_dump spell it (fmtId in PostgreSQL's fe_utils): bare when it is made of
/// `a-z`, `0-9` and `_`, does not start with a digit, and is not a keyword other than an unreserved one;
/// otherwise double-quoted with inner quotes doubled.
enum SQLIdentifier {
    static func quoted(_ name: String) -> String {
        var bare = !name.isEmpty
        for (index, byte) in name.utf8.enumerated() {
            let letter = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !(letter || (index > 0 && digit)) { bare = false; break }
        }
        if bare && !keywords.contains(name) { return name }
        return "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// PostgreSQL 15's reserved, type/function-name and column-name keywords: the ones an identifier must be
    /// quoted to use.
    static let keywords: Set<String> = CompletionKeywords.reserved.union([
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists", "extract",
        "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar", "none",
        "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
        "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
        "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
        "xmlserialize", "xmltable",
    ])
}

/// A string as an SQL literal with standard_conforming_strings on: single quotes doubled, nothing else escaped.
enum SQLString {
    static func literal(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }
}
