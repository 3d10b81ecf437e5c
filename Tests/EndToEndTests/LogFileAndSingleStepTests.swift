import Foundation
import Testing

/// `-L FILE` and `-s` against psql 15: the same script, the same answers on stdin; the log files (each
/// program writes its own) and stdout, stderr and exit code must be byte-identical.
@Suite("psql's -L log file and -s single-step mode")
struct LogFileAndSingleStepTests {
    /// A script that touches every kind of result the log records: tables, command statuses (also under
    /// QUIET), errors, COPY, \gset, several statements in one query, describe tables, other formats.
    static let logScript = """
        select 1 as a, 'x' as b, null as c;
        create table lg (a int primary key, b text);
        insert into lg values (1, 'one'), (2, E'two\\nlines');
        select * from lg order by a \\g
        \\pset format csv
        select 2 as csv_is_not_logged_as_csv;
        select 1/0;
        \\d lg
        \\x
        select 3 as expanded_is_not_logged_expanded;
        \\x
        \\pset format aligned
        \\pset border 2
        \\pset null '(null)'
        \\pset title 'Logged title'
        select a, null as n from lg order by a;
        \\pset title
        \\pset border 1
        copy lg to stdout;
        \\set QUIET on
        insert into lg values (3, 'three');
        update lg set b = 'uno' where a = 1 returning *;
        \\set QUIET off
        select;
        select 5 as five \\gset
        \\echo :five
        select 1 as one \\; select 2 as two;
        \\dt lg
        \\set ECHO_HIDDEN on
        \\dn
        \\dt lg
        """

    /// `seed`: what both log files already hold before the run.
    private func runBoth(_ label: String, arguments: (String) -> [String], stdin: [UInt8], seed: String? = nil)
        async throws -> (Comparison, String, String) {
        let environment = try TestEnvironment.current()
        let scratch = NSTemporaryDirectory() + "tp-log-\(getpid())-\(label)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let referenceLog = scratch + "/psql.log"
        let candidateLog = scratch + "/candidate.log"
        if let seed {
            try Data(seed.utf8).write(to: URL(fileURLWithPath: referenceLog))
            try Data(seed.utf8).write(to: URL(fileURLWithPath: candidateLog))
        }
        let referenceDatabase = ScratchDatabases.name(prefix: "log", label: label, suffix: "a")
        let candidateDatabase = ScratchDatabases.name(prefix: "log", label: label, suffix: "b")
        let comparison = try await ScratchDatabases.with([referenceDatabase, candidateDatabase], in: environment) {
            var referenceEnvironment = environment.baseEnvironment
            referenceEnvironment["PGDATABASE"] = referenceDatabase
            var candidateEnvironment = environment.baseEnvironment
            candidateEnvironment["PGDATABASE"] = candidateDatabase
            let reference = try await ProgramRunner.run(environment.psql, arguments(referenceLog), stdin: stdin,
                                                        environment: referenceEnvironment)
            let candidate = try await ProgramRunner.run(environment.candidate, arguments(candidateLog), stdin: stdin,
                                                        environment: candidateEnvironment)
            let normalizer = OutputNormalizer(referenceName: "psql", candidateName: environment.candidateName,
                                              referenceDatabase: referenceDatabase, candidateDatabase: candidateDatabase)
            return Comparison(reference: reference, candidate: candidate,
                              referenceStdout: reference.stdout,
                              referenceStderr: normalizer.reference(stderr: reference.stderr),
                              candidateStdout: normalizer.candidate(stdout: candidate.stdout),
                              candidateStderr: normalizer.candidate(stderr: candidate.stderr))
        }
        // Compared as text, so that a failure shows the two logs readably.
        let theirs = (try? String(contentsOfFile: referenceLog, encoding: .utf8)) ?? ""
        let ours = (try? String(contentsOfFile: candidateLog, encoding: .utf8)) ?? ""
        return (comparison, theirs, ours)
    }

