/// Parses a backslash command's raw arguments one at a time, as psql's psqlscanslash.l does.
///
///     var arguments = MetaArguments(raw)
///     let pattern = arguments.next(.normal, variables: lookup)
///     let rest = arguments.rest()            // \! and friends
///
/// The result is text: arguments are short and commands need strings. Bytes that are not UTF-8 are
/// replaced (U+FFFD).
public struct MetaArguments: Sendable {
    /// psql's slash_option_type.
    public enum Mode: Sendable, Equatable {
        /// OT_NORMAL: whitespace-separated; '…' dequoted with escapes, "…" kept with its quotes,
        /// `…` run as a command, :variables substituted.
        case normal
        /// OT_SQLID: as `.normal`, then double quotes removed and unquoted letters lowercased.
        case sqlIdentifier
        /// OT_SQLIDHACK (`\connect`): double quotes removed, case kept.
        case sqlIdentifierKeepingCase
        /// OT_FILEPIPE: as `.normal`, but an argument starting with `|` takes the rest of the line.
        case filePipe
        /// OT_WHOLE_LINE: the rest of the line, raw; the same as `rest()`.
        case wholeLine
    }

    /// One parsed argument.
    public struct Argument: Sendable, Equatable {
        public var text: String
        /// The last quoting used in it (`'`, `"`, `` ` ``, or `:` for a substituted variable), nil when
        /// unquoted; psql uses it to tell `''` (an empty argument) from no argument.
        public var quote: Character?

        public init(text: String, quote: Character?) {
            self.text = text
            self.quote = quote
        }
    }

    private let raw: [UInt8]
    private var position = 0
    /// Set when an argument ended inside quotes; psql reports "unterminated quoted string" and treats
    /// the argument as missing (`next` returns nil).
    public private(set) var hadUnterminatedQuote = false

    public init(_ raw: [UInt8]) {
        self.raw = raw
    }

    /// True when only whitespace (or nothing) is left.
    public var isAtEnd: Bool {
        var index = position
        while index < raw.count, ByteClass.isSpace(raw[index]) { index += 1 }
        return index >= raw.count
    }

    /// The next argument's text; nil when none is left (or at an unquoted backslash, or after an
    /// unterminated quote). See `nextArgument` for the parameters.
    public mutating func next(_ mode: Mode = .normal, stripSemicolons: Bool = false,
                              variables: VariableLookup = { _ in nil },
                              runCommand: ((String) -> String?)? = nil) -> String? {
        nextArgument(mode, stripSemicolons: stripSemicolons, variables: variables, runCommand: runCommand)?.text
    }

    /// The next argument.
    /// - Parameters:
    ///   - stripSemicolons: drop unquoted trailing `;` (psql's `semicolon` flag: `\d foo;`).
    ///   - variables: answers `:name`, `:'name'`, `:"name"`, `:{?name}` and, inside backticks,
    ///     `:'name'` as `.shellArgument` (see `VariableReference`).
    ///   - runCommand: runs a backticked command and returns its output (one trailing newline is
    ///     removed here), or nil when it failed (the text then vanishes, as in psql). Without it the
    ///     command text stays, unquoted, as psql leaves it in an inactive `\if` branch.
    public mutating func nextArgument(_ mode: Mode = .normal, stripSemicolons: Bool = false,
                                      variables: VariableLookup = { _ in nil },
                                      runCommand: ((String) -> String?)? = nil) -> Argument? {
        if mode == .wholeLine {
            let text = rest()
            return text.isEmpty ? nil : Argument(text: text, quote: nil)
        }
        while position < raw.count, ByteClass.isSpace(raw[position]) { position += 1 }
        guard position < raw.count else { return nil }
        if mode == .filePipe, raw[position] == UInt8(ascii: "|") {
            let text = String(decoding: raw[position...], as: UTF8.self)
            position = raw.count
            return Argument(text: text, quote: nil)
        }

        var output: [UInt8] = []
        var quote: UInt8?
        var unquotedTail = 0  // trailing characters not under any quoting, for stripSemicolons
        while position < raw.count {
            let c = raw[position]
            if ByteClass.isSpace(c) || c == ByteClass.backslash { break }
            switch c {
            case ByteClass.singleQuote:
                position += 1
                quote = c
                unquotedTail = 0
                guard readSingleQuoted(into: &output) else { return unterminated() }
            case ByteClass.doubleQuote:
                position += 1
                quote = c
                unquotedTail = 0
                output.append(c)
                guard let close = raw[position...].firstIndex(of: c) else { return unterminated() }
                output.append(contentsOf: raw[position...close])
                position = close + 1
            case ByteClass.backtick:
                position += 1
                quote = c
                unquotedTail = 0
                guard let command = readBackticked(variables: variables) else { return unterminated() }
                if let runCommand {
                    if var result = runCommand(String(decoding: command, as: UTF8.self)) {
                        if result.hasSuffix("\n") { result.removeLast() }
                        output.append(contentsOf: result.utf8)
                    }
                } else {
                    output.append(contentsOf: command)
                }
            case ByteClass.colon:
                let match = raw.withUnsafeBufferPointer { VariableSyntax.match($0, at: position) }
                guard case .reference(let nameRange, let kind, let end) = match else {
                    output.append(c)
                    position += 1
                    unquotedTail += 1
                    break
                }
                let name = String(decoding: raw[nameRange], as: UTF8.self)
                if let value = variables(VariableReference(name: name, kind: kind)) {
                    output.append(contentsOf: value)
                    if kind != .existenceTest { quote = ByteClass.colon }
                } else {
                    output.append(contentsOf: raw[position..<end])
                }
                position = end
                unquotedTail = 0
            default:
                output.append(c)
                position += 1
                unquotedTail += 1
            }
        }

        if stripSemicolons {
            while unquotedTail > 0, output.last == ByteClass.semicolon {
                output.removeLast()
                unquotedTail -= 1
            }
        }
        if mode == .sqlIdentifier || mode == .sqlIdentifierKeepingCase {
            output = Self.dequoteIdentifier(output, lowercasing: mode == .sqlIdentifier)
        }
        if output.isEmpty, quote == nil { return nil }
        return Argument(text: String(decoding: output, as: UTF8.self),
                        quote: quote.map { Character(Unicode.Scalar($0)) })
    }

