/// psql's pattern rules for the `\d` family (fe_utils' patternToSQLRegex and processSQLNamePattern,
/// describe.c's validateSQLNamePattern), producing the same WHERE clauses byte for byte so that `-E`
/// shows what psql shows.
///
/// Shell-style: `*` any run, `?` one character, unquoted letters fold to lower case, `"…"` keeps
/// case and makes regex characters literal (`""` is a quote), `$` is always literal, `[]` too; other
/// regex characters outside quotes pass through. Dots split `[database.]schema.name`.
struct NamePattern {
    /// The database's name as the connection knows it (for `db.schema.name`).
    var currentDatabase: String
    /// standard_conforming_strings: when off, backslashes in literals are doubled.
    var standardStrings = true

    /// What `append` produced: whether a WHERE is now open, or psql's complaint.
    enum Outcome {
        case clauses(haveWhere: Bool)
        case invalid(String)
    }

    /// Appends the clauses for `pattern` to `sql`. `maxParts` is how many dotted parts the object's
    /// name may have (3 for relations: db.schema.name; 1 for roles, databases, extensions).
    func append(to sql: inout String, pattern: String?, haveWhere: Bool, forceEscape: Bool = false,
                schema schemaColumn: String?, name nameColumn: String?, altName altNameColumn: String? = nil,
                visibility: String?, maxParts: Int) -> Outcome {
        var haveWhere = haveWhere
        func whereAnd() {
            sql += haveWhere ? "  AND " : "WHERE "
            haveWhere = true
        }
        guard let pattern else {
            if let visibility {
                whereAnd()
                sql += visibility + "\n"
            }
            return .clauses(haveWhere: haveWhere)
        }
        let parts = Self.regexParts(of: pattern, splitSchema: schemaColumn != nil, forceEscape: forceEscape)
        if let nameColumn, parts.name.count > 2, parts.name != "^(.*)$" {
            whereAnd()
            if let altNameColumn {
                sql += "(\(nameColumn) OPERATOR(pg_catalog.~) \(literal(parts.name)) COLLATE pg_catalog.default"
                sql += "\n        OR \(altNameColumn) OPERATOR(pg_catalog.~) \(literal(parts.name)) COLLATE pg_catalog.default)\n"
            } else {
                sql += "\(nameColumn) OPERATOR(pg_catalog.~) \(literal(parts.name)) COLLATE pg_catalog.default\n"
            }
        }
        if let schemaColumn, let schema = parts.schema, schema.count > 2 {
            if schema != "^(.*)$" {
                whereAnd()
                sql += "\(schemaColumn) OPERATOR(pg_catalog.~) \(literal(schema)) COLLATE pg_catalog.default\n"
            }
        } else if let visibility {
            whereAnd()
            sql += visibility + "\n"
        }
        if parts.dots >= maxParts {
            return .invalid("improper qualified name (too many dotted names): \(pattern)")
        }
        if maxParts > 1 && parts.dots == maxParts - 1 && parts.database != currentDatabase {
            return .invalid("cross-database references are not implemented: \(pattern)")
        }
        return .clauses(haveWhere: haveWhere)
    }

    /// A string literal as appendStringLiteralConn writes it for a modern server.
    func literal(_ text: String) -> String {
        // psql's appendStringLiteralConn: a text with a backslash becomes an E'' literal (backslashes
        // doubled whatever standard_conforming_strings says), so -E shows `E'^(\\+)$'` as psql does.
        let escaped = text.unicodeScalars.contains("\\")
        var out = escaped ? "E'" : "'"
        for ch in text.unicodeScalars {
            if ch == "'" { out += "'" }
            if ch == "\\" && (escaped || !standardStrings) { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out + "'"
    }

    /// The regexes for the name and schema parts, the literal database part and the number of dots.
    struct Parts {
        var name: String
        var schema: String?
        var database: String
        var dots: Int
    }

    static func regexParts(of pattern: String, splitSchema: Bool, forceEscape: Bool) -> Parts {
        // psql fills up to three buffers left to right; with a schema column the rightmost is the name,
        // the one before it the schema, and the literal text before the first dot the database.
        let maxBuffers = splitSchema ? 3 : 1
        var buffers: [[UInt8]] = [Array("^(".utf8)]
        var leftLiteral: [UInt8] = []
        var left = true
        var inQuotes = false
        var dots = 0
        let bytes = Array(pattern.utf8)
        var i = 0
        while i < bytes.count {
            let ch = bytes[i]
            let last = buffers.count - 1
            if ch == UInt8(ascii: "\"") {
                if inQuotes && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                    buffers[last].append(ch)
                    if left { leftLiteral.append(ch) }
                    i += 1
                } else {
                    inQuotes.toggle()
                }
                i += 1
            } else if !inQuotes && ch >= UInt8(ascii: "A") && ch <= UInt8(ascii: "Z") {
                buffers[last].append(ch + 32)
                if left { leftLiteral.append(ch + 32) }
                i += 1
            } else if !inQuotes && ch == UInt8(ascii: "*") {
                buffers[last] += Array(".*".utf8)
                if left { leftLiteral.append(ch) }
                i += 1
            } else if !inQuotes && ch == UInt8(ascii: "?") {
                buffers[last].append(UInt8(ascii: "."))
                if left { leftLiteral.append(ch) }
                i += 1
            } else if !inQuotes && ch == UInt8(ascii: ".") {
                left = false
                dots += 1
                if buffers.count < maxBuffers {
                    buffers[last] += Array(")$".utf8)
                    buffers.append(Array("^(".utf8))
                } else {
                    buffers[last].append(ch)
                }
                i += 1
            } else if ch == UInt8(ascii: "$") {
                buffers[last] += Array("\\$".utf8)
                if left { leftLiteral.append(ch) }
                i += 1
            } else {
                if (inQuotes || forceEscape) && Array("|*+?()[]{}.^$\\".utf8).contains(ch) {
                    buffers[last].append(UInt8(ascii: "\\"))
                } else if ch == UInt8(ascii: "[") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "]") {
                    buffers[last].append(UInt8(ascii: "\\"))
                }
                buffers[last].append(ch)
                if left { leftLiteral.append(ch) }
                i += 1
            }
        }
        buffers[buffers.count - 1] += Array(")$".utf8)
        let text = buffers.map { String(decoding: $0, as: UTF8.self) }
        var parts = Parts(name: text[text.count - 1], schema: nil, database: "", dots: dots)
        if splitSchema && text.count >= 2 { parts.schema = text[text.count - 2] }
        if splitSchema && text.count >= 3 { parts.database = String(decoding: leftLiteral, as: UTF8.self) }
        return parts
    }
}
