/// What a statement is, as far as transaction bookkeeping and session-state tracking need to know: its leading
/// keywords, read past white space and comments. Never used to decide whether a block is open — that comes
/// from the server (PQtransactionStatus) — only to recognise how the user means to end or mark one.
public enum StatementKind: Equatable, Sendable {
    case begin
    case commit            // COMMIT, END, COMMIT AND CHAIN (chain kept in `chains`)
    case rollback          // ROLLBACK, ABORT (not ROLLBACK TO)
    case savepoint(String)
    case release(String)
    case rollbackTo(String)
    case set               // session-level SET / RESET (replayed after a reconnect)
    case sessionState      // creates state a new connection cannot have: temp tables, PREPARE, LISTEN, advisory locks
    case other
}

public enum StatementClassifier {
    public static func classify(_ sql: [UInt8]) -> StatementKind {
        let words = leadingWords(sql, count: 5)
        guard let first = words.first else { return .other }
        func word(_ i: Int) -> String { i < words.count ? words[i] : "" }
        switch first {
        case "begin", "start":
            return first == "start" && word(1) != "transaction" ? .other : .begin
        case "commit", "end":
            return .commit
        case "abort":
            return .rollback
        case "rollback":
            if word(1) == "to" { return .rollbackTo(word(2) == "savepoint" ? word(3) : word(2)) }
            if word(1) == "prepared" { return .other }
            return .rollback
        case "savepoint":
            return .savepoint(word(1))
        case "release":
            return .release(word(1) == "savepoint" ? word(2) : word(1))
        case "set", "reset":
            if word(1) == "local" || word(1) == "transaction" || word(1) == "constraints" { return .other }
            if word(1) == "session" && word(2) == "characteristics" { return .set }
            return .set
        case "prepare":
            return word(1) == "transaction" ? .other : .sessionState
        case "listen", "declare":
            return .sessionState
        case "create":
            let kind = word(1) == "or" ? word(3) : word(1)
            return (kind == "temp" || kind == "temporary" || word(2) == "temp" || word(2) == "temporary")
                ? .sessionState : .other
        default:
            return .other
        }
    }

    /// The first `count` words, lower-cased, skipping white space, `--` and `/* */` comments; a word is a run
    /// of letters, digits, `_` and `$`, or a double-quoted identifier (kept as written).
    static func leadingWords(_ sql: [UInt8], count: Int) -> [String] {
        var words: [String] = []
        var i = 0
        let n = sql.count
        while i < n && words.count < count {
            let c = sql[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { i += 1; continue }
            if c == UInt8(ascii: "-"), i + 1 < n, sql[i + 1] == UInt8(ascii: "-") {
                while i < n && sql[i] != 0x0A { i += 1 }
                continue
            }
            if c == UInt8(ascii: "/"), i + 1 < n, sql[i + 1] == UInt8(ascii: "*") {
                var depth = 1
                i += 2
                while i < n && depth > 0 {
                    if sql[i] == UInt8(ascii: "/"), i + 1 < n, sql[i + 1] == UInt8(ascii: "*") { depth += 1; i += 2 }
                    else if sql[i] == UInt8(ascii: "*"), i + 1 < n, sql[i + 1] == UInt8(ascii: "/") { depth -= 1; i += 2 }
                    else { i += 1 }
                }
                continue
            }
            if c == UInt8(ascii: "\"") {
                var j = i + 1
                while j < n && sql[j] != UInt8(ascii: "\"") { j += 1 }
                words.append(String(decoding: sql[(i + 1)..<min(j, n)], as: UTF8.self))
                i = j + 1
                continue
            }
            if isWordByte(c) {
                var j = i
                while j < n && isWordByte(sql[j]) { j += 1 }
                words.append(String(decoding: sql[i..<j], as: UTF8.self).lowercased())
                i = j
                continue
            }
            break  // punctuation (e.g. a '(' or ';') ends the leading words
        }
        return words
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x24 || c >= 0x80
    }
}
