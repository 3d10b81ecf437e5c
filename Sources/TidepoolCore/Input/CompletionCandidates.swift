/// Stage two of completion: the names that fit a `CompletionRequest`, from a catalog snapshot, the variables,
/// the meta-command registry and the file system — and what the line editor should do with them.
public struct CompletionSources {
    public var snapshot: CatalogSnapshot
    public var variableNames: [String]
    public var metaCommandNames: [String]
    /// psql's COMP_KEYWORD_CASE: upper, lower, preserve-upper (default), preserve-lower.
    public var keywordCase: String
    /// Lists a directory (nil: unreadable); returns (name, isDirectory). Injected so tests need no files.
    public var listDirectory: (String) -> [(String, Bool)]?

    public init(snapshot: CatalogSnapshot, variableNames: [String] = [], metaCommandNames: [String] = [],
                keywordCase: String = "preserve-upper",
                listDirectory: @escaping (String) -> [(String, Bool)]? = FileCompletion.list) {
        self.snapshot = snapshot
        self.variableNames = variableNames
        self.metaCommandNames = metaCommandNames
        self.keywordCase = keywordCase
        self.listDirectory = listDirectory
    }
}

/// One name to offer: the text that replaces the word, and what follows it once it is the only choice.
public struct CompletionCandidate: Equatable, Sendable {
    public var text: String
    /// " " after a finished word, "" after `schema.` or a directory's "/".
    public var terminator: String

    public init(_ text: String, terminator: String = " ") {
        self.text = text
        self.terminator = terminator
    }
}

/// What the line editor does: replace the word under the cursor, list the choices, or nothing (a beep).
public enum CompletionAction: Equatable, Sendable {
    case none
    case replace(word: String, with: String)
    case list([String])
}

public enum Completion {
    /// Both stages and the decision, for the line editor: a pure function of its inputs.
    public static func complete(before: String, after: String, sources: CompletionSources) -> CompletionAction {
        let request = CompletionContext.analyze(before: before, after: after)
        return decide(word: request.word, candidates: candidates(for: request, sources: sources))
    }

