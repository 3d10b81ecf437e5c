import Testing

/// The harness judges tidepool, so its own pieces are tested too (no server needed).
@Suite("Harness")
struct HarnessTests {
    @Test func flagsLineSplitsLikeAShell() throws {
        #expect(try DifferentialScript.flagsLine(of: Array("-- flags: -A -t\nselect 1;\n".utf8)) == ["-A", "-t"])
        #expect(try DifferentialScript.flagsLine(of: Array("-- flags: -c 'select 1; select 2' -F \",\"\r\n".utf8))
            == ["-c", "select 1; select 2", "-F", ","])
        #expect(try DifferentialScript.flagsLine(of: [0xEF, 0xBB, 0xBF] + Array("-- flags: -q\n".utf8)) == ["-q"])
        #expect(try DifferentialScript.flagsLine(of: Array("select 1; -- flags: -A\n".utf8)) == [])
        #expect(throws: ShellWords.UnterminatedQuote.self) { try ShellWords.split("-c 'select") }
    }

    @Test func normalizerRenamesOnlyWherePsqlNamesItself() {
        let normalizer = OutputNormalizer(
            referenceName: "psql", candidateName: "tidepool",
            referenceDatabase: "diff_x_1_a", candidateDatabase: "diff_x_1_b")
        let psqlErr = Array("psql:<stdin>:4: ERROR:  boom\nDETAIL:  psql: not at line start\npsql: error: x\n".utf8)
        #expect(normalizer.reference(stderr: psqlErr)
            == Array("tidepool:<stdin>:4: ERROR:  boom\nDETAIL:  psql: not at line start\ntidepool: error: x\n".utf8))
        #expect(normalizer.candidate(stdout: Array(" diff_x_1_b\n".utf8)) == Array(" diff_x_1_a\n".utf8))
    }

    @Test func normalizerMakesPsqlAsCandidateLookLikeTidepool() {
        let normalizer = OutputNormalizer(
            referenceName: "psql", candidateName: "psql",
            referenceDatabase: "a", candidateDatabase: "b")
        let err = Array("psql:f.sql:1: ERROR:  x\n".utf8)
        #expect(normalizer.candidate(stderr: err) == normalizer.reference(stderr: err))
    }

    @Test func firstDifferenceNamesTheLineAndShowsBothSides() throws {
        #expect(FirstDifference(expected: Array("a\nb\n".utf8), actual: Array("a\nb\n".utf8)) == nil)
        let difference = try #require(FirstDifference(expected: Array("a\nb\nc\n".utf8), actual: Array("a\nB\nc\n".utf8)))
        #expect(difference.lineNumber == 2)
        #expect(difference.expectedLine == "b⏎")
        #expect(difference.actualLine == "B⏎")
        let missingNewline = try #require(FirstDifference(expected: Array("x\n".utf8), actual: Array("x".utf8)))
        #expect(missingNewline.expectedLine == "x⏎" && missingNewline.actualLine == "x")
        let invalid = try #require(FirstDifference(expected: [0x61, 0xFF, 0x0D], actual: Array("é".utf8)))
        #expect(invalid.expectedLine == "a\\xFF\\r")
        #expect(invalid.actualLine == "é")
        let shorter = try #require(FirstDifference(expected: Array("a\n".utf8), actual: Array("a\nmore\n".utf8)))
        #expect(shorter.expectedLine == "<end of output>")
    }

    @Test func databaseNamesFitAndStayDistinct() {
        let long = "final_statement_no_semicolon_newline_stdin"
        let other = "final_statement_no_semicolon_newline_file"
        let a = ScratchDatabases.name(prefix: "diff", label: long, suffix: "a")
        let b = ScratchDatabases.name(prefix: "diff", label: other, suffix: "a")
        #expect(a != b)
        #expect(a.utf8.count <= 63 && b.utf8.count <= 63)
        #expect(ScratchDatabases.name(prefix: "diff", label: "Mixed-Case x", suffix: "b").hasPrefix("diff_mixed_case_x_"))
    }

    @Test func limitNeverAdmitsMoreThanItsWidth() async throws {
        let limit = ConcurrencyLimit(width: 2)
        let counter = PeakCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await limit.run {
                        await counter.enter()
                        try await Task.sleep(for: .milliseconds(5))
                        await counter.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await counter.peak == 2)
    }

    @Test func runnerCapturesBothStreamsAndTheExitCode() async throws {
        let run = try await ProgramRunner.run(
            "/bin/sh", ["-c", "cat; echo oops >&2; exit 7"], stdin: Array("in\n".utf8), environment: [:])
        #expect(run.stdoutText == "in\n")
        #expect(run.stderrText == "oops\n")
        #expect(run.exitCode == 7)
        #expect(run.signal == nil && !run.timedOut)
    }

    @Test func runnerKillsAHungProgram() async throws {
        let run = try await ProgramRunner.run("/bin/sleep", ["30"], environment: [:], timeout: .milliseconds(200))
        #expect(run.timedOut)
        #expect(run.signal == 9)
    }
}

private actor PeakCounter {
    private var current = 0
    private(set) var peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}