    private func scriptFile(_ text: String, _ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "tp-log-script-\(getpid())-\(name).sql"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("-L FILE: the log holds psql's query blocks, aligned results and statuses")
    func logFile() async throws {
        let script = try scriptFile(Self.logScript, "log")
        defer { try? FileManager.default.removeItem(atPath: script) }
        let (comparison, theirs, ours) = try await runBoth("log", arguments: { ["-X", "-L", $0, "-f", script] }, stdin: [])
        #expect(comparison.isIdentical, Comment(rawValue: comparison.report))
        #expect(!theirs.isEmpty)
        #expect(ours == theirs, "--- psql's log:\n\(theirs)\n--- ours:\n\(ours)")
    }

    @Test("--log-file=FILE appends, and -c commands are logged")
    func logFileAppends() async throws {
        let (comparison, theirs, ours) = try await runBoth("append", arguments: {
            ["-X", "--log-file=\($0)", "-c", "select 1 as first", "-c", "select 2 as second", "-c", "\\pset border 0",
             "-c", "select 3 as third"]
        }, stdin: [], seed: "an earlier session\n")
        #expect(ours.hasPrefix("an earlier session\n********* QUERY"))
        #expect(comparison.isIdentical, Comment(rawValue: comparison.report))
        #expect(ours == theirs, "--- psql's log:\n\(theirs)\n--- ours:\n\(ours)")
    }

    @Test("-L: a new log file is readable by its owner only")
    func logFileMode() async throws {
        let environment = try TestEnvironment.current()
        guard !environment.candidateIsReference else { return }  // psql creates it 0666 & ~umask
        let path = NSTemporaryDirectory() + "tp-log-mode-\(getpid()).log"
        try? FileManager.default.removeItem(atPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var childEnvironment = environment.baseEnvironment
        childEnvironment["PGDATABASE"] = "postgres"
        let run = try await ProgramRunner.run(environment.candidate, ["-X", "-L", path, "-c", "select 1"],
                                              environment: childEnvironment)
        #expect(run.exitCode == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("-L into a missing directory fails as psql does")
    func logFileUnwritable() async throws {
        let (comparison, _, _) = try await runBoth("unwritable", arguments: { _ in
            ["-X", "-L", "/nonexistent-dir/x.log", "-c", "select 1"]
        }, stdin: [])
        #expect(comparison.isIdentical, Comment(rawValue: comparison.report))
    }

    static let stepScript = """
        select 1 as first;
        select 2 as second;
        \\echo :ERROR
        select 3 as third;
        \\d pg_class_oid_index
        select 4 as fourth;
        select 5 as fifth;
        """

    @Test("-s: each query is shown and waits for Return; x cancels; answers are read two bytes at a time",
          arguments: [
              ("run-all", "\n\n\n\n\n", [String]()), ("cancel", "\nx\nxyz\n", []),
              ("stop", "\nx\n", ["-v", "ON_ERROR_STOP=1"]), ("eof", "", []), ("echo", "\n\n", ["-e"]),
              ("log", "x\n\n\nx\n", ["-L", "LOG"]), ("single-transaction", "\n\n\n\n\n", ["-1"]),
          ])
    func singleStep(label: String, answers: String, extra: [String]) async throws {
        let script = try scriptFile(Self.stepScript, "step-\(label)")
        defer { try? FileManager.default.removeItem(atPath: script) }
        let (comparison, theirs, ours) = try await runBoth("step_\(label)", arguments: { log in
            ["-X", "-s"] + extra.map { $0 == "LOG" ? log : $0 } + ["-f", script]
        }, stdin: Array(answers.utf8))
        #expect(comparison.isIdentical, Comment(rawValue: comparison.report))
        #expect(ours == theirs)
    }

    @Test("-s with -c: a cancelled command exits 1")
    func singleStepCommand() async throws {
        let (comparison, _, _) = try await runBoth("step_c", arguments: { _ in ["-X", "-s", "-c", "select 1 as one"] },
                                                  stdin: Array("x\n".utf8))
        #expect(comparison.isIdentical, Comment(rawValue: comparison.report))
    }
}
