import Testing
import TidepoolCore

/// SINGLELINE (`-S`): the end of a line ends the statement, outside quotes, comments, parentheses and
/// BEGIN ATOMIC bodies (checked against psql 15 in the differential corpus: single_line_*.sql).
@Suite("Scanner: single-line mode")
struct ScanSingleLineTests {
    private func statements(_ lines: [String]) -> ([String], String) {
        var scanner = StatementScanner()
        scanner.singleLine = true
        var out: [String] = []
        for line in lines {
            scanner.append(line: Array(line.utf8))
            while let event = scanner.next() {
                if case .statement(let sql) = event { out.append(String(decoding: sql, as: UTF8.self)) }
            }
        }
        return (out, String(decoding: scanner.queryBuffer, as: UTF8.self))
    }

    @Test("a line ends a statement; the text is sent without a semicolon")
    func lineEnds() {
        #expect(statements(["select 1", "select 2"]).0 == ["select 1", "select 2"])
        #expect(statements(["select 1; select 2"]).0 == ["select 1;", "select 2"])
    }

    @Test("not inside quotes, comments or parentheses", arguments: [
        (["select 'a", "b'"], "select 'a\nb'"), (["select \"a", "b\" from t"], "select \"a\nb\" from t"),
        (["select $$a", "b$$"], "select $$a\nb$$"), (["select 1 /* a", "*/"], "select 1 /* a\n*/"),
        (["select (1", ")"], "select (1\n)"),
    ])
    func heldOpen(lines: [String], statement: String) {
        #expect(statements(lines).0 == [statement])
    }

    @Test("comment-only and blank lines send nothing")
    func nothingToSend() {
        let (sent, rest) = statements(["-- a comment", "", "   "])
        #expect(sent.isEmpty)
        #expect(rest.isEmpty)
    }

    @Test("a BEGIN ATOMIC body waits for its END")
    func routineBody() {
        let (sent, _) = statements(["create function f() returns int language sql begin atomic", "select 1;", "end",
                                    "select 2"])
        #expect(sent == ["create function f() returns int language sql begin atomic\nselect 1;\nend", "select 2"])
    }

    @Test("off by default")
    func offByDefault() {
        var scanner = StatementScanner()
        scanner.append(line: Array("select 1".utf8))
        #expect(scanner.next() == nil)
        #expect(scanner.queryBuffer == Array("select 1".utf8))
    }
}
