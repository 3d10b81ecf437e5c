import Foundation
import Glibc
import Testing

/// Issue 3: background jobs in scripts (`\&`, `\bg`, `\wait`, `\jobs`, `\cancel`), the pool under them, and
/// `\pool watch`. Each test runs the built binary against its own scratch database; what the database holds
/// afterwards is checked from another connection (psql).
@Suite("Background jobs in scripts")
struct JobScriptTests {
    let env: TestEnvironment

    init() throws { env = try TestEnvironment.current() }

    private func withDatabase<T: Sendable>(_ label: String, _ body: (String) async throws -> T) async throws -> T {
        let name = ScratchDatabases.name(prefix: "jobs", label: label, suffix: "a")
        return try await ScratchDatabases.with([name], in: env) { try await body(name) }
    }

    private func tidepool(_ db: String, _ args: [String], stdin: String) async throws -> ProgramRun {
        var environment = env.baseEnvironment
        environment["PGDATABASE"] = db
        return try await ProgramRunner.run(env.candidate, ["-X"] + args, stdin: Array(stdin.utf8),
                                           environment: environment, timeout: .seconds(60))
    }

    private func rows(_ db: String, _ sql: String) async throws -> [String] {
        var environment = env.baseEnvironment
        environment["PGDATABASE"] = db
        let run = try await ProgramRunner.run(env.psql, ["-X", "-A", "-t", "-c", sql], environment: environment)
        #expect(run.exitCode == 0, "\(run.stderrText)")
        return run.stdoutText.split(separator: "\n").map(String.init)
    }

