import Scan

/// The scanner's invariants, checked on any bytes. A violation traps (fatalError), which libFuzzer
/// reports as a crash together with the input that caused it.
public enum ScanChecks {
    /// Variables for the expanding pass: a value that ends a statement, one that opens a quote, one
    /// that refers to itself (psql warns and stops), and a long one.
    public static func variables(_ reference: VariableReference) -> [UInt8]? {
        switch reference.name {
        case "a": return Array("1; select 2".utf8)
        case "b": return Array("'".utf8)
        case "r": return Array(":r".utf8)
        case "long": return Array(repeating: UInt8(ascii: "x"), count: 1000)
        default: return nil
        }
    }

    /// Scans `input` line by line (split at "\n", as ScriptReader feeds it) and returns every event and
    /// the incomplete rest. Traps if the scanner yields more events than there are bytes plus variable
    /// expansions can explain (it would be looping).
    public static func scan(_ input: [UInt8], variables: VariableLookup = { _ in nil },
                            standardConformingStrings: Bool = true) -> (events: [ScanEvent], rest: [UInt8]) {
        var scanner = StatementScanner(standardConformingStrings: standardConformingStrings)
        var events: [ScanEvent] = []
        let bound = input.count * 4 + 64
        for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            scanner.append(line: line)
            while let event = scanner.next(variables: variables) {
                events.append(event)
                if events.count > bound { fatalError("scanner looping: \(events.count) events from \(input.count) bytes") }
            }
        }
        _ = scanner.takeWarnings()
        return (events, scanner.takeBuffer())
    }

    /// Split-then-rejoin: for input without backslash commands and without variables expanded, the
    /// statements joined together with the incomplete rest are the input itself, less only what psql
    /// drops too — whitespace and `--` comments before a statement starts, and empty lines.
    public static func checkRejoin(_ input: [UInt8]) {
        guard !input.contains(UInt8(ascii: "\\")) else { return }
        let (events, rest) = scan(input)
        var pieces: [[UInt8]] = []
        for event in events {
            guard case .statement(let text) = event else { fatalError("meta-command from input without backslash") }
            pieces.append(text)
        }
        pieces.append(rest)
        var i = 0
        for (number, piece) in pieces.enumerated() {
            skipBetweenStatements(input, &i)
            // Inside a statement the scanner copies every byte, except that it drops empty lines.
            var j = 0
            while j < piece.count {
                guard i < input.count else { fatalError("statement \(number) is longer than the input left") }
                if input[i] == piece[j] {
                    i += 1
                    j += 1
                } else if isSpace(input[i]) {
                    i += 1
                } else {
                    fatalError("rejoin differs at input byte \(i), byte \(j) of statement \(number)")
                }
            }
        }
        skipBetweenStatements(input, &i)
        if i != input.count { fatalError("input bytes from \(i) on are missing from the statements") }
    }

    /// What psql drops before a statement starts: whitespace and `--` comments (to "\n" or "\r").
    private static func skipBetweenStatements(_ input: [UInt8], _ i: inout Int) {
        while i < input.count {
            if isSpace(input[i]) {
                i += 1
            } else if input[i] == UInt8(ascii: "-"), i + 1 < input.count, input[i + 1] == UInt8(ascii: "-") {
                while i < input.count, input[i] != UInt8(ascii: "\n"), input[i] != UInt8(ascii: "\r") { i += 1 }
            } else {
                return
            }
        }
    }

    /// Every byte of a statement comes from the input or a variable value: no statement can be longer
    /// than what was read. Runs the expanding pass with both quoting conventions.
    public static func checkExpansion(_ input: [UInt8]) {
        for standard in [true, false] {
            let (events, rest) = scan(input, variables: variables, standardConformingStrings: standard)
            var total = rest.count
            for case .statement(let text) in events { total += text.count }
            // Each `:name` reference expands to at most 1000 bytes; recursion is cut by the scanner.
            let references = input.lazy.filter { $0 == UInt8(ascii: ":") }.count
            if total > input.count + references * 1000 + input.count {
                fatalError("statements hold \(total) bytes from \(input.count) input bytes")
            }
        }
    }

    /// Parses `raw` as meta-command arguments in every mode until they are used up. Each call either
    /// consumes input or ends the loop, so more calls than bytes mean a hang.
    public static func checkMetaArguments(_ raw: [UInt8]) {
        let modes: [MetaArguments.Mode] = [.normal, .sqlIdentifier, .sqlIdentifierKeepingCase, .filePipe, .wholeLine]
        for (offset, _) in modes.enumerated() {
            var arguments = MetaArguments(raw)
            var calls = 0
            var index = offset
            while let argument = arguments.nextArgument(modes[index % modes.count], stripSemicolons: index % 2 == 0,
                                                        variables: variables, runCommand: { "out:" + $0 + "\n" }) {
                _ = argument.text.utf8.count
                calls += 1
                index += 1
                if calls > raw.count + 1 { fatalError("MetaArguments returned \(calls) arguments from \(raw.count) bytes") }
            }
            _ = arguments.isAtEnd
            _ = arguments.rest()
        }
    }

    /// psqlscan.l's `{space}` in PostgreSQL 15: no vertical tab.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
