/// Stage one of completion (STYLE.md, pgcli): a pure function of the text around the cursor that decides
/// *what kind* of name fits there. It knows nothing of the catalog; `CompletionCandidates` supplies names.
public enum CompletionKind: Equatable, Sendable {
    /// SQL keywords (the list that fits the position).
    case keywords([String])
    /// Relations whose relkind is in the string (r, p, v, m, f, S, i), plus schemas to qualify them.
    case relations(kinds: String)
    /// Columns of the relations the statement names (FROM, JOIN, UPDATE, INTO, TABLE).
    case columns([TableReference])
    case functions, types, schemas, databases, roles
    /// Relations of a schema or columns of a table/alias written before a dot (`public.pe`, `p.na`).
    case qualified(String, tables: [TableReference])
    case metaCommands
    case files
    /// psql variable names; `colon` says whether the word carries the `:` (and quote) of a reference.
    case variables(colon: Bool)
    /// A fixed word list (`\x on|off|auto`, `\pset` options).
    case words([String])
}

/// A relation named by the statement, with its alias when it has one.
public struct TableReference: Equatable, Sendable {
    public var schema: String?
    public var name: String
    public var alias: String?

    public init(schema: String? = nil, name: String, alias: String? = nil) {
        self.schema = schema
        self.name = name
        self.alias = alias
    }
}

/// What completion works on: the word under the cursor (as typed, quotes included) and which kinds fit.
public struct CompletionRequest: Equatable, Sendable {
    public var word: String
    public var kinds: [CompletionKind]
}

public enum CompletionContext {
    /// Decides what fits at the cursor. `before` is the statement typed so far up to the cursor (earlier lines
    /// of a multi-line statement included, separated by newlines); `after` is the rest of the current line.
    public static func analyze(before: String, after: String) -> CompletionRequest {
        let line = before.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        if let meta = metaCommandRequest(line) { return meta }
        let word = trailingWord(of: before)
        if word.hasPrefix(":") { return CompletionRequest(word: word, kinds: [.variables(colon: true)]) }
        let head = String(before.dropLast(word.count))
        let tokens = SQLWordTokens.tokens(head)
        let tables = tableReferences(in: SQLWordTokens.tokens(head + word + after))
        if let dot = lastUnquotedDot(in: word) {
            let qualifier = unquote(String(word[..<dot]))
            return CompletionRequest(word: word, kinds: [.qualified(qualifier, tables: tables)])
        }
        return CompletionRequest(word: word, kinds: sqlKinds(tokens: tokens, tables: tables))
    }

    // MARK: SQL

    private static func sqlKinds(tokens: [String], tables: [TableReference]) -> [CompletionKind] {
        guard let previous = tokens.last?.uppercased() else {
            return [.keywords(CompletionKeywords.statementStart)]
        }
        let before = tokens.count >= 2 ? tokens[tokens.count - 2].uppercased() : ""
        if tokens.last == ";" { return [.keywords(CompletionKeywords.statementStart)] }
        switch previous {
        case "FROM", "JOIN", "UPDATE", "INTO", "TABLE", "TRUNCATE", "ONLY", "LOCK", "ANALYZE", "VACUUM", "COPY",
             "REFERENCES":
            return [.relations(kinds: "rpvmf")]
        case "VIEW": return [.relations(kinds: "vm")]
        case "INDEX": return before == "CREATE" || before == "UNIQUE" ? [] : [.relations(kinds: "i")]
        case "SEQUENCE": return [.relations(kinds: "S")]
        case "DATABASE": return [.databases]
        case "ROLE", "USER", "GROUP" where before != "BY" && before != "ORDER": return [.roles]
        case "SCHEMA": return [.schemas]
        case "FUNCTION", "PROCEDURE", "CALL": return [.functions]
        case "TYPE", "::": return [.types]
        case "TO" where before == "OWNER": return [.roles]
        case "SELECT", "WHERE", "AND", "OR", "BY", "SET", "HAVING", "ON", "(", "=", "<", ">", "<>", "DISTINCT",
             "NOT", "WHEN", "THEN", "ELSE", "RETURNING", "+", "-", "*", "/":
            return [.columns(tables), .functions, .keywords(CompletionKeywords.expression)]
        case ",":
            switch currentClause(tokens) {
            case "FROM": return [.relations(kinds: "rpvmf")]
            default: return [.columns(tables), .functions]
            }
        default:
            return [.keywords(CompletionKeywords.general)]
        }
    }

