/// The character classes of psql's lexers (psqlscan.l, psqlscanslash.l), on raw bytes.
///
/// Every byte ≥ 0x80 counts as a letter, as in psql: multibyte characters are never split
/// into something meaningful, and invalid UTF-8 passes through untouched.
enum ByteClass {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let singleQuote: UInt8 = 0x27
    static let doubleQuote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let dollar: UInt8 = 0x24
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let backtick: UInt8 = 0x60

    /// psql 15's `{space}`: space, tab, newline, carriage return, form feed (not vertical tab).
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    /// `{horiz_space}`: whitespace that does not end a line.
    @inline(__always) static func isHorizontalSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0C
    }

    /// `{newline}`: both line-feed and carriage return end a line (and a `--` comment).
    @inline(__always) static func isNewline(_ c: UInt8) -> Bool {
        c == 0x0A || c == 0x0D
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool {
        c &- 0x30 < 10
    }

    @inline(__always) static func isLetter(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26
    }

    /// `{ident_start}`, also `{dolq_start}`.
    @inline(__always) static func isIdentifierStart(_ c: UInt8) -> Bool {
        isLetter(c) || c == 0x5F || c >= 0x80
    }

    /// `{ident_cont}`: identifiers may contain `$` (so `a$b$` is one identifier, not a dollar quote).
    @inline(__always) static func isIdentifierContinuation(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || isDigit(c) || c == 0x24
    }

    /// `{dolq_cont}`: like an identifier, but without `$`.
    @inline(__always) static func isDollarTagContinuation(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }

    /// `{variable_char}`: the characters of a psql variable name after `:`.
    @inline(__always) static func isVariableCharacter(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }

    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20) &- 0x61 < 6
    }

    @inline(__always) static func asciiLowercased(_ c: UInt8) -> UInt8 {
        (c &- 0x41 < 26) ? c | 0x20 : c
    }
}