    /// OT_WHOLE_LINE: the remaining raw text without leading and trailing whitespace; "" when none.
    public mutating func rest() -> String {
        var start = position
        while start < raw.count, ByteClass.isSpace(raw[start]) { start += 1 }
        var end = raw.count
        while end > start, ByteClass.isSpace(raw[end - 1]) { end -= 1 }
        position = raw.count
        return String(decoding: raw[start..<end], as: UTF8.self)
    }

    private mutating func unterminated() -> Argument? {
        hadUnterminatedQuote = true
        position = raw.count
        return nil
    }

    /// After the opening `'`: `''` is a quote; `\n \t \b \r \f`, octal `\ooo`, hex `\xHH`, and `\`
    /// before anything else gives that character. False when the closing quote is missing.
    private mutating func readSingleQuoted(into output: inout [UInt8]) -> Bool {
        while position < raw.count {
            let c = raw[position]
            if c == ByteClass.singleQuote {
                if position + 1 < raw.count, raw[position + 1] == ByteClass.singleQuote {
                    output.append(c)
                    position += 2
                    continue
                }
                position += 1
                return true
            }
            guard c == ByteClass.backslash, position + 1 < raw.count, raw[position + 1] != ByteClass.newline else {
                output.append(c)
                position += 1
                continue
            }
            let escaped = raw[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escaped - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, position < raw.count, raw[position] &- UInt8(ascii: "0") < 8 {
                    value = value * 8 + Int(raw[position] - UInt8(ascii: "0"))
                    position += 1
                    digits += 1
                }
                output.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x") where position < raw.count && ByteClass.isHexDigit(raw[position]):
                var value = Self.hexValue(raw[position])
                position += 1
                if position < raw.count, ByteClass.isHexDigit(raw[position]) {
                    value = value * 16 + Self.hexValue(raw[position])
                    position += 1
                }
                output.append(UInt8(value))
            default:
                output.append(escaped)
            }
        }
        return false
    }

    /// After the opening backtick: the command text up to the closing one, with `:name` and
    /// `:'name'` (quoted for the shell) substituted. Nil when the closing backtick is missing.
    private mutating func readBackticked(variables: VariableLookup) -> [UInt8]? {
        var command: [UInt8] = []
        while position < raw.count {
            let c = raw[position]
            if c == ByteClass.backtick {
                position += 1
                return command
            }
            if c == ByteClass.colon {
                let match = raw.withUnsafeBufferPointer { VariableSyntax.match($0, at: position) }
                if case .reference(let nameRange, let kind, let end) = match, kind == .plain || kind == .literal {
                    let name = String(decoding: raw[nameRange], as: UTF8.self)
                    let shellKind: VariableReference.Kind = kind == .plain ? .plain : .shellArgument
                    if let value = variables(VariableReference(name: name, kind: shellKind)) {
                        command.append(contentsOf: value)
                    } else {
                        command.append(contentsOf: raw[position..<end])
                    }
                    position = end
                    continue
                }
            }
            command.append(c)
            position += 1
        }
        return nil
    }

    private static func hexValue(_ c: UInt8) -> Int {
        ByteClass.isDigit(c) ? Int(c - UInt8(ascii: "0")) : Int((c | 0x20) - UInt8(ascii: "a")) + 10
    }

    /// psql's dequote_downcase_identifier: `FOO"Bar"` becomes `fooBar`; `""` inside quotes is one `"`.
    /// Only ASCII letters are lowercased; multibyte characters are left alone.
    static func dequoteIdentifier(_ text: [UInt8], lowercasing: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var inQuotes = false
        var index = 0
        while index < text.count {
            let c = text[index]
            if c == ByteClass.doubleQuote {
                if inQuotes, index + 1 < text.count, text[index + 1] == ByteClass.doubleQuote {
                    output.append(c)
                    index += 2
                    continue
                }
                inQuotes.toggle()
            } else {
                output.append(lowercasing && !inQuotes ? ByteClass.asciiLowercased(c) : c)
            }
            index += 1
        }
        return output
    }
}