    /// The last clause keyword (SELECT, FROM, WHERE, …) at the statement's own parenthesis level.
    private static func currentClause(_ tokens: [String]) -> String {
        var depth = 0
        for token in tokens.reversed() {
            if token == ")" { depth += 1; continue }
            if token == "(" { if depth == 0 { return "(" }; depth -= 1; continue }
            guard depth == 0 else { continue }
            let upper = token.uppercased()
            if ["SELECT", "FROM", "WHERE", "GROUP", "ORDER", "HAVING", "SET", "VALUES", "RETURNING", "JOIN", "ON"]
                .contains(upper) { return upper }
        }
        return ""
    }

    /// Relations named after FROM (and its comma list), JOIN, UPDATE, INTO and TABLE, with aliases.
    static func tableReferences(in tokens: [String]) -> [TableReference] {
        var references: [TableReference] = []
        var i = 0
        var inFromList = false
        while i < tokens.count {
            let upper = tokens[i].uppercased()
            let introduces = ["FROM", "JOIN", "UPDATE", "INTO", "TABLE", "ONLY"].contains(upper)
            let continuesList = inFromList && tokens[i] == ","
            if introduces || continuesList {
                inFromList = upper == "FROM" || continuesList
                var j = i + 1
                if j < tokens.count, tokens[j].uppercased() == "ONLY" { j += 1 }
                if j < tokens.count, isIdentifier(tokens[j]) {
                    var reference = qualifiedName(tokens[j])
                    var k = j + 1
                    if k < tokens.count, tokens[k].uppercased() == "AS" { k += 1 }
                    if k < tokens.count, isIdentifier(tokens[k]),
                       !CompletionKeywords.clauseWords.contains(tokens[k].uppercased()) {
                        reference.alias = unquote(tokens[k])
                        k += 1
                    }
                    references.append(reference)
                    i = k
                    continue
                }
            } else if ["WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "SET", "ON", "JOIN", ")", ";"].contains(upper) {
                inFromList = false
            }
            i += 1
        }
        return references
    }

    private static func qualifiedName(_ token: String) -> TableReference {
        if let dot = lastUnquotedDot(in: token) {
            return TableReference(schema: unquote(String(token[..<dot])),
                                  name: unquote(String(token[token.index(after: dot)...])))
        }
        return TableReference(name: unquote(token))
    }

    private static func isIdentifier(_ token: String) -> Bool {
        guard let first = token.first else { return false }
        return first == "\"" || first.isLetter || first == "_"
    }

    // MARK: Words

    /// The identifier-like text that ends at the cursor: letters, digits, `_`, `$`, dots and double-quoted parts
    /// (an unfinished `"My Ta` included); a leading `:`, `:'` or `:"` for a variable reference.
    static func trailingWord(of text: String) -> String {
        let chars = Array(text)
        var i = chars.count
        if chars.filter({ $0 == "\"" }).count % 2 == 1, let open = chars.lastIndex(of: "\"") { i = open }
        while i > 0 {
            let c = chars[i - 1]
            if c == "\"" {
                // A finished quoted part: go back to its opening quote.
                guard let open = chars[..<(i - 1)].lastIndex(of: "\"") else { break }
                i = open
                continue
            }
            if c.isLetter || c.isNumber || c == "_" || c == "$" || c == "." { i -= 1; continue }
            break
        }
        if i > 0, chars[i - 1] == ":", i < 2 || chars[i - 2] != ":" { i -= 1 }  // `::type` is a cast
        else if i > 1, chars[i - 1] == "'", chars[i - 2] == ":" { i -= 2 }
        return String(chars[i...])
    }

    static func lastUnquotedDot(in word: String) -> String.Index? {
        var inQuotes = false
        var found: String.Index?
        var i = word.startIndex
        while i < word.endIndex {
            let c = word[i]
            if c == "\"" { inQuotes.toggle() } else if c == ".", !inQuotes { found = i }
            i = word.index(after: i)
        }
        return found
    }

    /// An identifier as the server reads it: `"Mixed"` keeps its case, a bare name is folded to lower case.
    static func unquote(_ word: String) -> String {
        if word.hasPrefix("\"") {
            var inner = word.dropFirst()
            if inner.hasSuffix("\"") { inner = inner.dropLast() }
            return String(inner).replacing("\"\"", with: "\"")
        }
        return word.lowercased()
    }

    // MARK: Meta-commands

    /// A backslash command on the current line: its name while it is typed, then the kind of its argument.
    private static func metaCommandRequest(_ line: String) -> CompletionRequest? {
        guard let slash = lastMetaCommandStart(line) else { return nil }
        let rest = line[line.index(after: slash)...]
        guard let space = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return CompletionRequest(word: "\\" + rest, kinds: [.metaCommands])
        }
        let name = String(rest[..<space])
        let arguments = rest[space...]
        let word = String(arguments.split(separator: " ", omittingEmptySubsequences: false).last ?? "")
        if word.hasPrefix(":") { return CompletionRequest(word: word, kinds: [.variables(colon: true)]) }
        return CompletionRequest(word: word, kinds: MetaCommandArguments.kinds(for: name))
    }

    /// Where the last meta-command starts: a backslash outside quotes, at the start of a word.
    private static func lastMetaCommandStart(_ line: String) -> String.Index? {
        var inSingle = false, inDouble = false
        var found: String.Index?
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "'" && !inDouble { inSingle.toggle() }
            else if c == "\"" && !inSingle { inDouble.toggle() }
            else if c == "\\" && !inSingle && !inDouble && found == nil { found = i }
            i = line.index(after: i)
        }
        return found
    }
}

