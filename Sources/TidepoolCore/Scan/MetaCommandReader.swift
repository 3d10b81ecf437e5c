/// Reading a backslash command's name and the extent of its arguments (psqlscanslash.l), after the
/// SQL lexer stopped at the backslash. The arguments are returned raw; `MetaArguments` parses them.
extension StatementScanner {
    mutating func readMetaCommand() -> ScanEvent {
        // A line holding only a backslash command leaves the buffer as it was (mainloop.c).
        if let position = addedNewlinePosition, buffer.count == position {
            buffer.removeLast()
        }
        addedNewlinePosition = nil

        // The name runs to whitespace or the next backslash.
        var nameBytes: [UInt8] = []
        while let c = peekByte(), !ByteClass.isSpace(c), c != ByteClass.backslash {
            nameBytes.append(c)
            advance()
        }
        let name = String(decoding: nameBytes, as: UTF8.self)

        var arguments: [UInt8] = []
        if wholeLineCommands.contains(name) {
            takeRestOfLine(into: &arguments)
        } else {
            readNormalArguments(of: name, into: &arguments)
            // A `\\` right where the arguments stop separates this command from what follows.
            if peekByte() == ByteClass.backslash, byteInCurrentFrame(at: 1) == ByteClass.backslash {
                advance()
                advance()
            }
        }
        return .metaCommand(name: name, arguments: arguments)
    }

    /// OT_NORMAL extent: whitespace-separated arguments with '…' (backslash escapes), "…" and `…`
    /// quoting, ending at the end of the line or before an unquoted backslash.
    private mutating func readNormalArguments(of name: String, into arguments: inout [UInt8]) {
        var pipeMayFollow = filePipeCommands.contains(name)
        var inOutputOptions = false
        while true {
            while let c = peekByte(), ByteClass.isSpace(c) {
                arguments.append(c)
                advance()
            }
            guard let first = peekByte(), first != ByteClass.backslash else { return }
            if pipeMayFollow, first == UInt8(ascii: "|") {
                takeRestOfLine(into: &arguments)
                return
            }
            let argumentStart = arguments.count
            readOneArgument(into: &arguments)
            // \g (format=csv tuples_only) |cmd: the pipe may come after a parenthesized option group.
            if pipeMayFollow, name == "g" || name == "gx", arguments[argumentStart] == UInt8(ascii: "(") {
                inOutputOptions = true
            }
            if inOutputOptions {
                let closes = arguments.last == UInt8(ascii: ")")
                inOutputOptions = !closes
                pipeMayFollow = closes
            } else {
                pipeMayFollow = false
            }
        }
    }

    private mutating func readOneArgument(into arguments: inout [UInt8]) {
        while let c = peekByte(), !ByteClass.isSpace(c), c != ByteClass.backslash {
            arguments.append(c)
            advance()
            switch c {
            case ByteClass.singleQuote:
                while let d = peekByte() {
                    arguments.append(d)
                    advance()
                    if d == ByteClass.singleQuote { break }
                    if d == ByteClass.backslash, let escaped = byteInCurrentFrame(at: 0), escaped != ByteClass.newline {
                        arguments.append(escaped)
                        advance()
                    }
                }
            case ByteClass.doubleQuote, ByteClass.backtick:
                while let d = peekByte() {
                    arguments.append(d)
                    advance()
                    if d == c { break }
                }
            default:
                break
            }
        }
    }

    /// Everything up to the end of the line, through any variable values being expanded.
    private mutating func takeRestOfLine(into arguments: inout [UInt8]) {
        while peekByte() != nil {
            let top = frames.count - 1
            arguments.append(contentsOf: frames[top].bytes[frames[top].position...])
            frames[top].position = frames[top].bytes.count
        }
    }

    /// The next byte, leaving finished variable values for the text around them; nil at end of line.
    private mutating func peekByte() -> UInt8? {
        while let top = frames.last {
            if !top.isExhausted { return top.bytes[top.position] }
            guard top.variableName != nil else { return nil }
            frames.removeLast()
        }
        return nil
    }

    /// The byte `offset` places after the current position of the innermost frame, without crossing
    /// into the text around it (flex tokens such as `\\` never span frames).
    private func byteInCurrentFrame(at offset: Int) -> UInt8? {
        guard let top = frames.last else { return nil }
        let index = top.position + offset
        return index < top.bytes.count ? top.bytes[index] : nil
    }

    private mutating func advance() {
        frames[frames.count - 1].position += 1
    }
}
