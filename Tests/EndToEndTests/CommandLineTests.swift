import Foundation
import Testing

/// True when TIDEPOOL_BIN points at psql: the harness is then being proved against psql itself, and
/// tests of what only tidepool does are skipped.
private let candidateIsPsql =
    (ProcessInfo.processInfo.environment["TIDEPOOL_BIN"].map { ($0 as NSString).lastPathComponent } == "psql")
private let tidepoolOnly = "tidepool's own behaviour; the candidate is psql (TIDEPOOL_BIN)"

/// The built binary driven through its command line: output, exit codes and bad input, judged against
/// psql wherever psql defines the behaviour.
@Suite("Command line of the built binary")
struct CommandLineTests {
    // MARK: Running a statement, a file, stdin

    @Test("-l lists the databases and exits 0, as psql -l does")
    func listFlag() async throws {
        let env = try TestEnvironment.current()
        let run = try await ProgramRunner.run(env.candidate, ["-X", "-l"], environment: env.baseEnvironment)
        #expect(run.exitCode == 0, "\(run.stderrText)")
        #expect(run.stdoutText.hasPrefix(" "), "\(run.stdoutText)")
        #expect(run.stdoutText.contains("List of databases"))
        #expect(run.stdoutText.contains("\n postgres "))
    }

    @Test("-c runs one statement and exits 0")
    func commandOption() async throws {
        let comparison = try await compare("c_select", ["-X", "-c", "select 1"])
        expectIdentical(comparison)
        #expect(comparison.candidate.stdoutText == " ?column? \n----------\n        1\n(1 row)\n\n")
        #expect(comparison.candidate.exitCode == 0)
    }

    @Test("-f runs a file")
    func fileOption() async throws {
        try await withScratchFiles(["script.sql": "select 'from a file' as source;\nselect 2 as two;\n"]) { dir in
            let comparison = try await compare("f_select", ["-X", "-f", dir + "/script.sql"])
            expectIdentical(comparison)
            #expect(comparison.candidate.stdoutText.contains(" from a file\n"))
            #expect(comparison.candidate.exitCode == 0)
        }
    }

    @Test("a script on stdin runs without a prompt")
    func stdinScript() async throws {
        let comparison = try await compare("stdin_select", ["-X", "-A", "-t"], stdin: "select 1;\nselect 'two';\n")
        expectIdentical(comparison)
        #expect(comparison.candidate.stdoutText == "1\ntwo\n")
    }

