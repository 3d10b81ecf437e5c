/// `\sf[+] FUNCNAME` and `\sv[+] VIEWNAME`: the CREATE command of a function or a view, as psql prints it.
///
/// psql's steps and texts, so that `-E` echoes the same queries and errors read the same: the name (the whole
/// rest of the line, unsubstituted) becomes an OID through a cast to regproc, regprocedure (when it has an
/// argument list) or regclass; the function's definition is pg_get_functiondef's, the view's is assembled from
/// pg_get_viewdef with its options and check option. `+` numbers the lines: for a function from the line where
/// its body starts (`AS `, `BEGIN `, `RETURN `), the header lines indented instead.
enum ShowDefinitionCommands {
    static let all: [MetaCommand] = [showFunction, showView]

    static let showFunction = MetaCommand(["sf", "sf+"], usage: "\\sf[+] FUNCNAME",
                                          help: "show a function's definition", group: "Informational") { ctx in
        show(&ctx, function: true)
    }

    static let showView = MetaCommand(["sv", "sv+"], usage: "\\sv[+] VIEWNAME",
                                      help: "show a view's definition", group: "Informational") { ctx in
        show(&ctx, function: false)
    }

    private static func show(_ ctx: inout MetaCommandContext, function: Bool) -> MetaCommandOutcome {
        guard let name = ctx.arguments.next(.wholeLine) else {
            ctx.session.diagnostics.error(function ? "function name is required" : "view name is required")
            return .failure
        }
        let cast = function ? (name.contains("(") ? "regprocedure" : "regproc") : "regclass"
        guard let oidRow = singleRow(ctx, "SELECT \(SQLString.literal(name))::pg_catalog.\(cast)::pg_catalog.oid"),
              let oid = oidRow.first ?? nil else { return .failure }
        let definition: String
        if function {
            guard let row = singleRow(ctx, "SELECT pg_catalog.pg_get_functiondef(\(oid))") else { return .failure }
            definition = row.first.flatMap { $0 } ?? ""
        } else {
            guard let row = singleRow(ctx, viewQuery(oid: oid)) else { return .failure }
            switch viewDefinition(row) {
            case .failure(let message):
                ctx.session.diagnostics.error(message.message)
                return .failure
            case .success(let text):
                definition = text
            }
        }
        var text = definition
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        let out = ctx.session.resultOutput
        out.write(ctx.name.hasSuffix("+") ? numbered(text, function: function) : text)
        out.flush()
        return .success
    }

    /// Runs a catalog query that must return one row; otherwise reports the error psql's way (severity and
    /// primary message only) and returns nil.
    private static func singleRow(_ ctx: MetaCommandContext, _ sql: String) -> [String?]? {
        switch ctx.session.catalogQuery(sql) {
        case .failure(let error):
            // An empty message: the connection's loss has been reported already.
            if !error.message.isEmpty { ctx.session.diagnostics.error("\(error.severity):  \(error.message)") }
            return nil
        case .success(let rows):
            if ctx.session.variables["ECHO_HIDDEN"] == "noexec" { return nil }
            guard rows.rows.count == 1 else {
                ctx.session.diagnostics.error("ERROR:  (not available)")
                return nil
            }
            return rows.rows[0]
        }
    }

    private static func viewQuery(oid: String) -> String {
        "SELECT nspname, relname, relkind, pg_catalog.pg_get_viewdef(c.oid, true), "
            + "pg_catalog.array_remove(pg_catalog.array_remove(c.reloptions,'check_option=local'),'check_option=cascaded') AS reloptions, "
            + "CASE WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL'::text "
            + "WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED'::text ELSE NULL END AS checkoption "
            + "FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid WHERE c.oid = \(oid)"
    }

    /// CREATE OR REPLACE VIEW from the row of `viewQuery`: schema-qualified name, `WITH (options)`, the query
    /// without pg_get_viewdef's semicolon, and `WITH … CHECK OPTION`.
    static func viewDefinition(_ row: [String?]) -> Result<String, MessageError> {
        let value = { (index: Int) in index < row.count ? row[index] ?? "" : "" }
        let schema = value(0), name = value(1)
        guard value(2) == "v" else { return .failure(MessageError("\"\(schema).\(name)\" is not a view")) }
        var text = "CREATE OR REPLACE VIEW " + SQLIdentifier.quoted(schema) + "." + SQLIdentifier.quoted(name)
        let options = value(4)
        if options.utf8.count > 2 {
            guard let elements = TextArray.elements(options) else {
                return .failure(MessageError("could not parse reloptions array"))
            }
            text += "\n WITH (" + elements.map(reloption).joined(separator: ", ") + ")"
        }
        text += " AS\n" + value(3)
        if text.hasSuffix(";") { text.removeLast() }
        if !value(5).isEmpty { text += "\n WITH \(value(5)) CHECK OPTION" }
        return .success(text)
    }

    /// `name=value` as pg_dump writes a storage option: the name as an identifier, the value bare when it
    /// reads as one, else a string literal.
    private static func reloption(_ element: String) -> String {
        let parts = element.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0]), value = parts.count > 1 ? String(parts[1]) : ""
        let shownValue = SQLIdentifier.quoted(value) == value ? value : SQLString.literal(value)
        return SQLIdentifier.quoted(name) + "=" + shownValue
    }

    /// psql's print_with_linenumbers: `%-7d ` before each numbered line, eight spaces before a function's header.
    static func numbered(_ text: String, function: Bool) -> String {
        var inHeader = function
        var number = 0
        var result = ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if inHeader && (line.hasPrefix("AS ") || line.hasPrefix("BEGIN ") || line.hasPrefix("RETURN ")) {
                inHeader = false
            }
            if inHeader {
                result += "        " + line + "\n"
            } else {
                number += 1
                let label = String(number)
                result += label + String(repeating: " ", count: max(0, 7 - label.count)) + " " + line + "\n"
            }
        }
        return result
    }
}

/// Elements of a one-dimensional text array in PostgreSQL's output form (`{a,"b c",NULL}`); nil when it is not
/// one. NULL elements come back as "NULL" text (reloptions never hold them).
enum TextArray {
    static func elements(_ text: String) -> [String]? {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        var elements: [String] = []
        var current: [UInt8] = []
        var index = 1
        var quoted = false
        var sawElement = false
        while index < bytes.count - 1 {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count - 1 {
                    current.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { quoted = false } else { current.append(byte) }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
                sawElement = true
            } else if byte == UInt8(ascii: ",") {
                elements.append(String(decoding: current, as: UTF8.self))
                current = []
                sawElement = false
            } else {
                current.append(byte)
                sawElement = true
            }
            index += 1
        }
        if quoted { return nil }
        if sawElement || !current.isEmpty || !elements.isEmpty { elements.append(String(decoding: current, as: UTF8.self)) }
        return elements
    }
}
