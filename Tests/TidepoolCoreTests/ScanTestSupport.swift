import TidepoolCore

/// Bytes written as a string literal (UTF-8) or, for invalid UTF-8, as an array.
struct ScanBytes: ExpressibleByStringLiteral, Sendable, Equatable {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(stringLiteral value: String) { bytes = Array(value.utf8) }
}

extension ScanEvent {
    static func s(_ text: ScanBytes) -> ScanEvent { .statement(text.bytes) }
    static func m(_ name: String, _ arguments: ScanBytes) -> ScanEvent { .metaCommand(name: name, arguments: arguments.bytes) }
}

/// One scanner case: input lines, the events psql 15 produces for them, and what is left over.
/// Expected values were checked against the real psql 15 (`psql -L` logs what it sends, `\echo` shows
/// how it splits meta-command arguments): see the report of the scanner's author.
struct ScanCase: Sendable, CustomStringConvertible {
    let lines: [[UInt8]]
    let events: [ScanEvent]
    let remainder: [UInt8]
    let context: ScanContext

    init(_ lines: [ScanBytes], _ events: [ScanEvent], remainder: ScanBytes, context: ScanContext) {
        self.lines = lines.map(\.bytes)
        self.events = events
        self.remainder = remainder.bytes
        self.context = context
    }

    var description: String {
        lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "⏎")
    }
}

/// Drives a scanner the way tidepool's main loop will: BOM stripped from the first line, `\set` kept
/// in a variable table, `:'x'`/`:"x"` quoted naively, `:{?x}` answered TRUE/FALSE.
struct ScanDriver {
    var scanner = StatementScanner()
    var variables: [String: [UInt8]] = [:]
    var events: [ScanEvent] = []

    mutating func feed(_ lines: [[UInt8]]) {
        for (number, line) in lines.enumerated() {
            scanner.append(line: number == 0 ? Array(StatementScanner.stripBOM(line)) : line)
            drain()
        }
    }

    mutating func drain() {
        let table = variables
        let lookup: VariableLookup = { Self.lookup($0, in: table) }
        while let event = scanner.next(variables: lookup) {
            events.append(event)
            if case .metaCommand("set", let raw) = event {
                var arguments = MetaArguments(raw)
                if let name = arguments.next(variables: lookup) {
                    var value = ""
                    while let part = arguments.next(variables: lookup) { value += part }
                    variables[name] = Array(value.utf8)
                }
            }
        }
    }

    static func lookup(_ reference: VariableReference, in table: [String: [UInt8]]) -> [UInt8]? {
        func quoted(_ value: [UInt8], _ quote: UInt8) -> [UInt8] {
            [quote] + value.flatMap { $0 == quote ? [quote, quote] : [$0] } + [quote]
        }
        switch reference.kind {
        case .existenceTest: return Array((table[reference.name] == nil ? "FALSE" : "TRUE").utf8)
        case .plain: return table[reference.name]
        case .literal: return table[reference.name].map { quoted($0, 0x27) }
        case .identifier: return table[reference.name].map { quoted($0, 0x22) }
        case .shellArgument: return table[reference.name].map { quoted($0, 0x27) }
        }
    }
}