    @Test("arguments reach the program intact: spaces, quotes, UTF-8, empty values, many -c options")
    func argumentsArriveIntact() async throws {
        // The release binary takes its argv from glibc at start-up (CProcessArguments), not from the Swift
        // runtime's scan of the stack: `make test` runs this suite against that binary too.
        var arguments = ["-X", "-v", "greeting=héllo wörld ✓", "-v", "empty=", "-v", "quote=it's \"quoted\"",
                         "-c", "\\echo :greeting [:empty] :quote", "-c", "select 'a b' as \"x y\", '' as blank"]
        for i in 1...150 { arguments += ["-c", "select \(i) as n"] }
        let comparison = try await compare("argv_intact", arguments)
        expectIdentical(comparison)
        #expect(comparison.candidate.stdoutText.hasPrefix("héllo wörld ✓ [] it's \"quoted\"\n"),
                "\(comparison.candidate.stdoutText.prefix(200))")
        #expect(comparison.candidate.stdoutText.contains("\n 150\n(1 row)\n"))
    }

    @Test("\\prompt in a -f script prints its text on stdout and reads the answer from stdin, as psql's does")
    func promptReadsStdinUnderFileInput() async throws {
        // Only -f: without a file psql asks the controlling terminal, which a test must not depend on.
        let script = "\\prompt 'Q? ' v\n\\echo [:v]\n\\prompt w\n\\echo [:w]\n\\prompt z\n\\echo [:z]\n\\prompt\n"
        try await withScratchFiles(["prompt.sql": script]) { dir in
            let comparison = try await compare("prompt_file", ["-X", "-f", dir + "/prompt.sql"], stdin: "first\nsecond\n")
            expectIdentical(comparison)
            #expect(comparison.candidate.stdoutText.hasPrefix("Q? [first]\n[second]\n"), "\(comparison.candidate.stdoutText)")
            #expect(comparison.candidate.stderrText.contains("\\prompt: could not read value for variable"))
        }
    }

    @Test("a run that never prompts does not load libedit (it is loaded with the first prompt)",
          .disabled(if: candidateIsPsql, Comment(rawValue: tidepoolOnly)))
    func noLineEditorWithoutPrompt() async throws {
        let env = try TestEnvironment.current()
        var environment = env.baseEnvironment
        environment["LD_DEBUG"] = "files"  // the dynamic loader names every library it loads, on stderr
        let run = try await ProgramRunner.run(env.candidate, ["-X", "-c", "select 1"], environment: environment)
        #expect(run.exitCode == 0, "\(run.stderrText)")
        #expect(run.stderrText.contains("libpq.so"), "LD_DEBUG gave no trace: \(run.stderrText.prefix(300))")
        #expect(!run.stderrText.contains("libedit"), "libedit was loaded by a -c run")
    }

    @Test("--version prints `tidepool X.Y.Z`", .disabled(if: candidateIsPsql, Comment(rawValue: tidepoolOnly)))
    func version() async throws {
        let run = try await runCandidate(["--version"])
        #expect(run.exitCode == 0)
        #expect(run.stdoutText.wholeMatch(of: /tidepool \d+\.\d+\.\d+\n/) != nil, "got: \(run.stdoutText)")
    }

    @Test("--help prints usage and exits 0, as psql does")
    func help() async throws {
        let run = try await runCandidate(["--help"])
        #expect(run.exitCode == 0)
        #expect(run.stdoutText.lowercased().contains("usage"), "got: \(run.stdoutText)")
        #expect(run.stderr.isEmpty, "stderr: \(run.stderrText)")
    }

    @Test("\\d sees the session's temporary tables, as psql's does (it runs on the session connection)")
    func describeTemporaryTable() async throws {
        let script = "create temp table scratch (x int, y text default 'y');\n\\d scratch\n"
        let run = try await runCandidate(["-X"], stdin: Array(script.utf8), database: "describe_temp")
        let psql = try await runPsql(["-X", "-c", "create temp table scratch (x int, y text default 'y')", "-c", "\\d scratch"])
        #expect(run.exitCode == 0, "\(run.stderrText)")
        #expect(run.stderr.isEmpty, "\(run.stderrText)")
        #expect(run.stdoutText.contains("Table \"pg_temp_"), "\(run.stdoutText)")
        // Everything after the title line is the same table psql prints.
        let body = { (text: String) in text.split(separator: "\n").drop { !$0.contains("Column") }.joined(separator: "\n") }
        #expect(!body(run.stdoutText).isEmpty)
        #expect(body(run.stdoutText) == body(psql.stdoutText), "tidepool:\n\(run.stdoutText)\npsql:\n\(psql.stdoutText)")
    }

    // MARK: Exit codes of tidepool's own failures

    @Test("a bad flag exits 1 with a message on stderr")
    func badFlag() async throws {
        let run = try await runCandidate(["--no-such-flag"])
        let psql = try await runPsql(["--no-such-flag"])
        #expect(psql.exitCode == 1)
        #expect(run.exitCode == psql.exitCode, "tidepool exited \(run.exitCode); stderr: \(run.stderrText)")
        #expect(!run.stderr.isEmpty)
        #expect(run.stdout.isEmpty, "stdout: \(run.stdoutText)")
    }

    @Test("a missing -f file exits 1 with psql's message under tidepool's name")
    func missingFile() async throws {
        let comparison = try await compare("missing_file", ["-X", "-f", "nonexistent.sql"])
        expectIdentical(comparison)
        let stderr = String(decoding: comparison.candidateStderr, as: UTF8.self)
        #expect(stderr == "tidepool: error: nonexistent.sql: No such file or directory\n")
        #expect(comparison.candidate.exitCode == 1)
    }

    @Test("an unreachable server exits 2 with libpq's message")
    func unreachableServer() async throws {
        let port = String(closedLoopbackPort())
        let comparison = try await compare("unreachable", ["-X", "-h", "127.0.0.1", "-p", port, "-c", "select 1"])
        expectIdentical(comparison)
        #expect(comparison.candidate.exitCode == 2)
        #expect(comparison.candidate.stderrText.contains("port \(port) failed: Connection refused"))
    }

    // MARK: psql's exit-code rules, discovered by running psql, not hard-coded

    @Test("exit code, stdout and stderr as psql's", arguments: ExitCodeCase.all)
    func exitCodeRule(_ rule: ExitCodeCase) async throws {
        try await withScratchFiles(ExitCodeCase.files) { dir in
            let arguments = rule.arguments.map { $0.replacingOccurrences(of: "{dir}", with: dir) }
            let comparison = try await compare("exit_\(rule.name)", arguments, stdin: rule.stdin)
            if rule.compareOutput {
                expectIdentical(comparison)
            } else {
                #expect(comparison.sameExitCode, Comment(rawValue: comparison.report))
            }
            // The numbers psql gave when this test was written; a different psql shows up here.
            #expect(comparison.reference.exitCode == rule.psqlExitCode, "psql's rule changed: \(comparison.report)")
        }
    }

    // MARK: Bad input

    @Test("invalid UTF-8 in a statement is the server's error, as in psql", arguments: [false, true])
    func invalidUTF8(viaFile: Bool) async throws {
        let script: [UInt8] = Array("select 1 as before;\nselect 'a".utf8) + [0xFF, 0xFE]
            + Array("b' as bad;\nselect 3 as after;\n".utf8)
        try await withScratchFiles(["bad.sql": script]) { dir in
            let comparison = viaFile
                ? try await compare("utf8_file", ["-X", "-f", dir + "/bad.sql"])
                : try await compare("utf8_stdin", ["-X"], stdin: script)
            expectIdentical(comparison)
            #expect(comparison.candidate.stdoutText.contains(" after \n"))
        }
    }

    @Test("an unterminated quote at EOF is sent as psql sends it")
    func unterminatedQuote() async throws {
        let comparison = try await compare("unterminated", ["-X"], stdin: "select 1;\nselect 'never closed;\n")
        expectIdentical(comparison)
        #expect(comparison.candidate.stderrText.contains("unterminated quoted string"))
    }

    @Test("a 20 MB statement gives the same output size and exit code as psql")
    func hugeStatement() async throws {
        let literal = String(repeating: "x", count: 20 * 1024 * 1024)
        let script = "select '\(literal)' as v;\nselect length('\(literal)') as n;\n"
        let comparison = try await compare("huge", ["-X", "-A", "-t"], stdin: script, timeout: .seconds(300))
        #expect(comparison.candidate.stdout.count == comparison.reference.stdout.count)
        #expect(comparison.sameExitCode, "exit: psql \(comparison.reference.exitCode), candidate \(comparison.candidate.exitCode)")
        let sameStdout = comparison.stdoutDifference == nil
        #expect(sameStdout, Comment(rawValue: comparison.report))
        #expect(comparison.candidate.stdoutText.hasSuffix("\n20971520\n"))
    }

    /// psql cuts the line at a NUL byte (and glues what follows onto the cut statement); tidepool's spec
    /// is to report the NUL and refuse that statement, running the others.
    @Test("a NUL byte is reported and only its statement refused", .disabled(if: candidateIsPsql, Comment(rawValue: tidepoolOnly)))
    func nulByte() async throws {
        let script = Array("select 1 as one;\nselect 'a".utf8) + [0] + Array("b' as nul;\nselect 3 as three;\n".utf8)
        let run = try await runCandidate(["-X"], stdin: script, database: "nul_byte")
        #expect(!run.timedOut && run.signal == nil, "crashed or hung: \(run.testDescription)")
        #expect(run.exitCode < 3, "exit \(run.exitCode)")
        #expect(run.stdoutText.contains(" one \n-----\n   1\n(1 row)\n"), "stdout: \(run.stdoutText)")
        #expect(run.stdoutText.contains(" three \n-------\n     3\n(1 row)\n"), "stdout: \(run.stdoutText)")
        #expect(!run.stdoutText.contains(" nul "), "the statement holding NUL ran: \(run.stdoutText)")
        #expect(!run.stderr.isEmpty, "the NUL was not reported")
    }

    // MARK: The throwaway server

    @Test("--ephemeral answers and leaves no directory or server behind",
          .disabled(if: candidateIsPsql, Comment(rawValue: tidepoolOnly)))
    func ephemeral() async throws {
        let environment = try TestEnvironment.current()
        let marker = "TIDEPOOL_E2E_MARKER=\(UUID().uuidString)"
        var childEnvironment = environment.baseEnvironment
        // A clean shell: the throwaway server must not depend on the test server's settings.
        for name in ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE"] { childEnvironment[name] = nil }
        let split = marker.split(separator: "=", maxSplits: 1).map(String.init)
        childEnvironment[split[0]] = split[1]

        let before = ServerTraces.now()
        let run = try await ProgramRunner.run(
            environment.candidate, ["--ephemeral", "-X", "-c", "select 42"],
            environment: childEnvironment, timeout: .seconds(180))
        #expect(run.exitCode == 0, "\(run.testDescription)\n\(run.stderrText)")
        #expect(run.stdoutText.contains("42"), "stdout: \(run.stdoutText)")

        // Give a server that is shutting down a moment to go; a leftover one never goes.
        var after = ServerTraces.now()
        for _ in 0..<50 {
            let noNewDirectory = after.temporaryDirectories.isSubset(of: before.temporaryDirectories)
            if noNewDirectory && after.leftovers(since: before, marker: marker).isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
            after = ServerTraces.now()
        }
        let newDirectories = after.temporaryDirectories.subtracting(before.temporaryDirectories)
        #expect(newDirectories.isEmpty, "left behind: \(newDirectories.sorted())")
        let leftovers = after.leftovers(since: before, marker: marker)
        #expect(leftovers.isEmpty, "server processes left running: \(leftovers)")
    }
}

