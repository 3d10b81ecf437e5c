import Testing
import TidepoolCore

/// The scanner's API beyond the psql case table: prompt context, buffer control, variables, extents.
@Suite("Scanner behaviour")
struct ScanBehaviourTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func events(_ lines: [String], _ scanner: inout StatementScanner,
                       variables: VariableLookup = { _ in nil }) -> [ScanEvent] {
        var result: [ScanEvent] = []
        for line in lines {
            scanner.append(line: bytes(line))
            while let event = scanner.next(variables: variables) { result.append(event) }
        }
        return result
    }

    @Test(arguments: [
        ("select 'a", ScanContext.singleQuote, "'"), ("select E'\\'", .singleQuote, "'"),
        ("select b'1", .singleQuote, "'"), ("select \"a", .doubleQuote, "\""), ("select U&\"a", .doubleQuote, "\""),
        ("select $x$ a", .dollarQuote, "$"), ("select /* /* */", .blockComment, "*"),
        ("select ((1)", .parenthesis, "("), ("select 1", .none, "-"), ("select 'a'", .none, "-"),
    ])
    func contextForThePrompt(_ line: String, _ context: ScanContext, _ prompt: Character) {
        var scanner = StatementScanner()
        #expect(Self.events([line], &scanner).isEmpty)
        #expect(scanner.context == context)
        #expect(context.promptCharacter == prompt)
        #expect(!scanner.isBufferEmpty)
    }

    @Test func parenthesisDepthAndReset() {
        var scanner = StatementScanner()
        _ = Self.events(["select ((1", "+ (2"], &scanner)
        #expect(scanner.parenthesisDepth == 3)
        #expect(scanner.queryBuffer == Self.bytes("select ((1\n+ (2"))
        scanner.resetBuffer()
        #expect(scanner.isBufferEmpty)
        #expect(scanner.parenthesisDepth == 0)
        #expect(Self.events(["select 1;"], &scanner) == [.s("select 1;")])
    }

    @Test func takeBufferKeepsUnscannedInputAndResetsState() {
        var scanner = StatementScanner()
        scanner.append(line: Self.bytes("select ('a' \\g select 2;"))
        #expect(scanner.next() == .m("g", " select 2;"))
        #expect(scanner.context == .parenthesis)
        #expect(scanner.takeBuffer() == Self.bytes("select ('a' "))
        #expect(scanner.context == .none)
        #expect(scanner.next() == nil)
        scanner.append(line: Self.bytes("select 3; select 4"))
        #expect(scanner.next() == .s("select 3;"))
        #expect(scanner.next() == nil)
        #expect(scanner.takeBuffer() == Self.bytes("select 4"))
        #expect(scanner.isBufferEmpty)
    }

    @Test func skipRestOfLineAfterAFailedCommand() {
        var scanner = StatementScanner()
        scanner.append(line: Self.bytes("\\bogus x \\\\ select 1; \\echo no"))
        scanner.append(line: Self.bytes("select 2;"))
        #expect(scanner.next() == .m("bogus", " x "))
        scanner.skipRestOfLine()
        #expect(scanner.next() == .s("select 2;"))
    }

    @Test func severalLinesAppendedBeforeScanning() {
        var scanner = StatementScanner()
        for line in ["select 1", "", "  , 2;", "\\echo x", "select 3"] { scanner.append(line: Self.bytes(line)) }
        #expect(scanner.next() == .s("select 1\n  , 2;"))
        #expect(scanner.next() == .m("echo", " x"))
        #expect(scanner.next() == nil)
        #expect(scanner.queryBuffer == Self.bytes("select 3"))
    }

    @Test func aLineMayHoldNewlines() {
        // Text back from an editor (\e) is fed as one line, as psql does.
        var scanner = StatementScanner()
        #expect(Self.events(["select 1 -- c\n, 2;\nselect '\n';"], &scanner) == [.s("select 1 -- c\n, 2;"), .s("select '\n';")])
    }

    @Test func standardConformingStringsOff() {
        var scanner = StatementScanner(standardConformingStrings: false)
        #expect(Self.events(["select 'a\\';' as w;"], &scanner) == [.s("select 'a\\';' as w;")])
        scanner.standardConformingStrings = true
        #expect(Self.events(["select 'a\\';"], &scanner) == [.s("select 'a\\';")])
        #expect(Self.events(["select U&'\\';"], &scanner) == [.s("select U&'\\';")])
    }

    @Test func wholeLineAndPipeCommandsTakeTheRestOfTheLine() {
        var scanner = StatementScanner()
        let events = Self.events([
            "\\! echo a \\\\ b", "\\copy t from 'x\\y' \\\\ z", "\\o |cat \\\\ x", "\\g (format=csv) |sort \\\\ y",
            "\\g (format=csv tuples_only) out.txt \\\\ select 1;", "\\w file \\echo e",
        ], &scanner)
        #expect(events == [
            .m("!", " echo a \\\\ b"), .m("copy", " t from 'x\\y' \\\\ z"), .m("o", " |cat \\\\ x"),
            .m("g", " (format=csv) |sort \\\\ y"), .m("g", " (format=csv tuples_only) out.txt "),
            .s("select 1;"), .m("w", " file "), .m("echo", " e"),
        ])
        scanner.wholeLineCommands.insert("bg")
        #expect(Self.events(["\\bg select '\\x' \\\\ 1;"], &scanner) == [.m("bg", " select '\\x' \\\\ 1;")])
    }

    @Test func variableKindsAndNil() {
        var asked: [VariableReference] = []
        var scanner = StatementScanner()
        let lookup: VariableLookup = { reference in
            asked.append(reference)
            return reference.name == "v" ? Array("<\(reference.kind)>".utf8) : nil
        }
        let events = Self.events(["select :v, :'v', :\"v\", :{?v}, :w, :'w', :{?w}, a::int, x[1:2];"], &scanner, variables: lookup)
        #expect(events == [.s("select <plain>, <literal>, <identifier>, <existenceTest>, :w, :'w', :{?w}, a::int, x[1:2];")])
        #expect(asked.map(\.name) == ["v", "v", "v", "v", "w", "w", "w", "2"])
        #expect(asked.prefix(4).map(\.kind) == [.plain, .literal, .identifier, .existenceTest])
    }

    @Test func noSubstitutionInsideQuotesOrComments() {
        var scanner = StatementScanner()
        let everything: VariableLookup = { _ in Array("X".utf8) }
        let line = "select ':v', E':v', \":v\", $$:v$$, $t$:v$t$, /* :v */ 1 :v; -- :v"
        #expect(Self.events([line], &scanner, variables: everything)
            == [.s("select ':v', E':v', \":v\", $$:v$$, $t$:v$t$, /* :v */ 1 X;")])
    }

    @Test func plainValuesAreScannedAgainQuotedOnesAreNot() {
        var scanner = StatementScanner()
        let lookup: VariableLookup = { reference in
            switch (reference.name, reference.kind) {
            case ("two", .plain): Array("1; select 2".utf8)
            case ("lit", .literal): Array("'a;\\b'".utf8)
            default: nil
            }
        }
        #expect(Self.events(["select :two; select :'lit';"], &scanner, variables: lookup)
            == [.s("select 1;"), .s("select 2;"), .s("select 'a;\\b';")])
    }

    @Test func recursiveExpansionIsSkippedWithAWarning() {
        var scanner = StatementScanner()
        let lookup: VariableLookup = { $0.name == "r" ? Array("(:r)".utf8) : nil }
        #expect(Self.events(["select :r;"], &scanner, variables: lookup) == [.s("select (:r);")])
        #expect(scanner.takeWarnings() == ["skipping recursive expansion of variable \"r\""])
        #expect(scanner.takeWarnings().isEmpty)
    }

    @Test func metaCommandInsideAVariableReadsOnIntoTheLine() {
        var scanner = StatementScanner()
        let lookup: VariableLookup = { $0.name == "m" ? Array("\\echo from-var".utf8) : nil }
        #expect(Self.events([":m tail", "select 6;"], &scanner, variables: lookup)
            == [.m("echo", " from-var tail"), .s("select 6;")])
    }

    @Test func withoutVariablesEverythingStaysAsTyped() {
        var scanner = StatementScanner()
        #expect(Self.events(["select :a, :'b', :\"c\", :{?d};"], &scanner) == [.s("select :a, :'b', :\"c\", :{?d};")])
    }

    @Test func invalidUTF8PassesThrough() {
        var scanner = StatementScanner()
        let line: [UInt8] = Array("select '".utf8) + [0xFF, 0xC3, 0x28] + Array("'; \\ec".utf8) + [0xFF]
        scanner.append(line: line)
        #expect(scanner.next() == .statement(Array(line[0..<13])))
        #expect(scanner.next() == .metaCommand(name: "ec\u{FFFD}", arguments: []))
    }

    @Test func byteOrderMark() {
        let marked: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("select 1;".utf8)
        #expect(Array(StatementScanner.stripBOM(marked)) == Array("select 1;".utf8))
        #expect(Array(StatementScanner.stripBOM(Array("select".utf8))) == Array("select".utf8))
        #expect(StatementScanner.stripBOM([UInt8]()).isEmpty)
    }

    @Test func crlfCarriageReturnIsWhitespaceButKept() {
        var scanner = StatementScanner()
        #expect(Self.events(["\r", "select 1\r", "from t;\r", "\\echo x\r"], &scanner)
            == [.s("select 1\r\nfrom t;"), .m("echo", " x\r")])
        var arguments = MetaArguments(Array(" x\r".utf8))
        #expect(arguments.next() == "x")
    }
}
