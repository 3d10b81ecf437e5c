/// Why `lex` stopped reading a frame.
enum LexStop {
    /// The frame is used up; the lexer state carries over to what comes next.
    case endOfInput
    /// A statement-ending `;` was copied into the buffer.
    case semicolon
    /// A backslash command starts right after the returned position.
    case backslash
    /// `:name` names a variable: its value is to be read next, in a frame of its own.
    case expand(value: [UInt8], name: [UInt8])
}

extension StatementScanner {
    /// psqlscan.l's SQL lexer over one frame, from `start`: copies what psql copies into the query
    /// buffer and stops at a statement end, a backslash command, a variable to expand, or the end.
    ///
    /// Bytes are copied in runs (`copied..<index` is read but not yet in the buffer) so that long
    /// literals cost one append. Every branch advances `index`, so the loop always ends.
    mutating func lex(_ input: UnsafeBufferPointer<UInt8>, from start: Int,
                      variables: VariableLookup) -> (Int, LexStop) {
        let end = input.count
        var index = start
        var copied = start

        @inline(__always) func byte(_ at: Int) -> UInt8? { at < end ? input[at] : nil }

        while index < end {
            switch lexer.mode {
            case .initial:
                let c = input[index]
                switch c {
                case _ where ByteClass.isSpace(c):
                    var next = index + 1
                    while next < end, ByteClass.isSpace(input[next]) { next += 1 }
                    // Whitespace and `--` comments are not added to an empty buffer.
                    if buffer.isEmpty, copied == index { copied = next }
                    index = next
                case UInt8(ascii: "-") where byte(index + 1) == UInt8(ascii: "-"):
                    var next = index + 2
                    while next < end, !ByteClass.isNewline(input[next]) { next += 1 }
                    if buffer.isEmpty, copied == index { copied = next }
                    index = next
                case UInt8(ascii: "/") where byte(index + 1) == UInt8(ascii: "*"):
                    lexer.mode = .blockComment
                    lexer.commentDepth = 0
                    index += 2
                case ByteClass.singleQuote:
                    lexer.mode = .string(standardConformingStrings ? .standard : .escaped)
                    index += 1
                case ByteClass.doubleQuote:
                    lexer.mode = .quotedIdentifier
                    index += 1
                case ByteClass.dollar:
                    index = lexDollar(input, at: index)
                case UInt8(ascii: "("):
                    lexer.parenthesisDepth += 1
                    index += 1
                case UInt8(ascii: ")"):
                    if lexer.parenthesisDepth > 0 { lexer.parenthesisDepth -= 1 }
                    index += 1
                case ByteClass.semicolon:
                    index += 1
                    if lexer.parenthesisDepth == 0, lexer.routineBody.beginDepth == 0 {
                        lexer.routineBody.statementEnded()
                        appendRun(input, copied..<index)
                        return (index, .semicolon)
                    }
                case ByteClass.backslash:
                    appendRun(input, copied..<index)
                    // `\;` and `\:` put a plain `;` or `:` into the statement.
                    if let forced = byte(index + 1), forced == ByteClass.semicolon || forced == ByteClass.colon {
                        buffer.append(forced)
                        if forced == ByteClass.semicolon { lexer.routineBody.statementEnded() }
                        index += 2
                        copied = index
                    } else {
                        return (index + 1, .backslash)
                    }
                case ByteClass.colon:
                    let reference = VariableSyntax.match(input, at: index)
                    switch reference {
                    case .none:
                        index += 1
                    case .typecast:
                        index += 2
                    case .reference(let nameRange, let kind, let tokenEnd):
                        let name = Array(UnsafeBufferPointer(rebasing: input[nameRange]))
                        let text = String(decoding: name, as: UTF8.self)
                        guard let value = variables(VariableReference(name: text, kind: kind)) else {
                            index = tokenEnd
                            break
                        }
                        if kind == .plain {
                            if frames.contains(where: { $0.variableName == name }) {
                                warnings.append("skipping recursive expansion of variable \"\(text)\"")
                                index = tokenEnd
                                break
                            }
                            appendRun(input, copied..<index)
                            return (tokenEnd, .expand(value: value, name: name))
                        }
                        // Quoted values and existence tests are emitted as they are, never re-scanned.
                        appendRun(input, copied..<index)
                        buffer.append(contentsOf: value)
                        index = tokenEnd
                        copied = index
                    }
                case _ where ByteClass.isDigit(c):
                    index = NumberSyntax.end(input, at: index)
                case UInt8(ascii: ".") where byte(index + 1).map(ByteClass.isDigit) == true:
                    index = NumberSyntax.end(input, at: index)
                case _ where ByteClass.isIdentifierStart(c):
                    index = lexWord(input, at: index)
                default:
                    index += 1
                }

            case .string(let kind):
                index = lexString(input, at: index, kind: kind)

            case .afterString(let kind):
                if let resumed = StringContinuation.end(input, at: index) {
                    lexer.mode = .string(kind)
                    index = resumed
                } else {
                    lexer.mode = .initial
                }

            case .quotedIdentifier:
                while index < end {
                    if input[index] == ByteClass.doubleQuote {
                        if byte(index + 1) == ByteClass.doubleQuote {
                            index += 2
                            continue
                        }
                        index += 1
                        lexer.mode = .initial
                        break
                    }
                    index += 1
                }

            case .dollarQuoted:
                index = lexDollarQuoteBody(input, at: index)

            case .blockComment:
                index = lexBlockComment(input, at: index)
            }
        }
        appendRun(input, copied..<end)
        return (end, .endOfInput)
    }

