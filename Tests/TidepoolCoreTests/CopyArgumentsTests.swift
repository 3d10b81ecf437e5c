import Testing
@testable import TidepoolCore

/// `\copy` line parsing: the statement must be byte for byte what psql 15 builds (its spacing shows in
/// ECHO and error carets), and bad lines must fail with psql's message.
@Suite("\\copy argument parsing")
struct CopyArgumentsTests {
    private func parse(_ line: String, standard: Bool = true) -> Result<CopyArguments, MessageError> {
        CopyArguments.parse(Array(line.utf8), standardConformingStrings: standard)
    }

    private func statement(_ line: String) -> String? {
        guard case .success(let arguments) = parse(line) else { return nil }
        return String(decoding: arguments.statement, as: UTF8.self)
    }

    /// Statements observed with `psql -e` for the same lines.
    @Test("builds psql's statement", arguments: [
        ("t from stdin", "COPY  t FROM STDIN "),
        ("public . t ( a , b ) to stdout with csv", "COPY  public.t ( a , b ) TO STDOUT with csv"),
        ("binary t to stdout", "COPY binary t TO STDOUT "),
        ("( select a,  'it''s' from t where a = (1) ) to stdout (format csv, header)",
         "COPY  ( select a, 'it''s' from t where a = ( 1 ) ) TO STDOUT (format csv, header)"),
        ("t(a) to stdout;", "COPY  t ( a ) TO STDOUT ;"),
        ("\"t\" to STDOUT  csv   quote  '\"'", "COPY  \"t\" TO STDOUT  csv   quote  '\"'"),
        ("t from stdin; select 1", "COPY  t FROM STDIN ; select 1"),
    ])
    func statementText(_ line: String, _ expected: String) {
        #expect(statement(line) == expected)
    }

    @Test("recognises every kind of endpoint")
    func endpoints() throws {
        #expect(try parse("t from 'a b.csv'").get().endpoint == .file("a b.csv"))
        #expect(try parse("t to plain.txt").get().endpoint == .file("plain.txt"))
        #expect(try parse("t from program 'gzip -dc x.gz'").get().endpoint == .program("gzip -dc x.gz"))
        #expect(try parse("t from STDIN").get().endpoint == .queryStreams)
        #expect(try parse("t to pstdout").get().endpoint == .processStreams)
        #expect(try parse("t from pstdin").get().isFrom)
        #expect(try !parse("t to 'x'").get().isFrom)
        #expect(try parse("t from 'it''s'").get().endpoint == .file("it's"))
    }

    @Test("a leading ~ is the home directory")
    func tilde() throws {
        let home = CopyArguments.expandTilde("~")
        #expect(!home.hasPrefix("~"))
        #expect(CopyArguments.expandTilde("~/data.csv") == home + "/data.csv")
        #expect(CopyArguments.expandTilde("/abs/~x") == "/abs/~x")
    }

    @Test("bad lines fail with psql's message", arguments: [
        ("t", "\\copy: parse error at end of line"),
        ("t from", "\\copy: parse error at end of line"),
        ("t frm stdin", "\\copy: parse error at \"frm\""),
        ("t from program noquote", "\\copy: parse error at \"noquote\""),
        ("t from program", "\\copy: parse error at end of line"),
        ("(select 1 to stdout", "\\copy: parse error at end of line"),
        ("t (a", "\\copy: parse error at end of line"),
        ("t to", "\\copy: parse error at end of line"),
        ("t into x", "\\copy: parse error at \"into\""),
    ])
    func errors(_ line: String, _ message: String) {
        guard case .failure(let error) = parse(line) else {
            Issue.record("\(line) parsed")
            return
        }
        #expect(error.message == message)
    }

    @Test("strip_quotes undoubles quotes and drops escapes")
    func stripQuotes() {
        let stripped = CopyArguments.stripQuotes(Array("'a''b\\c'".utf8), quote: 0x27, escape: 0x5C)
        #expect(String(decoding: stripped, as: UTF8.self) == "a'bc")
    }

    @Test("end-of-data marker is only a line holding \\. (with an optional CR)")
    func endMarker() {
        #expect(CopyInSender.isEndMarker(Array("\\.".utf8)))
        #expect(CopyInSender.isEndMarker(Array("\\.\r".utf8)))
        #expect(!CopyInSender.isEndMarker(Array("\\.x".utf8)))
        #expect(!CopyInSender.isEndMarker(Array(" \\.".utf8)))
    }

    @Test("paths are canonicalised as psql does before opening")
    func paths() {
        #expect(canonicalPath("/tmp/") == "/tmp")
        #expect(canonicalPath("/tmp//./x.csv") == "/tmp/x.csv")
        #expect(canonicalPath("./x.csv") == "x.csv")
    }
}
