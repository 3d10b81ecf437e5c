import Testing
import TidepoolCore

/// Properties that must hold for any input: no crash or hang on any prefix or any bytes, nothing lost.
@Suite("Scanner properties")
struct ScanPropertyTests {
    /// Splits bytes into lines at "\n" as the caller does (a trailing "\r" stays on its line).
    static func lines(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    static func scanAll(_ lines: [[UInt8]], standardConformingStrings: Bool = true) -> (events: [ScanEvent], rest: [UInt8]) {
        var scanner = StatementScanner(standardConformingStrings: standardConformingStrings)
        var events: [ScanEvent] = []
        let lookup: VariableLookup = { Array("v:\($0.name)".utf8) }
        for line in lines {
            scanner.append(line: line)
            while let event = scanner.next(variables: lookup) { events.append(event) }
        }
        return (events, scanner.takeBuffer())
    }

    @Test("every prefix of every case scans without crashing", arguments: scanCases)
    func everyPrefix(_ scanCase: ScanCase) {
        let text = Array(scanCase.lines.joined(separator: [0x0A]))
        for length in 0...text.count {
            let (_, rest) = Self.scanAll(Self.lines(text[..<length]))
            #expect(rest.count <= length * 2 + 64)  // bounded: "v:name" values are short
        }
    }

    /// A deterministic generator, so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [UInt8] = Array("abeEuUxXnN$$_1(())';;\"\"\\/**-: \n\r\t&{?}`|+.".utf8) + [0x00, 0x80, 0xC3, 0xFF]

    @Test func randomBytesNeverCrashOrHang() {
        var random = SplitMix(state: 42)
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<80, using: &random)
            let input = (0..<length).map { _ in Self.alphabet.randomElement(using: &random)! }
            for conforming in [true, false] {
                _ = Self.scanAll(Self.lines(input), standardConformingStrings: conforming)
            }
        }
    }

    /// Without meta-commands, variables or `--` comments (which psql drops at the start of a
    /// statement), statements plus the leftover hold every non-whitespace byte of the input, in order.
    @Test func rejoiningKeepsAllContent() {
        var random = SplitMix(state: 7)
        let sqlAlphabet = Self.alphabet.filter { $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: ":") }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
        var checked = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<60, using: &random)
            let input = (0..<length).map { _ in sqlAlphabet.randomElement(using: &random)! }
            if input.indices.dropLast().contains(where: { input[$0] == 0x2D && input[$0 + 1] == 0x2D }) { continue }
            let (events, rest) = Self.scanAll(Self.lines(input))
            var output: [UInt8] = []
            for case .statement(let text) in events { output += text }
            output += rest
            #expect(output.filter { !isSpace($0) } == input.filter { !isSpace($0) }, "\(input)")
            checked += 1
        }
        #expect(checked > 1000)
    }

    @Test func rejoiningKeepsTableCasesWithoutMetaCommands() {
        for scanCase in scanCases where !scanCase.lines.joined().contains(UInt8(ascii: "\\"))
            && !scanCase.lines.joined().contains(UInt8(ascii: ":"))
            && !scanCase.description.contains("--") && !scanCase.description.hasPrefix("\u{FEFF}") {
            var joined: [UInt8] = []
            for case .statement(let text) in scanCase.events { joined += text }
            joined += scanCase.remainder
            let significant = { (bytes: [UInt8]) in bytes.filter { ![0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) } }
            #expect(significant(joined) == significant(Array(scanCase.lines.joined())), "\(scanCase)")
        }
    }
}

@Suite("Scanner performance sanity (no timing assertions)")
struct ScanPerformanceTests {
    @Test func twentyMegabyteStatementInOneLine() {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 20_000_000)
        var scanner = StatementScanner()
        scanner.append(line: Array("select '".utf8) + body + Array("';".utf8))
        guard case .statement(let text)? = scanner.next() else {
            Issue.record("no statement")
            return
        }
        #expect(text.count == 20_000_010)
        #expect(scanner.next() == nil)
    }

    @Test func twoMegabytesOfTokensInOneLine() {
        var line: [UInt8] = Array("select ".utf8)
        for _ in 0..<200_000 { line += Array("a1, 2.5,".utf8) }
        line += Array("0;".utf8)
        var scanner = StatementScanner()
        scanner.append(line: line)
        #expect(scanner.next() == .statement(line))
    }

    @Test func hundredThousandNestedParenthesesAndComments() {
        let depth = 100_000
        var scanner = StatementScanner()
        let parens = [UInt8](repeating: UInt8(ascii: "("), count: depth) + [UInt8(ascii: "1")]
            + [UInt8](repeating: UInt8(ascii: ")"), count: depth)
        scanner.append(line: Array("select ".utf8) + parens + [UInt8(ascii: ";")])
        #expect(scanner.next() != nil)
        let open = Array(repeating: Array("/*".utf8), count: depth).joined()
        scanner.append(line: Array(open))
        #expect(scanner.next() == nil)
        #expect(scanner.context == .blockComment)
        scanner.append(line: Array(Array(repeating: Array("*/".utf8), count: depth).joined()) + Array(" select 2;".utf8))
        guard case .statement(let text)? = scanner.next() else {
            Issue.record("no statement after the comments")
            return
        }
        #expect(text.count == depth * 4 + 11)
    }

    @Test func hundredThousandStatements() {
        var scanner = StatementScanner()
        scanner.append(line: Array(Array(repeating: Array("select 1;".utf8), count: 100_000).joined()))
        var count = 0
        while scanner.next() != nil { count += 1 }
        #expect(count == 100_000)
        for _ in 0..<100_000 { scanner.append(line: Array("select 2;".utf8)) }
        while scanner.next() != nil { count += 1 }
        #expect(count == 200_000)
    }
}