// MARK: - The exit-code cases

/// One of psql's exit-code rules, as a command line whose behaviour tidepool must copy.
struct ExitCodeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let arguments: [String]
    var stdin: [UInt8] = []
    /// What psql 15 returned when the case was written (checked, so a changed psql is noticed).
    let psqlExitCode: Int32
    /// False where tidepool's design differs on purpose in what it prints (auto-rollback reports
    /// skipped statements instead of "current transaction is aborted"): only the exit code must match.
    var compareOutput = true

    var testDescription: String { "\(name): \(arguments.joined(separator: " "))" }

    /// Files the cases refer to as {dir}/NAME.
    static let files: [String: [UInt8]] = [
        "ok.sql": Array("select 1 as ok;\n".utf8),
        "error.sql": Array("select 1/0;\nselect 2 as after_error;\n".utf8),
        "quit.sql": Array("select 1 as a;\n\\q\nselect 2 as b;\n".utf8),
    ]

    static let all: [ExitCodeCase] = [
        ExitCodeCase(name: "c_error", arguments: ["-X", "-c", "select 1/0"], psqlExitCode: 1),
        ExitCodeCase(name: "c_error_then_ok", arguments: ["-X", "-c", "select 1/0", "-c", "select 2"], psqlExitCode: 0),
        ExitCodeCase(name: "c_ok_then_error", arguments: ["-X", "-c", "select 2", "-c", "select 1/0"], psqlExitCode: 1),
        ExitCodeCase(name: "c_several_error_first", arguments: ["-X", "-c", "select 1/0; select 2"], psqlExitCode: 1),
        ExitCodeCase(name: "c_several_error_middle", arguments: ["-X", "-c", "select 1; select 1/0; select 3"], psqlExitCode: 1),
        ExitCodeCase(name: "c_syntax_error", arguments: ["-X", "-c", "selec 1"], psqlExitCode: 1),
        ExitCodeCase(name: "c_stop_error", arguments: ["-X", "-v", "ON_ERROR_STOP=1", "-c", "select 1/0", "-c", "select 2"], psqlExitCode: 1),
        ExitCodeCase(name: "c_quit", arguments: ["-X", "-c", "\\q"], psqlExitCode: 0),
        ExitCodeCase(name: "c_empty", arguments: ["-X", "-c", ""], psqlExitCode: 0),
        ExitCodeCase(name: "f_error", arguments: ["-X", "-f", "{dir}/error.sql"], psqlExitCode: 0),
        ExitCodeCase(name: "f_stop_error", arguments: ["-X", "-v", "ON_ERROR_STOP=1", "-f", "{dir}/error.sql"], psqlExitCode: 3),
        ExitCodeCase(name: "f_quit", arguments: ["-X", "-f", "{dir}/quit.sql"], psqlExitCode: 0),
        ExitCodeCase(name: "f_ok_then_f_error", arguments: ["-X", "-f", "{dir}/ok.sql", "-f", "{dir}/error.sql"], psqlExitCode: 0),
        ExitCodeCase(name: "f_stop_second_file", arguments: ["-X", "-v", "ON_ERROR_STOP=1", "-f", "{dir}/ok.sql", "-f", "{dir}/error.sql", "-c", "select 5"], psqlExitCode: 3),
        ExitCodeCase(name: "c_error_then_f", arguments: ["-X", "-c", "select 1/0", "-f", "{dir}/ok.sql"], psqlExitCode: 0),
        ExitCodeCase(name: "f_error_then_c", arguments: ["-X", "-f", "{dir}/error.sql", "-c", "select 1"], psqlExitCode: 0),
        ExitCodeCase(name: "f_error_then_c_error", arguments: ["-X", "-f", "{dir}/error.sql", "-c", "select 1/0"], psqlExitCode: 1),
        ExitCodeCase(name: "c_then_f_stop", arguments: ["-X", "-v", "ON_ERROR_STOP=1", "-c", "select 5", "-f", "{dir}/error.sql"], psqlExitCode: 3),
        ExitCodeCase(name: "stdin_error", arguments: ["-X"], stdin: Array("select 1/0;\nselect 2;\n".utf8), psqlExitCode: 0),
        ExitCodeCase(name: "stdin_error_last", arguments: ["-X"], stdin: Array("select 2;\nselect 1/0;\n".utf8), psqlExitCode: 0),
        ExitCodeCase(name: "stdin_stop_error", arguments: ["-X", "-v", "ON_ERROR_STOP=1"], stdin: Array("select 1/0;\nselect 2;\n".utf8), psqlExitCode: 3),
        ExitCodeCase(name: "stdin_dash_f_error", arguments: ["-X", "-f", "-"], stdin: Array("select 1/0;\nselect 2;\n".utf8), psqlExitCode: 0),
        ExitCodeCase(name: "stdin_dash_f_stop", arguments: ["-X", "-v", "ON_ERROR_STOP=1", "-f", "-"], stdin: Array("select 1;\nselect 1/0;\nselect 2;\n".utf8), psqlExitCode: 3),
        ExitCodeCase(name: "stdin_stop_syntax", arguments: ["-X", "-v", "ON_ERROR_STOP=1"], stdin: Array("select 1;\nselec 2;\nselect 3;\n".utf8), psqlExitCode: 3),
        ExitCodeCase(name: "stdin_unterminated_stop", arguments: ["-X", "-v", "ON_ERROR_STOP=1"], stdin: Array("select 'open\n".utf8), psqlExitCode: 3),
        ExitCodeCase(name: "c_connection_lost", arguments: ["-X", "-c", "select pg_terminate_backend(pg_backend_pid())"], psqlExitCode: 2),
        ExitCodeCase(name: "stdin_connection_lost", arguments: ["-X"], stdin: Array("select 1 as a;\nselect pg_terminate_backend(pg_backend_pid());\nselect 2 as never;\n".utf8), psqlExitCode: 2),
        ExitCodeCase(name: "single_tx_f_error", arguments: ["-X", "-1", "-f", "{dir}/error.sql"], psqlExitCode: 0, compareOutput: false),
        // tidepool also says that the -1 block was rolled back (auto-rollback, issue 4): compare exit codes only.
        ExitCodeCase(name: "single_tx_f_stop", arguments: ["-X", "-1", "-v", "ON_ERROR_STOP=1", "-f", "{dir}/error.sql"], psqlExitCode: 3, compareOutput: false),
        ExitCodeCase(name: "single_tx_c_error_then_ok", arguments: ["-X", "-1", "-c", "select 1/0", "-c", "select 2"], psqlExitCode: 1, compareOutput: false),
        ExitCodeCase(name: "single_tx_c_ok", arguments: ["-X", "-1", "-c", "select 1", "-c", "select 2"], psqlExitCode: 0),
        ExitCodeCase(name: "html_flag", arguments: ["-X", "-H", "-c", "select 1 as a, 'x<y' as b, null as c"], psqlExitCode: 0),
        ExitCodeCase(name: "list_flag_pattern", arguments: ["-X", "-c", "\\l postgres"], psqlExitCode: 0),
    ]
}

