import Foundation
import Glibc
import Testing

/// Issue 8, the fault suite: tidepool against a server that is stopped, restarted, paused or whose
/// backends are killed, each case on a cluster of its own (FaultServer). Every case checks what the
/// user saw, the exit status, and — through psql, another client — the database's final state:
/// nothing committed lost, nothing uncommitted kept.
///
/// `make faults` runs this suite alone; `make test` runs it with everything else (about a minute on
/// two cores: each case starts its own server).
@Suite("Fault suite", .serialized)
struct FaultTests {
    /// A script shell on `server`, reading its lines from the test.
    private func shell(_ server: FaultServer, _ arguments: [String] = []) throws -> FaultShell {
        try FaultShell(["-A", "-t"] + arguments, environment: server.environment)
    }

    // MARK: Server gone or silent at start-up

    @Test("server stopped before start: exit 2 at once with libpq's message")
    func serverStoppedBeforeStart() async throws {
        let env = try TestEnvironment.current()
        var environment = env.baseEnvironment
        environment["PGHOST"] = "127.0.0.1"
        environment["PGPORT"] = String(closedLoopbackPort())
        environment["PGCONNECT_TIMEOUT"] = "5"
        let start = ContinuousClock.now
        let run = try await ProgramRunner.run(env.candidate, ["-X", "-c", "select 1"], environment: environment,
                                              timeout: .seconds(30))
        #expect(run.exitCode == 2, "\(run.testDescription)")
        #expect(run.stderrText.contains("failed: Connection refused"), "\(run.stderrText)")
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test("server paused before start: exit 2 within connect_timeout")
    func serverPausedBeforeStart() async throws {
        try await FaultServer.with("paused-start") { server in
            let pids = try await server.pause()
            defer { server.resume(pids) }
            var environment = server.environment
            environment["PGCONNECT_TIMEOUT"] = "3"
            let env = try TestEnvironment.current()
            let start = ContinuousClock.now
            let run = try await ProgramRunner.run(env.candidate, ["-X", "-c", "select 1"], environment: environment,
                                                  timeout: .seconds(30))
            let elapsed = ContinuousClock.now - start
            #expect(run.exitCode == 2, "\(run.testDescription) \(run.stderrText)")
            #expect(run.stderrText.contains("timeout expired"), "\(run.stderrText)")
            #expect(elapsed < .seconds(10), "took \(elapsed)")
        }
    }

    // MARK: Fast restarts

    @Test("restart while idle: the session reconnects, says so, and the script goes on")
    func restartWhileIdle() async throws {
        try await FaultServer.with("restart-idle") { server in
            let sh = try shell(server)
            sh.send("create table t(i int);", "insert into t values (1);", "\\echo step1")
            #expect(await sh.waitFor("step1"))
            try await server.restart()
            sh.send("insert into t values (2);", "select count(*) from t;")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("reconnected"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1,2}"])
        }
    }

    @Test("restart during a statement: exit 2, nothing after it runs, committed rows kept")
    func restartDuringStatement() async throws {
        try await FaultServer.with("restart-stmt") { server in
            let sh = try shell(server)
            sh.send("create table t(i int);", "insert into t values (1);", "\\echo step1",
                    "insert into t select 2 from pg_sleep(30);", "insert into t values (3);")
            #expect(await sh.waitFor("step1"))
            try await Task.sleep(for: .milliseconds(500))
            try await server.restart()
            let status = await sh.finish()
            #expect(status == 2, "\(sh.report)")
            #expect(sh.stderr.contains("server closed the connection unexpectedly"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1}"])
        }
    }

    @Test("restart inside a block: exit 2, nothing of the block kept, nothing after it runs")
    func restartInsideBlock() async throws {
        try await FaultServer.with("restart-block") { server in
            let sh = try shell(server)
            sh.send("create table t(i int);", "insert into t values (1);",
                    "begin;", "insert into t values (2);", "\\echo step1")
            #expect(await sh.waitFor("step1"))
            try await server.restart()
            sh.send("insert into t values (3);", "commit;", "insert into t values (4);")
            let status = await sh.finish()
            #expect(status == 2, "\(sh.report)")
            #expect(sh.stderr.contains("transaction block was open"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1}"])
        }
    }

    @Test("restart during a background job: the job reports the loss, the foreground reconnects and goes on")
    func restartDuringJob() async throws {
        try await FaultServer.with("restart-job") { server in
            let sh = try shell(server)
            sh.send("create table t(i int);", "insert into t values (1);",
                    "insert into t select 2 from pg_sleep(30) \\&", "\\echo step1")
            #expect(await sh.waitFor("step1"))
            try await Task.sleep(for: .milliseconds(500))
            try await server.restart()
            sh.send("insert into t values (3);", "\\wait", "insert into t values (4);")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("[1] "), "the job's failure is announced: \(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1,3,4}"])
        }
    }

    // MARK: Terminated backends

    @Test("session backend terminated while idle: reconnect, recorded SETs replayed, script goes on")
    func terminateSessionBackend() async throws {
        try await FaultServer.with("term-session") { server in
            let sh = try shell(server)
            sh.send("create table t(i int, z text);", "set timezone = 'Pacific/Chatham';",
                    "insert into t values (1, current_setting('timezone'));", "\\echo step1")
            #expect(await sh.waitFor("step1"))
            #expect(try await server.terminate(where: "query like 'insert into t values (1%'") == 1)
            sh.send("insert into t values (2, current_setting('timezone'));")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("reconnected"), "\(sh.report)")
            #expect(try await server.query("select string_agg(i || z, ',' order by i) from t")
                    == ["1Pacific/Chatham,2Pacific/Chatham"])
        }
    }

    @Test("job backend terminated: that job fails, the others and the foreground are untouched")
    func terminateJobBackend() async throws {
        try await FaultServer.with("term-job") { server in
            let sh = try shell(server)
            sh.send("create table t(i int);",
                    "insert into t select 1 from pg_sleep(3) /* victim */ \\&",
                    "insert into t select 2 from pg_sleep(1) \\&", "\\echo step1")
            #expect(await sh.waitFor("step1"))
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await server.terminate(where: "query like '%victim%'") == 1)
            sh.send("insert into t values (3);", "\\wait", "insert into t values (4);")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("[1] FATAL:  terminating connection"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{2,3,4}"])
        }
    }

    @Test("idle pooled connections terminated: replaced without the user noticing")
    func terminateIdlePooledBackend() async throws {
        try await FaultServer.with("term-idle") { server in
            let sh = try shell(server, ["--pool-min", "3", "--pool-max", "3"])
            sh.send("create table t(i int);", "\\echo step1")
            #expect(await sh.waitFor("step1"))
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await server.terminate(where: "state = 'idle' and query = ''") == 2)
            sh.send("insert into t select 1 from pg_sleep(0.2) \\&", "insert into t select 2 from pg_sleep(0.2) \\&",
                    "\\wait", "insert into t values (3);")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(!sh.stderr.contains("ERROR") && !sh.stderr.contains("FATAL"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1,2,3}"])
        }
    }

    // MARK: A silent server

    @Test("server paused during a statement: Ctrl-C ends the script, nothing half-done is kept")
    func pausedDuringStatement() async throws {
        try await FaultServer.with("paused-stmt") { server in
            let sh = try shell(server)
            sh.send("create table t(i int);", "insert into t values (1);", "\\echo step1",
                    "begin;", "insert into t values (2);", "select pg_sleep(2);", "commit;")
            #expect(await sh.waitFor("step1"))
            try await Task.sleep(for: .milliseconds(300))
            let pids = try await server.pause()
            try await Task.sleep(for: .seconds(3))
            sh.signal(SIGINT)
            // The cancel request goes out from another thread (PQcancel blocks on a stopped postmaster); with no
            // answer within the grace period the script abandons the statement and stops with 3.
            let endedWhilePaused = await sh.waitForExit(timeout: .seconds(6), killing: false) != nil
            #expect(endedWhilePaused, "\(sh.report)")
            server.resume(pids)
            let status = endedWhilePaused ? sh.exitStatus : await sh.finish(timeout: .seconds(30))
            #expect(status == 3, "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1}"])
        }
    }

    @Test("server paused with statement_timeout set: the statement ends with the server's error once it runs again")
    func pausedWithStatementTimeout() async throws {
        try await FaultServer.with("paused-timeout") { server in
            let sh = try shell(server)
            sh.send("create table t(i int);", "set statement_timeout = '1s';", "\\echo step1",
                    "insert into t select 1 from pg_sleep(5);", "insert into t values (2);")
            #expect(await sh.waitFor("step1"))
            let pids = try await server.pause()
            try await Task.sleep(for: .seconds(2))
            server.resume(pids)
            let status = await sh.finish(timeout: .seconds(30))
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("canceling statement due to statement timeout"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{2}"])
        }
    }

    // MARK: Pool exhaustion, timeouts, failing COPY

    @Test("50 queued jobs on --pool-max 3: all complete, none lost, served first come first served")
    func poolExhaustion() async throws {
        try await FaultServer.with("pool-50") { server in
            let sh = try shell(server, ["--pool-max", "3"])
            sh.send("create table t(n int, started timestamptz);")
            for n in 1...50 {
                sh.send("insert into t select \(n), clock_timestamp() from pg_sleep(0.05) \\&")
            }
            sh.send("\\wait", "select count(*) from t;")
            let status = await sh.finish(timeout: .seconds(120))
            #expect(status == 0, "\(sh.report)")
            let order = try await server.query("select n from t order by started, n").compactMap(Int.init)
            #expect(order.count == 50)
            #expect(Set(order) == Set(1...50))
            // FIFO: with at most 3 running at once, a job starts at most a few places from its turn.
            let displaced = order.enumerated().filter { abs($0.element - ($0.offset + 1)) > 3 }
            // Jobs ask the pool in start order (each waits for the previous job's lease turn).
            #expect(displaced.isEmpty, "start order \(order)")
        }
    }

    @Test("statement_timeout inside a block: auto-rollback, the rest of the block skipped")
    func statementTimeoutInBlock() async throws {
        try await FaultServer.with("stmt-timeout") { server in
            let sh = try shell(server)
            sh.send("create table t(i int);", "begin;", "insert into t values (1);",
                    "set local statement_timeout = '200ms';", "select pg_sleep(2);",
                    "insert into t values (2);", "commit;", "insert into t values (3);")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("canceling statement due to statement timeout"), "\(sh.report)")
            #expect(sh.stderr.contains("rolled back"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{3}"])
        }
    }

    @Test("lock_timeout inside a block: auto-rollback, the holder's work untouched")
    func lockTimeoutInBlock() async throws {
        try await FaultServer.with("lock-timeout") { server in
            try await server.query("create table t(i int); insert into t values (0)")
            // Another client holds the table's lock for a while.
            let holder = try FaultShell(["-c", "begin; lock table t; select pg_sleep(4); insert into t values (10); commit;"],
                                        environment: server.environment)
            try await Task.sleep(for: .milliseconds(700))
            let sh = try shell(server)
            sh.send("begin;", "set local lock_timeout = '200ms';", "insert into t values (1);",
                    "insert into t values (2);", "commit;", "\\echo after")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("canceling statement due to lock timeout"), "\(sh.report)")
            #expect(await holder.finish() == 0, "\(holder.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{0,10}"])
        }
    }

    @Test("a disk-full error from a trigger in the middle of COPY: no row of it kept, the script goes on")
    func copyFailsMidway() async throws {
        try await FaultServer.with("copy-fail") { server in
            try await server.query("""
                create table t(i int);
                create function full_disk() returns trigger language plpgsql as $$
                begin
                  if new.i = 500 then raise exception 'could not extend file: No space left on device'
                    using errcode = 'disk_full'; end if;
                  return new;
                end $$;
                create trigger full_disk before insert on t for each row execute function full_disk();
                """)
            let sh = try shell(server)
            sh.send("copy t from stdin;")
            sh.send((1...1000).map(String.init).joined(separator: "\n"))
            sh.send("\\.", "insert into t values (1001);")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("No space left on device"), "\(sh.report)")
            #expect(try await server.query("select count(*) || ':' || max(i) from t") == ["1:1001"])
        }
    }
}