    /// One candidate: it replaces the word. Several: their longest common prefix when it adds to the word,
    /// else the list (sorted, without duplicates).
    public static func decide(word: String, candidates: [CompletionCandidate]) -> CompletionAction {
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0.text).inserted }
        guard let first = unique.first else { return .none }
        if unique.count == 1 { return .replace(word: word, with: first.text + first.terminator) }
        let common = unique.dropFirst().reduce(first.text) { commonPrefix($0, $1.text) }
        if common.count > word.count { return .replace(word: word, with: common) }
        return .list(unique.map(\.text).sorted())
    }

    static func commonPrefix(_ a: String, _ b: String) -> String {
        var out = ""
        for (x, y) in zip(a, b) {
            guard x == y else { break }
            out.append(x)
        }
        return out
    }

    /// Candidates of every kind that fits, except that columns, when some match, stand alone: at
    /// `select na` the user means `name`, not the hundreds of functions starting with "na".
    public static func candidates(for request: CompletionRequest, sources: CompletionSources) -> [CompletionCandidate] {
        for kind in request.kinds {
            guard case .columns = kind else { continue }
            let columns = candidates(of: kind, word: request.word, sources: sources)
            if !columns.isEmpty { return columns }
        }
        return request.kinds.flatMap { candidates(of: $0, word: request.word, sources: sources) }
    }

    private static func candidates(of kind: CompletionKind, word: String, sources: CompletionSources)
        -> [CompletionCandidate] {
        let snapshot = sources.snapshot
        switch kind {
        case .keywords(let keywords):
            return keywords.filter { $0.lowercased().hasPrefix(word.lowercased()) }
                .map { CompletionCandidate(applyKeywordCase($0, typed: word, setting: sources.keywordCase)) }
        case .relations(let kinds):
            let systemToo = word.lowercased().hasPrefix("pg_") || word.lowercased().hasPrefix("\"pg_")
            let relations = snapshot.relations.filter {
                kinds.contains($0.kind) && $0.visible
                    && (systemToo || ($0.schema != "pg_catalog" && $0.schema != "information_schema"))
            }
            let schemas = snapshot.schemas.filter { systemToo || !$0.hasPrefix("pg_") && $0 != "information_schema" }
            return names(relations.map(\.name), matching: word)
                + names(schemas, matching: word, terminator: "").map { CompletionCandidate($0.text + ".", terminator: "") }
        case .columns(let tables):
            let columns = tables.flatMap { snapshot.columns(of: $0.name, schema: $0.schema) }
            return names(columns, matching: word)
        case .functions:
            // Thousands of built-in functions: offered only once something is typed.
            return word.isEmpty ? [] : names(snapshot.functions, matching: word).map { CompletionCandidate($0.text, terminator: "(") }
        case .types: return names(snapshot.types, matching: word)
        case .schemas: return names(snapshot.schemas, matching: word)
        case .databases: return names(snapshot.databases, matching: word)
        case .roles: return names(snapshot.roles, matching: word)
        case .qualified(let qualifier, let tables):
            return qualifiedCandidates(qualifier: qualifier, tables: tables, word: word, snapshot: snapshot)
        case .metaCommands:
            let typed = String(word.dropFirst())
            return sources.metaCommandNames.filter { $0.hasPrefix(typed) }.map { CompletionCandidate("\\" + $0) }
        case .variables(let colon):
            return variableCandidates(word: word, colon: colon, names: sources.variableNames)
        case .words(let words):
            return words.filter { $0.hasPrefix(word.lowercased()) }.map { CompletionCandidate($0) }
        case .files:
            return FileCompletion.candidates(word: word, list: sources.listDirectory)
        }
    }

    /// `schema.` then its relations; `table.` or `alias.` then its columns. The text keeps the qualifier as typed.
    private static func qualifiedCandidates(qualifier: String, tables: [TableReference], word: String,
                                            snapshot: CatalogSnapshot) -> [CompletionCandidate] {
        guard let dot = CompletionContext.lastUnquotedDot(in: word) else { return [] }
        let typedQualifier = String(word[...dot])
        let partial = String(word[word.index(after: dot)...])
        var found: [CompletionCandidate] = []
        let inSchema = snapshot.relations.filter { $0.schema == qualifier }.map(\.name)
        found += names(inSchema, matching: partial)
        if let table = tables.first(where: { $0.alias == qualifier }) ?? tables.first(where: { $0.name == qualifier }) {
            found += names(snapshot.columns(of: table.name, schema: table.schema), matching: partial)
        } else {
            found += names(snapshot.columns(of: qualifier, schema: nil), matching: partial)
        }
        return found.map { CompletionCandidate(typedQualifier + $0.text, terminator: $0.terminator) }
    }

    private static func variableCandidates(word: String, colon: Bool, names: [String]) -> [CompletionCandidate] {
        var opening = ""
        var closing = ""
        var typed = word
        if colon {
            for form in [":'", ":\"", ":"] where typed.hasPrefix(form) {
                opening = form
                closing = form == ":" ? "" : String(form.last!)
                typed = String(typed.dropFirst(form.count))
                break
            }
        }
        return names.filter { $0.hasPrefix(typed) }.map { CompletionCandidate(opening + $0 + closing) }
    }

    /// Names whose identifier form fits the word: a quoted word matches the quoted form exactly; a bare word
    /// matches the name ignoring case (the server folds it) and is replaced by the form the name needs.
    static func names(_ names: [String], matching word: String, terminator: String = " ") -> [CompletionCandidate] {
        let lowered = word.lowercased()
        return names.compactMap { name in
            let form = quoteIdentifierIfNeeded(name)
            if word.hasPrefix("\"") {
                return form.hasPrefix(word) || ("\"" + name).hasPrefix(word)
                    ? CompletionCandidate(form.hasPrefix("\"") ? form : "\"" + name + "\"", terminator: terminator) : nil
            }
            return name.lowercased().hasPrefix(lowered) ? CompletionCandidate(form, terminator: terminator) : nil
        }
    }

    /// A name as SQL must spell it: bare when it is lower case, starts with a letter or `_`, holds only letters,
    /// digits, `_` and `$`, and is not a reserved word; otherwise double-quoted with inner quotes doubled.
    public static func quoteIdentifierIfNeeded(_ name: String) -> String {
        var plain = !name.isEmpty
        for (index, c) in name.enumerated() {
            let ok = (c >= "a" && c <= "z") || c == "_" || (index > 0 && ((c >= "0" && c <= "9") || c == "$"))
                || (c.isLetter && !c.isASCII && c.lowercased() == String(c))
            if !ok { plain = false; break }
        }
        if plain && !CompletionKeywords.reserved.contains(name) { return name }
        return "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// psql's COMP_KEYWORD_CASE applied to a keyword, given what the user has typed of it.
    static func applyKeywordCase(_ keyword: String, typed: String, setting: String) -> String {
        switch setting {
        case "upper": return keyword.uppercased()
        case "lower": return keyword.lowercased()
        default:
            guard let first = typed.first(where: \.isLetter) else {
                return setting == "preserve-lower" ? keyword.lowercased() : keyword.uppercased()
            }
            return first.isLowercase ? keyword.lowercased() : keyword.uppercased()
        }
    }
}