    @inline(__always)
    private mutating func appendRun(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        if !range.isEmpty {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
        }
    }

    /// An identifier, or one of the prefixes that start a literal: E'…', B'…', X'…', N'…', U&'…', U&"…".
    private mutating func lexWord(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let end = input.count
        let letter = ByteClass.asciiLowercased(input[start])
        let second: UInt8? = start + 1 < end ? input[start + 1] : nil
        if second == ByteClass.singleQuote {
            switch letter {
            case UInt8(ascii: "e"):
                lexer.mode = .string(.escaped)
                return start + 2
            case UInt8(ascii: "b"), UInt8(ascii: "x"):
                lexer.mode = .string(.bits)
                return start + 2
            case UInt8(ascii: "n"):
                return start + 1  // N'…' is the `n` alone, then an ordinary literal
            default:
                break
            }
        }
        if letter == UInt8(ascii: "u"), second == UInt8(ascii: "&") {
            let third: UInt8? = start + 2 < end ? input[start + 2] : nil
            if third == ByteClass.singleQuote {
                lexer.mode = .string(.standard)
                return start + 3
            }
            if third == ByteClass.doubleQuote {
                lexer.mode = .quotedIdentifier
                return start + 3
            }
            return start + 1  // `u` then the operator `&`; not an identifier
        }
        var next = start + 1
        while next < end, ByteClass.isIdentifierContinuation(input[next]) { next += 1 }
        lexer.routineBody.sawIdentifier(UnsafeBufferPointer(rebasing: input[start..<next]),
                                        parenthesisDepth: lexer.parenthesisDepth)
        return next
    }

    /// `$1` (a parameter), `$tag$` (a dollar quote opens), or a lone `$`.
    private mutating func lexDollar(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let end = input.count
        var next = start + 1
        if next < end, ByteClass.isDigit(input[next]) {
            while next < end, ByteClass.isDigit(input[next]) { next += 1 }
            // PG15's {param_junk}: one identifier character sticks to the parameter.
            if next < end, ByteClass.isIdentifierStart(input[next]) { next += 1 }
            return next
        }
        let tagEnd = DollarTag.end(input, at: start)
        guard tagEnd < end, input[tagEnd] == ByteClass.dollar else { return start + 1 }
        lexer.dollarTag = Array(UnsafeBufferPointer(rebasing: input[start...tagEnd]))
        lexer.mode = .dollarQuoted
        return tagEnd + 1
    }

    /// Inside `$tag$…`: looks for the same tag. A different `$x$` is body text, but its closing `$`
    /// may open the real tag (`$a$…$junk$a$`).
    private mutating func lexDollarQuoteBody(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let end = input.count
        var index = start
        while index < end {
            guard input[index] == ByteClass.dollar else {
                index += 1
                continue
            }
            let tagEnd = DollarTag.end(input, at: index)
            if tagEnd < end, input[tagEnd] == ByteClass.dollar,
               tagEnd + 1 - index == lexer.dollarTag.count,
               lexer.dollarTag.withUnsafeBufferPointer({ tag in
                   tag.elementsEqual(UnsafeBufferPointer(rebasing: input[index...tagEnd]))
               }) {
                lexer.mode = .initial
                lexer.dollarTag = []
                return tagEnd + 1
            }
            index = tagEnd  // at least index + 1
        }
        return index
    }

    private mutating func lexString(_ input: UnsafeBufferPointer<UInt8>, at start: Int,
                                    kind: LexerState.StringKind) -> Int {
        let end = input.count
        var index = start
        while index < end {
            let c = input[index]
            if c == ByteClass.singleQuote {
                if kind != .bits, index + 1 < end, input[index + 1] == ByteClass.singleQuote {
                    index += 2
                    continue
                }
                lexer.mode = .afterString(kind)
                return index + 1
            }
            if c == ByteClass.backslash, kind == .escaped {
                index += index + 1 < end ? 2 : 1
                continue
            }
            index += 1
        }
        return index
    }

    /// Inside `/* … */`, which nests.
    private mutating func lexBlockComment(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let end = input.count
        var index = start
        while index < end {
            let c = input[index]
            if c == UInt8(ascii: "/"), index + 1 < end, input[index + 1] == UInt8(ascii: "*") {
                lexer.commentDepth += 1
                index += 2
            } else if c == UInt8(ascii: "*") {
                var next = index + 1
                while next < end, input[next] == UInt8(ascii: "*") { next += 1 }
                guard next < end, input[next] == UInt8(ascii: "/") else {
                    index = next
                    continue
                }
                index = next + 1
                if lexer.commentDepth == 0 {
                    lexer.mode = .initial
                    return index
                }
                lexer.commentDepth -= 1
            } else {
                index += 1
            }
        }
        return index
    }
}

