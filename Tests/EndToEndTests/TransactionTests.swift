import Foundation
import Glibc
import Testing

/// Issue 4: a transaction block applies whole or not at all, and no forgotten block holds locks.
/// Each test runs the built binary against its own scratch database and checks the database afterwards
/// from another connection (psql), never from tidepool's own account of what happened.
@Suite("Transaction blocks with auto-rollback")
struct TransactionTests {
    let env: TestEnvironment

    init() throws { env = try TestEnvironment.current() }

    private func withDatabase<T: Sendable>(_ label: String, _ body: (String) async throws -> T) async throws -> T {
        let name = ScratchDatabases.name(prefix: "tx", label: label, suffix: "a")
        return try await ScratchDatabases.with([name], in: env) { try await body(name) }
    }

    private func tidepool(_ db: String, _ args: [String], stdin: String) async throws -> ProgramRun {
        var environment = env.baseEnvironment
        environment["PGDATABASE"] = db
        return try await ProgramRunner.run(env.candidate, ["-X"] + args, stdin: Array(stdin.utf8),
                                           environment: environment)
    }

    /// What another connection sees: the query's single column, one value per line.
    private func rows(_ db: String, _ sql: String) async throws -> [String] {
        var environment = env.baseEnvironment
        environment["PGDATABASE"] = db
        let run = try await ProgramRunner.run(env.psql, ["-X", "-A", "-t", "-c", sql], environment: environment)
        #expect(run.exitCode == 0, "\(run.stderrText)")
        return run.stdoutText.split(separator: "\n").map(String.init)
    }

    static let failingBlock = """
        create table t(i int);
        begin;
        insert into t values (1);
        select 1/0;
        insert into t values (2);
        commit;
        insert into t values (3);

        """

    @Test("an error in a block rolls it back at once; the rest of the block is skipped; COMMIT reports ROLLBACK")
    func errorInBlockRollsBackWhole() async throws {
        try await withDatabase("failing_block") { db in
            let run = try await tidepool(db, [], stdin: Self.failingBlock)
            #expect(run.exitCode == 0)
            #expect(try await rows(db, "select i from t order by i") == ["3"])
            #expect(run.stdoutText.contains("ROLLBACK\nINSERT 0 1\n"), "COMMIT of the failed block reports ROLLBACK")
            #expect(run.stderrText.contains("ERROR:  division by zero"))
            #expect(run.stderrText.contains("ROLLBACK: the transaction block was rolled back; 1 earlier statement in it was undone"))
            #expect(run.stderrText.contains("statement skipped"))
            #expect(!run.stderrText.contains("current transaction is aborted"))
        }
    }

    @Test("with ON_ERROR_STOP the script stops with 3 and nothing of the block remains")
    func onErrorStopInBlock() async throws {
        try await withDatabase("failing_block_stop") { db in
            let run = try await tidepool(db, ["-v", "ON_ERROR_STOP=1"], stdin: Self.failingBlock)
            #expect(run.exitCode == 3)
            #expect(try await rows(db, "select count(*) from t") == ["0"])
            #expect(try await rows(db, "select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'") == ["0"])
        }
    }

    @Test("\\gdesc of a statement that does not parse fails a block like the statement would; a good one changes nothing")
    func describeInBlock() async throws {
        try await withDatabase("gdesc_block") { db in
            let script = "create table t(i int);\nbegin;\ninsert into t values (1);\ninsert into t values (2) \\gdesc\n"
                + "commit;\nbegin;\ninsert into t values (3);\nselect * from nosuch \\gdesc\ninsert into t values (4);\ncommit;\n"
            let run = try await tidepool(db, [], stdin: script)
            #expect(run.exitCode == 0)
            // The described INSERT never ran; the second block was rolled back whole by the failed description.
            #expect(try await rows(db, "select i from t order by i") == ["1"])
            #expect(run.stdoutText.contains("The command has no result, or the result has no columns.\n"))
            #expect(run.stderrText.contains("ERROR:  relation \"nosuch\" does not exist"))
            #expect(run.stderrText.contains("ROLLBACK: the transaction block was rolled back; 1 earlier statement in it was undone"))
        }
    }

    @Test("AUTO_ROLLBACK statement undoes only the failing statement")
    func statementMode() async throws {
        try await withDatabase("statement_mode") { db in
            let script = "create table t(i int);\n\\set AUTO_ROLLBACK statement\nbegin;\ninsert into t values (1);\nselect bad;\ninsert into t values (2);\ncommit;\n"
            let run = try await tidepool(db, [], stdin: script)
            #expect(run.exitCode == 0)
            #expect(try await rows(db, "select i from t order by i") == ["1", "2"])
            #expect(run.stdoutText.contains("COMMIT"))
        }
    }

    @Test("a user's own savepoint recovers the block exactly as under psql")
    func userSavepointRecovers() async throws {
        try await withDatabase("user_savepoint") { db in
            let script = "create table t(i int);\nbegin;\ninsert into t values (1);\nsavepoint s;\nselect bad;\nrollback to s;\ninsert into t values (2);\ncommit;\n"
            let run = try await tidepool(db, [], stdin: script)
            #expect(run.exitCode == 0)
            #expect(try await rows(db, "select i from t order by i") == ["1", "2"])
            #expect(!run.stderrText.contains("ROLLBACK: the transaction block"))
        }
    }

