import Foundation
import Testing

/// Issue 8, hostile data at a terminal: control characters in values are shown escaped, so data cannot
/// repaint the screen; the same result through a pipe stays byte-identical to psql (raw).
struct PtySafetyTests {
    static let query = "select E'a\\x1b[31mred\\x08X' as v, 2 as n;"

    @Test func controlCharactersAreEscapedAtATerminalOnly() async throws {
        let environment = try TestEnvironment.current()
        guard !environment.candidateIsReference else { return }
        let outcome = try PtySession.run(arguments: ["-d", "postgres", "--no-timing"], steps: [
            .expect("=# $"),
            .send("\\a\r"), .expect("unaligned.*=# $"),
            .send(Self.query + "\r"), .expect("\\(1 row\\).*=# $"),
            .send("\u{4}"),
        ])
        #expect(!outcome.timedOut, "screen: \(outcome.text)")
        #expect(outcome.raw.contains("a\\x1B[31mred\\x08X|2"), "\(outcome.raw)")
        #expect(!outcome.raw.contains("\u{1B}[31mred"), "the value's escape sequence reached the terminal")

        // Through a pipe: the value's bytes as they are, exactly as psql prints them.
        var env = environment.baseEnvironment
        env["PGDATABASE"] = "postgres"
        let script = Array(("\\a\n" + Self.query + "\n").utf8)
        let mine = try await ProgramRunner.run(environment.candidate, ["-X"], stdin: script, environment: env)
        let theirs = try await ProgramRunner.run(environment.psql, ["-X"], stdin: script, environment: env)
        #expect(mine.stdout == theirs.stdout)
        #expect(mine.stdoutText.contains("a\u{1B}[31mred\u{8}X|2"))
    }
}
