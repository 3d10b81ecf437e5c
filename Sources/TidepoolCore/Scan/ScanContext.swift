/// What an incomplete statement is inside, for the continuation prompt (psql's `%R`).
public enum ScanContext: Sendable, Equatable {
    /// Outside any quote, comment or parenthesis. The prompt shows `-` when the query buffer holds
    /// something and `=` when it is empty: the caller decides, from `StatementScanner.isBufferEmpty`.
    case none
    /// Inside `'…'`, `E'…'`, `U&'…'`, `B'…'` or `X'…'`.
    case singleQuote
    /// Inside a `"quoted identifier"` or `U&"…"`.
    case doubleQuote
    /// Inside a `$tag$…$tag$` body.
    case dollarQuote
    /// Inside a `/* … */` comment.
    case blockComment
    /// Outside quotes, but an opening parenthesis is not yet closed.
    case parenthesis

    /// The character psql's `%R` shows for this context; `.none` gives `-` (continuation).
    public var promptCharacter: Character {
        switch self {
        case .none: "-"
        case .singleQuote: "'"
        case .doubleQuote: "\""
        case .dollarQuote: "$"
        case .blockComment: "*"
        case .parenthesis: "("
        }
    }
}