    @Test("end of input inside a block: nothing committed, a warning on stderr")
    func eofRollsBack() async throws {
        try await withDatabase("eof_block") { db in
            let run = try await tidepool(db, [], stdin: "create table t(i int);\nbegin;\ninsert into t values (1);\ninsert into t values (2);\n")
            #expect(run.exitCode == 0)
            #expect(try await rows(db, "select count(*) from t") == ["0"])
            #expect(run.stderrText.contains("input ended: the open transaction block was rolled back; 2 statements in it were undone"))
        }
    }

    @Test("-1 with an error commits nothing")
    func singleTransaction() async throws {
        try await withDatabase("single_tx") { db in
            _ = try await rows(db, "create table t(i int)")
            let run = try await tidepool(db, ["-1"], stdin: "insert into t values (1);\nselect 1/0;\ninsert into t values (2);\n")
            #expect(try await rows(db, "select count(*) from t") == ["0"])
            #expect(run.exitCode == 0)
            let stop = try await tidepool(db, ["-1", "-v", "ON_ERROR_STOP=1"], stdin: "insert into t values (1);\nselect 1/0;\n")
            #expect(stop.exitCode == 3)
            #expect(try await rows(db, "select count(*) from t") == ["0"])
            let good = try await tidepool(db, ["-1", "-c", "insert into t values (7)", "-c", "insert into t values (8)"], stdin: "")
            #expect(good.exitCode == 0)
            #expect(try await rows(db, "select i from t order by i") == ["7", "8"])
        }
    }

    @Test("\\pool shows an open block with its age and the locks its backend holds")
    func poolShowsOpenBlockLocks() async throws {
        try await withDatabase("pool_locks") { db in
            let run = try await tidepool(db, [], stdin: "create table t(i int);\nbegin;\ninsert into t values (1);\nlock table t in exclusive mode;\n\\pool\nrollback;\n\\pool\n")
            #expect(run.exitCode == 0)
            let sections = run.stdoutText.components(separatedBy: "ROLLBACK\n")
            try #require(sections.count == 2)
            #expect(sections[0].contains("| in tx |"))
            #expect(sections[0].range(of: #"Open transaction blocks:\n  connection 1 \(pid \d+, session\): open [0-9.]+ m?s, [3-9] locks held"#,
                                      options: .regularExpression) != nil, "\(sections[0])")
            #expect(!sections[1].contains("Open transaction blocks"))
        }
    }

    @Test("a forgotten block is rolled back after --idle-tx-timeout and stops holding its locks")
    func idleTransactionTimeout() async throws {
        try await withDatabase("idle_tx") { db in
            _ = try await rows(db, "create table t(i int); insert into t values (5)")
            var environment = env.baseEnvironment
            environment["PGDATABASE"] = db
            // The script stays open (sleep) after taking the row lock, as a person who walked away would.
            let command = "(printf 'begin;\\nupdate t set i = 6 where i = 5;\\n'; sleep 3) | "
                + "\(shellQuoted(env.candidate)) -X --idle-tx-timeout 1"
            async let holder = ProgramRunner.run("/bin/sh", ["-c", command], environment: environment)
            try await Task.sleep(for: .milliseconds(400))
            let started = Date()
            let competitor = try await ProgramRunner.run(
                env.psql, ["-X", "-A", "-t", "-c", "set lock_timeout = '10s'; update t set i = 7 where i = 5"],
                environment: environment)
            let waited = Date().timeIntervalSince(started)
            let run = try await holder
            #expect(competitor.exitCode == 0, "\(competitor.stderrText)")
            #expect(competitor.stdoutText.contains("UPDATE 1"), "the first update was rolled back, so row 5 was there")
            #expect(waited < 2.0, "waited \(waited) s for the lock")
            #expect(run.stderrText.contains("idle for more than 1 s and was rolled back"))
            #expect(try await rows(db, "select i from t") == ["7"])
        }
    }

    @Test("SIGTERM inside a block: rolled back, no idle-in-transaction backend left")
    func sigtermRollsBack() async throws {
        try await withDatabase("sigterm_block") { db in
            _ = try await rows(db, "create table t(i int); insert into t values (5)")
            var environment = env.baseEnvironment
            environment["PGDATABASE"] = db
            let pidFile = NSTemporaryDirectory() + "tidepool-sigterm-\(getpid()).pid"
            defer { unlink(pidFile) }
            let command = "(printf 'begin;\\nupdate t set i = 6;\\n'; sleep 5) | "
                + "\(shellQuoted(env.candidate)) -X & echo $! > \(pidFile); wait $!"
            async let holder = ProgramRunner.run("/bin/sh", ["-c", command], environment: environment)
            var pid: Int32 = 0
            for _ in 0..<50 where pid == 0 {
                try await Task.sleep(for: .milliseconds(100))
                pid = Int32((try? String(contentsOfFile: pidFile, encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
            }
            try #require(pid > 0)
            // Wait until the update holds its lock, then terminate.
            for _ in 0..<50 {
                if try await rows(db, "select count(*) from pg_stat_activity where datname = current_database() and state = 'idle in transaction'") == ["1"] { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            kill(pid, SIGTERM)
            let run = try await holder
            #expect(run.stderrText.contains("the open transaction block was rolled back"))
            #expect(try await rows(db, "select i from t") == ["5"])
            #expect(try await rows(db, "select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'") == ["0"])
        }
    }
}