/// `$` followed by an optional identifier-like tag (no leading digit, no `$` inside).
enum DollarTag {
    /// The index just past the tag that follows the `$` at `dollar` (`dollar + 1` when there is none).
    static func end(_ input: UnsafeBufferPointer<UInt8>, at dollar: Int) -> Int {
        var next = dollar + 1
        guard next < input.count, ByteClass.isIdentifierStart(input[next]) else { return next }
        next += 1
        while next < input.count, ByteClass.isDollarTagContinuation(input[next]) { next += 1 }
        return next
    }
}

/// Numeric literals, only so that what follows a number is read as psql reads it:
/// `1e'…'` is the junk `1e` then a plain literal, not an E'' literal.
enum NumberSyntax {
    static func end(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let end = input.count
        var index = start
        func digits() { while index < end, ByteClass.isDigit(input[index]) { index += 1 } }
        digits()
        // `1..10` is 1, `..`, 10 ({decimalfail}).
        if index < end, input[index] == UInt8(ascii: "."),
           !(index + 1 < end && input[index + 1] == UInt8(ascii: ".")) {
            index += 1
            digits()
        }
        if index < end, input[index] | 0x20 == UInt8(ascii: "e") {
            var exponent = index + 1
            if exponent < end, input[exponent] == UInt8(ascii: "+") || input[exponent] == UInt8(ascii: "-") {
                exponent += 1
            }
            guard exponent < end, ByteClass.isDigit(input[exponent]) else {
                return exponent  // {realfail}: `1e`, `1e+` end the token
            }
            index = exponent
            digits()
        }
        // PG15's {integer_junk} and friends: one identifier character sticks to the number.
        if index < end, ByteClass.isIdentifierStart(input[index]) { index += 1 }
        return index
    }
}

/// `{quotecontinue}`: after a literal's closing quote, whitespace holding a newline and then `'`
/// continue the same literal. psql feeds the lexer one line at a time (the newline joining lines is
/// added to the buffer, not to the lexer's input), so this only happens within one frame.
enum StringContinuation {
    /// The index just past the continuing `'`, or nil when the literal really ended.
    static func end(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let end = input.count
        var index = start
        func skipComment() {
            index += 2
            while index < end, !ByteClass.isNewline(input[index]) { index += 1 }
        }
        func atComment() -> Bool {
            index + 1 < end && input[index] == UInt8(ascii: "-") && input[index + 1] == UInt8(ascii: "-")
        }
        while index < end {
            if ByteClass.isHorizontalSpace(input[index]) { index += 1 } else if atComment() { skipComment() } else { break }
        }
        guard index < end, ByteClass.isNewline(input[index]) else { return nil }
        index += 1
        while index < end {
            if ByteClass.isSpace(input[index]) {
                index += 1
            } else if atComment() {
                let before = index
                skipComment()
                guard index < end else { index = before; break }  // a comment must end with a newline
                index += 1
            } else {
                break
            }
        }
        guard index < end, input[index] == ByteClass.singleQuote else { return nil }
        return index + 1
    }
}

/// psql variable references after `:`, shared by the SQL lexer and meta-command arguments.
enum VariableSyntax {
    enum Match {
        /// Just the `:` (no reference follows, or a `:'`, `:"`, `:{?` that does not close).
        case none
        /// `::`, a cast.
        case typecast
        case reference(name: Range<Int>, kind: VariableReference.Kind, end: Int)
    }

    static func match(_ input: UnsafeBufferPointer<UInt8>, at colon: Int) -> Match {
        let end = input.count
        guard colon + 1 < end else { return .none }
        func nameEnd(from start: Int) -> Int {
            var index = start
            while index < end, ByteClass.isVariableCharacter(input[index]) { index += 1 }
            return index
        }
        let opener = input[colon + 1]
        switch opener {
        case ByteClass.colon:
            return .typecast
        case ByteClass.singleQuote, ByteClass.doubleQuote:
            let nameStart = colon + 2
            let stop = nameEnd(from: nameStart)
            guard stop > nameStart, stop < end, input[stop] == opener else { return .none }
            let kind: VariableReference.Kind = opener == ByteClass.singleQuote ? .literal : .identifier
            return .reference(name: nameStart..<stop, kind: kind, end: stop + 1)
        case UInt8(ascii: "{"):
            guard colon + 2 < end, input[colon + 2] == UInt8(ascii: "?") else { return .none }
            let nameStart = colon + 3
            let stop = nameEnd(from: nameStart)
            guard stop > nameStart, stop < end, input[stop] == UInt8(ascii: "}") else { return .none }
            return .reference(name: nameStart..<stop, kind: .existenceTest, end: stop + 1)
        default:
            let stop = nameEnd(from: colon + 1)
            guard stop > colon + 1 else { return .none }
            return .reference(name: (colon + 1)..<stop, kind: .plain, end: stop)
        }
    }
}
