import Testing
import TidepoolCore

/// psqlscanslash.l's argument modes. The `.normal` expectations match what psql 15's `\echo` printed
/// for the same arguments.
@Suite("Meta-command arguments")
struct MetaArgumentsTests {
    static let variables: [String: [UInt8]] = ["x": Array("a b".utf8), "q": Array("it's".utf8)]
    static func lookup(_ reference: VariableReference) -> [UInt8]? { ScanDriver.lookup(reference, in: variables) }

    static func all(_ raw: String, _ mode: MetaArguments.Mode = .normal) -> [String] {
        var arguments = MetaArguments(Array(raw.utf8))
        var result: [String] = []
        while let argument = arguments.next(mode, variables: lookup) { result.append(argument) }
        return result
    }

    @Test func normalSplitsOnWhitespaceAndDequotes() {
        #expect(Self.all(" hello   world ") == ["hello", "world"])
        #expect(Self.all(" 'a b' \"c d\" e") == ["a b", "\"c d\"", "e"])
        #expect(Self.all(" pre'mid'post 'a''b'") == ["premidpost", "a'b"])
        #expect(Self.all("\tx\r") == ["x"])
        #expect(Self.all("") == [])
    }

    @Test func singleQuoteEscapes() {
        #expect(Self.all(#" '\t' '\x41' '\101' 'a\qb' 'c''d' '\n\r\b\f' '\\' '\''"#)
            == ["\t", "A", "A", "aqb", "c'd", "\n\r\u{8}\u{C}", "\\", "'"])
        #expect(Self.all(#" '\x4g' '\0' '\777'"#) == ["\u{4}g", "\0", "\u{FFFD}"])  // \777 is byte 0xFF, not UTF-8
    }

    @Test func variablesAreSubstitutedNotRescanned() {
        #expect(Self.all(" :x :'x' :\"x\" :{?x} :{?nope} :nope :'nope' ::x") ==
            ["a b", "'a b'", "\"a b\"", "TRUE", "FALSE", ":nope", ":'nope'", ":a b"])  // no `::` cast rule in arguments
        #expect(Self.all(" :q:x pre:x") == ["it'sa b", "prea b"])
    }

    @Test func stopsAtUnquotedBackslash() {
        var arguments = MetaArguments(Array(#" a 'b\\c' d\e f"#.utf8))
        #expect(arguments.next() == "a")
        #expect(arguments.next() == "b\\c")  // `\\` inside quotes is one backslash
        #expect(arguments.next() == "d")
        #expect(arguments.next() == nil)
        #expect(arguments.next() == nil)
    }

    @Test func unterminatedQuoteIsAnError() {
        var arguments = MetaArguments(Array(" 'abc".utf8))
        #expect(arguments.next() == nil)
        #expect(arguments.hadUnterminatedQuote)
        var identifier = MetaArguments(Array(" \"abc".utf8))
        #expect(identifier.next() == nil)
        #expect(identifier.hadUnterminatedQuote)
    }

    @Test func emptyQuotedArgumentIsNotMissing() {
        var arguments = MetaArguments(Array(" '' x".utf8))
        #expect(arguments.nextArgument() == .init(text: "", quote: "'"))
        #expect(arguments.nextArgument() == .init(text: "x", quote: nil))
        #expect(arguments.nextArgument() == nil)
    }

    @Test func trailingSemicolonsStrippedOnlyWhenUnquoted() {
        var arguments = MetaArguments(Array(" tbl;; 'q;';".utf8))
        #expect(arguments.next(stripSemicolons: true) == "tbl")
        #expect(arguments.next(stripSemicolons: true) == "q;")
        var kept = MetaArguments(Array(" tbl;".utf8))
        #expect(kept.next() == "tbl;")
    }

    @Test func sqlIdentifierModes() {
        #expect(Self.all(" FooBar \"Mixed\"\"Q\".Tbl \"A\"b", .sqlIdentifier) == ["foobar", "Mixed\"Q.tbl", "Ab"])
        #expect(Self.all(" FooBar \"Mixed\"", .sqlIdentifierKeepingCase) == ["FooBar", "Mixed"])
        // Only ASCII letters are lowercased; multibyte characters stay as they are.
        #expect(Self.all(" ÉTÉ", .sqlIdentifier) == ["ÉtÉ"])
    }

    @Test func filePipeTakesTheRestOfTheLine() {
        var pipe = MetaArguments(Array(" |sort -r 'x' \\\\ y ".utf8))
        #expect(pipe.next(.filePipe) == "|sort -r 'x' \\\\ y ")
        #expect(pipe.next(.filePipe) == nil)
        var file = MetaArguments(Array(" out.txt extra".utf8))
        #expect(file.next(.filePipe) == "out.txt")
        #expect(file.next(.filePipe) == "extra")
    }

    @Test func wholeLineIsRawAndTrimmed() {
        var arguments = MetaArguments(Array("   echo 'a' \\\\ :x   \r".utf8))
        #expect(arguments.rest() == "echo 'a' \\\\ :x")
        #expect(arguments.rest() == "")
        var viaNext = MetaArguments(Array("  ls -l ".utf8))
        #expect(viaNext.next(.wholeLine) == "ls -l")
        #expect(viaNext.next(.wholeLine) == nil)
        var afterFirst = MetaArguments(Array(" name  rest of it ".utf8))
        #expect(afterFirst.next() == "name")
        #expect(afterFirst.rest() == "rest of it")
    }

    @Test func backticksRunThroughTheCaller() {
        var ran: [String] = []
        var arguments = MetaArguments(Array(" `echo :x :'q'`x `fail` `keep`".utf8))
        let run: (String) -> String? = { command in
            ran.append(command)
            return command == "fail" ? nil : "out\n"
        }
        #expect(arguments.next(variables: Self.lookup, runCommand: run) == "outx")
        #expect(ran == ["echo a b 'it''s'"])  // :'q' asked as .shellArgument
        #expect(arguments.next(variables: Self.lookup, runCommand: run) == "")
        #expect(arguments.next(variables: Self.lookup) == "keep")  // not run: the text stays
        var open = MetaArguments(Array(" `never".utf8))
        #expect(open.next(runCommand: run) == nil)
        #expect(open.hadUnterminatedQuote)
    }

    @Test func isAtEndIgnoresWhitespace() {
        var arguments = MetaArguments(Array(" a  \t".utf8))
        #expect(!arguments.isAtEnd)
        _ = arguments.next()
        #expect(arguments.isAtEnd)
    }
}