/// What each backslash command takes as its argument, for completion.
enum MetaCommandArguments {
    static func kinds(for name: String) -> [CompletionKind] {
        let base = name.hasSuffix("+") || name.hasSuffix("S") && name.count > 2 ? String(name.dropLast()) : name
        switch base {
        case "i", "ir", "include", "include_relative", "o", "out", "w", "write", "s", "e", "edit", "cd", "g",
             "gx", "copy", "lo_import":
            return [.files]
        case "d", "dS", "z", "dp", "d+", "sv+": return [.relations(kinds: "rpvmfSi")]
        case "dt": return [.relations(kinds: "rp")]
        case "dv", "ev", "sv": return [.relations(kinds: "v")]
        case "dm": return [.relations(kinds: "m")]
        case "di": return [.relations(kinds: "i")]
        case "ds": return [.relations(kinds: "S")]
        case "df", "ef", "sf": return [.functions]
        case "dT": return [.types]
        case "dn": return [.schemas]
        case "du", "dg", "drg": return [.roles]
        case "c", "connect", "l", "list": return [.databases]
        case "set", "unset": return [.variables(colon: false)]
        case "x": return [.words(["on", "off", "auto"])]
        case "timing": return [.words(["on", "off", "stats"])]
        case "pset":
            return [.words(["border", "columns", "csv_fieldsep", "expanded", "fieldsep", "fieldsep_zero", "footer",
                            "format", "linestyle", "null", "numericlocale", "pager", "pager_min_lines",
                            "recordsep", "recordsep_zero", "tableattr", "title", "tuples_only",
                            "unicode_border_linestyle", "unicode_column_linestyle", "unicode_header_linestyle"])]
        case "pool": return [.words(["watch"])]
        default: return []
        }
    }
}