    @Test("four pg_sleep(1) jobs run at once: \\wait prints them in job order in under 2 s; \\pool shows them busy")
    func fourConcurrentJobs() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("four_jobs") { db in
            let script = (1...4).map { "select pg_sleep(1), \($0) as n, pg_backend_pid() as pid \\&\n" }.joined()
                + "select pg_sleep(0.4);\n\\pool\n\\wait\n"
            let started = Date()
            let run = try await tidepool(db, ["--pool-max", "5", "-A", "-t"], stdin: script)
            let wall = Date().timeIntervalSince(started)
            #expect(run.exitCode == 0, "\(run.stderrText)")
            #expect(wall < 2.0, "four 1-second jobs took \(wall) s")

            let lines = run.stdoutText.split(separator: "\n").map(String.init)
            // The jobs' results, in job order, after the pool report: "|1|pid", "|2|pid", …
            let results = lines.filter { $0.hasPrefix("|") }
            #expect(results.map { $0.split(separator: "|", omittingEmptySubsequences: false)[1] } == ["1", "2", "3", "4"])
            let jobPIDs = Set(results.map { String($0.split(separator: "|", omittingEmptySubsequences: false)[2]) })
            #expect(jobPIDs.count == 4)

            // \pool, taken while they sleep: four job connections, busy, each with its backend pid.
            let busyJobs = lines.filter { $0.contains("| job ") && $0.contains("| busy ") }
            #expect(busyJobs.count == 4, "\(run.stdoutText)")
            let poolPIDs = Set(busyJobs.map { line in
                line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[3]
            })
            #expect(poolPIDs == jobPIDs, "\\pool shows the pids the jobs report for themselves")
        }
    }

    static let exhaustion = """
        select pg_sleep(2.5), 'long' \\&
        select pg_sleep(0.3) as let_the_first_job_lease_first;
        select 'second' \\&
        \\wait
        select 'after';

        """

    @Test("with --pool-max 2, a second job fails after --acquire-timeout 1 with the exhaustion error")
    func exhaustedPool() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("exhausted") { db in
            let args = ["--pool-max", "2", "--acquire-timeout", "1", "-A", "-t"]
            let lenient = try await tidepool(db, args, stdin: Self.exhaustion)
            #expect(lenient.exitCode == 0, "psql's rule: without ON_ERROR_STOP a script's errors do not set the status")
            #expect(lenient.stderrText.contains("[2] pool exhausted: 2 of 2 connections busy"), "\(lenient.stderrText)")
            #expect(lenient.stderrText.contains("waited 1.0 s"))
            #expect(lenient.stdoutText == "\n|long\nafter\n")

            let strict = try await tidepool(db, args + ["-v", "ON_ERROR_STOP=1"], stdin: Self.exhaustion)
            #expect(strict.exitCode == 3)
            #expect(strict.stderrText.contains("[2] pool exhausted"))
            #expect(strict.stdoutText == "\n|long\n", "nothing after the failing \\wait runs")
        }
    }

    @Test("a job may hold a whole BEGIN … COMMIT block; a failed or unfinished block leaves nothing behind")
    func transactionBlocks() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("blocks") { db in
            let script = """
                create table t(id int primary key, v text);
                \\bg BEGIN; insert into t values (1, 'a'); insert into t values (2, 'b'); COMMIT;
                \\wait
                \\bg BEGIN; insert into t values (3, 'c'); insert into t values (1, 'dup'); COMMIT;
                \\bg BEGIN; insert into t values (4, 'open');
                \\wait
                select count(*) from pg_stat_activity
                 where datname = current_database() and state like 'idle in transaction%';

                """
            let run = try await tidepool(db, ["-A", "-t"], stdin: script)
            #expect(run.exitCode == 0, "\(run.stderrText)")
            #expect(try await rows(db, "select id from t order by id") == ["1", "2"])
            #expect(run.stdoutText.hasSuffix("\n0\n"), "no pooled connection is left inside a block: \(run.stdoutText)")
            // Jobs 2 and 3 run at the same time; each is all or nothing whichever goes first.
            #expect(run.stderrText.contains("[2] ERROR:  duplicate key value violates unique constraint"))
            #expect(run.stderrText.contains("[3] the job ended inside a transaction block; rolled back"))
            // The committed block's own output, in order, as the foreground would print it.
            #expect(run.stdoutText.contains("BEGIN\nINSERT 0 1\nINSERT 0 1\nCOMMIT\n"))
        }
    }

    @Test("a script's output with jobs and \\wait is byte for byte the output of the same statements in the foreground")
    func jobsPrintAsTheForegroundWould() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("same_bytes") { db in
            let statements = [
                "select g as n, repeat('x', g) as s, null::text as nothing from generate_series(1, 4) g",
                "select 'a|b' as \"odd name\", 12.5::numeric as price",
                "values (1, true), (2, false)",
            ]
            for format in [[], ["-A"], ["--csv"], ["-x"]] {
                let foreground = try await tidepool(db, format, stdin: statements.map { $0 + ";\n" }.joined())
                let jobs = try await tidepool(db, format, stdin: statements.map { $0 + " \\&\n" }.joined() + "\\wait\n")
                #expect(foreground.exitCode == 0 && jobs.exitCode == 0)
                #expect(jobs.stdoutText == foreground.stdoutText, "format \(format)")
            }
        }
    }

    @Test("jobs not joined are waited for and printed at the end of the script; a failed one stops with ON_ERROR_STOP")
    func endOfScriptJoins() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("end_join") { db in
            let script = "select pg_sleep(0.3), 'late' \\&\nselect 1/0 \\&\nselect 'foreground';\n"
            let run = try await tidepool(db, ["-A", "-t"], stdin: script)
            #expect(run.exitCode == 0)
            #expect(run.stdoutText == "foreground\n|late\n")
            #expect(run.stderrText.contains("[2] ERROR:  division by zero"))

            let strict = try await tidepool(db, ["-A", "-t", "-v", "ON_ERROR_STOP=1"], stdin: script)
            #expect(strict.exitCode == 3)
        }
    }

    @Test("\\cancel stops a running job at once; \\jobs lists it as cancelled")
    func cancelJob() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("cancel") { db in
            let script = "select pg_sleep(30) \\&\nselect pg_sleep(0.3);\n\\cancel 1\n\\wait\n\\jobs\n"
            let started = Date()
            let run = try await tidepool(db, ["-A", "-v", "ON_ERROR_STOP=1"], stdin: script)
            #expect(Date().timeIntervalSince(started) < 5)
            #expect(run.exitCode == 0, "a job the user cancelled is not an error: \(run.stderrText)")
            #expect(run.stderrText.contains("[1] ERROR:  canceling statement due to user request"))
            #expect(run.stdoutText.contains("\n1|cancelled|"), "\(run.stdoutText)")
        }
    }

    @Test("a result above JOB_MAX_ROWS is cut, and the notice says how to get it whole")
    func resultBound() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("bound") { db in
            let script = "\\set JOB_MAX_ROWS 3\nselect g from generate_series(1, 10) g \\&\n\\wait\n"
                + "\\set JOB_MAX_BYTES 4\nselect 'abc' union all select 'def' \\&\n\\wait\n"
            let run = try await tidepool(db, ["-A", "-t"], stdin: script)
            #expect(run.stdoutText == "1\n2\n3\nabc\n")
            #expect(run.stderrText.contains("[1] result cut: kept 3 of 10 rows (JOB_MAX_ROWS is 3)"))
            #expect(run.stderrText.contains("[2] result cut: kept 1 of 2 rows (JOB_MAX_BYTES is 4)"))
            #expect(run.stderrText.contains("\\o FILE"))
        }
    }

    @Test("\\timing stats counts jobs apart from foreground statements")
    func timingStats() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("timing") { db in
            let script = "select 1 \\&\nselect 2 \\&\nselect 3 \\&\n\\wait\nselect 4;\n\\timing stats\n"
            let run = try await tidepool(db, ["-A", "-t"], stdin: script)
            #expect(run.stdoutText.contains("foreground: 1 statements"), "\(run.stdoutText)")
            #expect(run.stdoutText.contains("jobs: 3 statements"))
        }
    }

    @Test("\\pool watch redraws until Ctrl-C, then the script goes on")
    func poolWatch() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("watch") { db in
            var environment = env.baseEnvironment
            environment["PGDATABASE"] = db
            let candidate = env.candidate
            let script = "\\pool watch 0.2\nselect 'after watch';\n"
            let marker = "WATCH_MARKER=\(UUID().uuidString)"
            // Interrupt it after about a second, from outside, as a user's Ctrl-C would.
            async let run = ProgramRunner.run(candidate, ["-X", "-A", "-t", "-v", marker], stdin: Array(script.utf8),
                                              environment: environment, timeout: .seconds(30))
            try await Task.sleep(for: .milliseconds(1100))
            signalProcess(withArgument: marker, signal: SIGINT)
            let finished = try await run
            #expect(finished.exitCode == 0, "\(finished.stderrText)")
            let snapshots = finished.stdoutText.components(separatedBy: "Pool every 0.2 s").count - 1
            #expect(snapshots >= 3, "\(finished.stdoutText)")
            #expect(finished.stdoutText.hasSuffix("after watch\n"))
        }
    }

    @Test("--idle-timeout reaches the pool: job connections above --pool-min close after it")
    func idleTimeout() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("idle") { db in
            let script = "select pg_sleep(0.2) \\&\nselect pg_sleep(0.2) \\&\n\\wait\n\\pool\nselect pg_sleep(2.6);\n\\pool\n"
            let run = try await tidepool(db, ["--pool-min", "1", "--idle-timeout", "1", "-A", "-t"], stdin: script)
            let summaries = run.stdoutText.split(separator: "\n").filter { $0.hasPrefix("Pool: ") }
            #expect(summaries.count == 2)
            #expect(summaries.first?.hasPrefix("Pool: 3 connections") == true, "\(run.stdoutText)")
            #expect(summaries.last?.hasPrefix("Pool: 1 connection ") == true, "\(run.stdoutText)")
        }
    }

    /// Sends `signal` to the child of this test process whose command line holds `argument` (a marker unique to
    /// the calling test, so tests running in parallel never signal one another's programs).
    private func signalProcess(withArgument argument: String, signal: Int32) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            let words = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if words.contains(argument) { kill(pid, signal) }
        }
    }
}
