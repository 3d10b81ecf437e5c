/// Cuts input into SQL statements and backslash meta-commands exactly as psql 15 does
/// (psqlscan.l, psqlscanslash.l and the line handling of mainloop.c).
///
/// Pure and byte-based: no I/O, no String round trip for statement text, so invalid UTF-8 reaches
/// the server untouched. Linear in the input. Typical use, one line at a time:
///
///     scanner.append(line: bytes)          // without its "\n"; a trailing "\r" is kept, as psql does
///     while let event = scanner.next(variables: lookup) { … }
///     // at end of input: let rest = scanner.takeBuffer(); psql sends it when not empty
///
/// After a meta-command that psql would treat as failed (unknown command, bad arguments), call
/// `skipRestOfLine()`: psql throws away the rest of such a line.
public struct StatementScanner: Sendable {
    /// Whether plain `'…'` literals treat backslash as an ordinary character. Follow the server's
    /// `standard_conforming_strings` (libpq's `PQparameterStatus`); `E'…'` always escapes.
    public var standardConformingStrings: Bool

    /// Command names whose arguments are the whole rest of the line (psql's OT_WHOLE_LINE):
    /// backslashes and quotes there are not special. Add tidepool's own such commands here.
    public var wholeLineCommands: Set<String> = ["!", "copy", "ef", "ev", "sf", "sf+", "sv", "sv+", "h", "help", "bg"]

    /// Command names whose first argument may be `|command`, which then takes the rest of the line
    /// (psql's OT_FILEPIPE). For `g`/`gx` a leading `(option=value …)` group comes first.
    public var filePipeCommands: Set<String> = ["g", "gx", "o", "out", "w", "write"]

    /// psql's SINGLELINE (`-S`): the end of a line ends the statement as a `;` would, when the line ends
    /// outside quotes, comments, parentheses and `BEGIN ATOMIC` bodies and the buffer holds something.
    /// As in psql 15 the lexer is not reset there: the words counted towards spotting `CREATE FUNCTION`
    /// carry over into the next statement until a `;` ends one.
    public var singleLine = false

    var lexer = LexerState()
    var buffer: [UInt8] = []
    /// Where the "\n" joining the current line to the buffer was put, to take it out again when the
    /// line holds only a backslash command (mainloop.c: added_nl_pos).
    var addedNewlinePosition: Int?
    /// The line being read and the variable expansions inside it; empty between lines.
    var frames: [InputFrame] = []
    var pendingLines: [[UInt8]] = []
    var pendingHead = 0
    var warnings: [String] = []

    public init(standardConformingStrings: Bool = true) {
        self.standardConformingStrings = standardConformingStrings
    }

    /// Adds one input line, without its line terminator. As in psql, when the query buffer is not empty
    /// when the line is reached, a "\n" is put before the line's content; an empty line outside quotes
    /// and comments is ignored altogether. A line may itself contain "\n" (text back from an editor).
    public mutating func append(line: some Collection<UInt8>) {
        pendingLines.append(Array(line))
    }

    /// The next statement or meta-command from the appended input; nil when the input is used up (what
    /// is left, an incomplete statement, stays in the query buffer). Call again after each `append`.
    public mutating func next(variables: VariableLookup) -> ScanEvent? {
        while true {
            guard let top = frames.indices.last else {
                guard startNextLine() else { return nil }
                continue
            }
            if frames[top].isExhausted {
                frames.removeLast()
                if frames.isEmpty, singleLine, lexer.context == .none, lexer.routineBody.beginDepth == 0,
                   !buffer.isEmpty {
                    addedNewlinePosition = nil
                    var statement: [UInt8] = []
                    swap(&statement, &buffer)
                    return .statement(statement)
                }
                continue
            }
            let bytes = frames[top].bytes
            let start = frames[top].position
            let (end, stop) = bytes.withUnsafeBufferPointer { input in
                lex(input, from: start, variables: variables)
            }
            frames[top].position = end
            switch stop {
            case .endOfInput:
                continue
            case .semicolon:
                addedNewlinePosition = nil
                var statement: [UInt8] = []
                swap(&statement, &buffer)
                return .statement(statement)
            case .backslash:
                return readMetaCommand()
            case .expand(let value, let name):
                frames.append(InputFrame(bytes: value, position: 0, variableName: name))
            }
        }
    }

    /// `next(variables:)` with no variables defined: every reference stays as typed.
    public mutating func next() -> ScanEvent? {
        next(variables: { _ in nil })
    }

    /// The pending (incomplete) statement text.
    public var queryBuffer: [UInt8] { buffer }

    /// True when the query buffer holds nothing (psql: `query_buf->len == 0`).
    public var isBufferEmpty: Bool { buffer.isEmpty }

    /// `\r`: forgets the pending text and the lexical state (quote, comment, parentheses).
    /// Input not yet scanned is kept.
    public mutating func resetBuffer() {
        buffer.removeAll(keepingCapacity: true)
        lexer.reset()
        addedNewlinePosition = nil
    }

    /// For `\g` and end of input: returns the pending text and resets as `resetBuffer()` does.
    public mutating func takeBuffer() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &buffer)
        lexer.reset()
        addedNewlinePosition = nil
        return taken
    }

    /// What the pending statement is inside, for the continuation prompt.
    public var context: ScanContext { lexer.context }

    public var parenthesisDepth: Int { lexer.parenthesisDepth }

    /// Drops what is left of the current line (and of variable values being expanded in it). psql does
    /// this after a backslash command fails, so nothing after a failed command on its line runs.
    public mutating func skipRestOfLine() {
        frames.removeAll(keepingCapacity: true)
    }

    /// Warnings psql would print while scanning (recursive variable expansion), oldest first.
    public mutating func takeWarnings() -> [String] {
        var taken: [String] = []
        swap(&taken, &warnings)
        return taken
    }

    /// Moves the next appended line into the lexer, applying mainloop.c's rules: an empty line outside
    /// quotes is skipped; otherwise a "\n" joins it to a non-empty buffer. False when none is left.
    private mutating func startNextLine() -> Bool {
        guard pendingHead < pendingLines.count else {
            pendingLines.removeAll(keepingCapacity: true)
            pendingHead = 0
            return false
        }
        let line = pendingLines[pendingHead]
        pendingLines[pendingHead] = []
        pendingHead += 1
        if pendingHead > 64, pendingHead * 2 > pendingLines.count {
            pendingLines.removeFirst(pendingHead)
            pendingHead = 0
        }
        if line.isEmpty, !lexer.isInQuote { return true }
        if buffer.isEmpty {
            addedNewlinePosition = nil
        } else {
            buffer.append(ByteClass.newline)
            addedNewlinePosition = buffer.count
        }
        frames.append(InputFrame(bytes: line, position: 0, variableName: nil))
        return true
    }
}