// MARK: - Helpers

/// Compares psql and the candidate on `arguments` (see `Differential.compare`).
private func compare(
    _ label: String, _ arguments: [String], stdin: String, timeout: Duration = .seconds(120)
) async throws -> Comparison {
    try await compare(label, arguments, stdin: Array(stdin.utf8), timeout: timeout)
}

private func compare(
    _ label: String, _ arguments: [String], stdin: [UInt8] = [], timeout: Duration = .seconds(120)
) async throws -> Comparison {
    try await Differential.compare(
        try TestEnvironment.current(), label: "cli_\(label)", arguments: arguments, stdin: stdin, timeout: timeout)
}

private func expectIdentical(_ comparison: Comparison, sourceLocation: SourceLocation = #_sourceLocation) {
    let identical = comparison.isIdentical
    #expect(identical, Comment(rawValue: comparison.report), sourceLocation: sourceLocation)
}

/// Runs the candidate alone; in a scratch database of its own, named after `database`, when given.
private func runCandidate(_ arguments: [String], stdin: [UInt8] = [], database: String? = nil) async throws -> ProgramRun {
    let environment = try TestEnvironment.current()
    guard let database else {
        return try await ProgramRunner.run(environment.candidate, arguments, stdin: stdin, environment: environment.baseEnvironment)
    }
    let name = ScratchDatabases.name(prefix: "cli", label: database, suffix: "c")
    return try await ScratchDatabases.with([name], in: environment) {
        var childEnvironment = environment.baseEnvironment
        childEnvironment["PGDATABASE"] = name
        return try await ProgramRunner.run(environment.candidate, arguments, stdin: stdin, environment: childEnvironment)
    }
}

private func runPsql(_ arguments: [String]) async throws -> ProgramRun {
    let environment = try TestEnvironment.current()
    return try await ProgramRunner.run(environment.psql, arguments, environment: environment.baseEnvironment)
}

/// Writes `files` into a fresh directory, runs `body` with its path, and removes it.
private func withScratchFiles(
    _ files: [String: String], _ body: (String) async throws -> Void
) async throws {
    try await withScratchFiles(files.mapValues { Array($0.utf8) }, body)
}

private func withScratchFiles(
    _ files: [String: [UInt8]], _ body: (String) async throws -> Void
) async throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("e2e-files-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for (name, bytes) in files {
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
    }
    try await body(directory)
}
