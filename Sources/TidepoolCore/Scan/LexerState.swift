/// Where psql's SQL lexer is between two bytes: its flex start condition plus the counters psql
/// keeps beside it. Everything here survives from one input line to the next.
struct LexerState: Sendable {
    /// The flex start condition (psqlscan.l: INITIAL, xq/xe/xus/xb/xh, xqs, xd/xui, xdolq, xc).
    enum Mode: Sendable, Equatable {
        case initial
        /// Inside a single-quoted literal of this kind.
        case string(StringKind)
        /// Just after a literal's closing quote (`xqs`): a newline then `'` would continue it.
        case afterString(StringKind)
        case quotedIdentifier
        case dollarQuoted
        case blockComment
    }

    enum StringKind: Sendable, Equatable {
        /// `'…'` with standard_conforming_strings on, and `U&'…'`: only `''` is special.
        case standard
        /// `E'…'`, and `'…'` with standard_conforming_strings off: backslash escapes the next byte.
        case escaped
        /// `B'…'` and `X'…'`: nothing is special, and `''` ends the literal and starts a new one.
        case bits
    }

    var mode: Mode = .initial
    /// The opening `$tag$` of the dollar quote we are in.
    var dollarTag: [UInt8] = []
    /// Nesting depth inside `/* … */`, 0 for the outermost comment.
    var commentDepth = 0
    var parenthesisDepth = 0
    var routineBody = RoutineBodyTracker()

    /// psql_scan_reset(): back to a fresh statement.
    mutating func reset() {
        self = LexerState()
    }

    /// psql_scan_in_quote(): empty input lines are kept only inside quotes and comments.
    var isInQuote: Bool {
        switch mode {
        case .initial, .afterString: false
        default: true
        }
    }

    var context: ScanContext {
        switch mode {
        case .initial, .afterString: parenthesisDepth > 0 ? .parenthesis : .none
        case .string: .singleQuote
        case .quotedIdentifier: .doubleQuote
        case .dollarQuoted: .dollarQuote
        case .blockComment: .blockComment
        }
    }
}

/// psql 15's heuristic for `CREATE [OR REPLACE] FUNCTION|PROCEDURE … BEGIN ATOMIC … END`: a `;`
/// inside such a body does not end the statement. It notes the first letters of the leading
/// keywords of the statement, then counts BEGIN (and CASE inside a BEGIN) against END.
struct RoutineBodyTracker: Sendable {
    private var identifierCount = 0
    /// First letters of the first four identifiers when they are one of the tracked keywords, else 0.
    private var leading: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    private(set) var beginDepth = 0

    /// A statement ended at `;` (or `\;`): look for CREATE … again from the next identifier.
    mutating func statementEnded() {
        identifierCount = 0
    }

    mutating func sawIdentifier(_ word: UnsafeBufferPointer<UInt8>, parenthesisDepth: Int) {
        if identifierCount == 0 { leading = (0, 0, 0, 0) }
        if Keyword.isOneOf(word, Keyword.routineHeader) {
            let letter = ByteClass.asciiLowercased(word[0])
            switch identifierCount {
            case 0: leading.0 = letter
            case 1: leading.1 = letter
            case 2: leading.2 = letter
            case 3: leading.3 = letter
            default: break
            }
        }
        identifierCount += 1

        let createsRoutine = leading.0 == Keyword.c
            && (leading.1 == Keyword.f || leading.1 == Keyword.p
                || (leading.1 == Keyword.o && leading.2 == Keyword.r
                    && (leading.3 == Keyword.f || leading.3 == Keyword.p)))
        guard createsRoutine, parenthesisDepth == 0 else { return }
        if Keyword.equals(word, Keyword.begin) {
            beginDepth += 1
        } else if Keyword.equals(word, Keyword.case), beginDepth >= 1 {
            beginDepth += 1  // CASE also ends with END
        } else if Keyword.equals(word, Keyword.end), beginDepth > 0 {
            beginDepth -= 1
        }
    }
}

/// The keywords the routine-body heuristic looks at, compared ASCII-case-insensitively.
private enum Keyword {
    static let c = UInt8(ascii: "c"), f = UInt8(ascii: "f"), p = UInt8(ascii: "p")
    static let o = UInt8(ascii: "o"), r = UInt8(ascii: "r")
    static let routineHeader: [[UInt8]] = ["create", "function", "procedure", "or", "replace"].map { Array($0.utf8) }
    static let begin = Array("begin".utf8), `case` = Array("case".utf8), end = Array("end".utf8)

    static func equals(_ word: UnsafeBufferPointer<UInt8>, _ keyword: [UInt8]) -> Bool {
        guard word.count == keyword.count else { return false }
        for index in 0..<word.count where ByteClass.asciiLowercased(word[index]) != keyword[index] {
            return false
        }
        return true
    }

    static func isOneOf(_ word: UnsafeBufferPointer<UInt8>, _ keywords: [[UInt8]]) -> Bool {
        guard word.count <= 9 else { return false }
        return keywords.contains { equals(word, $0) }
    }
}
