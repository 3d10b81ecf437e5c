import Foundation
import Glibc
import Testing

/// Issue 8: tidepool through PgBouncer (Debian's package, scripts/install-deps.sh installs it for
/// `make test`), started by the test on loopback in front of a cluster of the test's own, in session
/// and in transaction pooling mode.
/// Debian's PgBouncer; the suite is skipped where it is not installed.
let pgBouncerBinary = "/usr/sbin/pgbouncer"

@Suite("Through PgBouncer", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: pgBouncerBinary)))
struct BouncerTests {

    /// A PgBouncer of the test's own; `environment` points libpq at it.
    struct Bouncer {
        let directory: String
        let environment: [String: String]

        static func start(in server: FaultServer, mode: String) async throws -> Bouncer {
            let directory = "/tmp/tidepool-bouncer-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let port = closedLoopbackPort()
            try """
                [databases]
                * = host=127.0.0.1 port=\(server.port)
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = \(port)
                unix_socket_dir =
                auth_type = trust
                auth_file = \(directory)/users.txt
                pool_mode = \(mode)
                default_pool_size = 4
                max_client_conn = 50
                logfile = \(directory)/pgbouncer.log
                pidfile = \(directory)/pgbouncer.pid
                ignore_startup_parameters = extra_float_digits

                """.write(toFile: directory + "/pgbouncer.ini", atomically: true, encoding: .utf8)
            try "\"postgres\" \"\"\n".write(toFile: directory + "/users.txt", atomically: true, encoding: .utf8)
            // PgBouncer will not run as root: as root it runs as `postgres`, who must write its pid file.
            var command = [pgBouncerBinary, "-d", directory + "/pgbouncer.ini"]
            if getuid() == 0 {
                _ = await FaultServer.run("/bin/chown", ["-R", "postgres:", directory])
                command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command
            }
            let started = await FaultServer.run(command[0], Array(command.dropFirst()))
            guard started.status == 0 else { throw FaultError("pgbouncer: \(started.output)") }
            var environment = server.environment
            environment["PGPORT"] = String(port)
            let bouncer = Bouncer(directory: directory, environment: environment)
            // -d returns before it listens: wait for it to answer.
            for _ in 0..<50 {
                let env = try TestEnvironment.current()
                let probe = try await ProgramRunner.run(env.psql, ["-X", "-Atc", "select 1"], environment: environment,
                                                        timeout: .seconds(5))
                if probe.exitCode == 0 { return bouncer }
                try await Task.sleep(for: .milliseconds(100))
            }
            await bouncer.stop()
            throw FaultError("pgbouncer did not answer")
        }

        func stop() async {
            if let text = try? String(contentsOfFile: directory + "/pgbouncer.pid", encoding: .utf8),
               let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                kill(pid, SIGTERM)
                for _ in 0..<50 where kill(pid, 0) == 0 { try? await Task.sleep(for: .milliseconds(50)) }
            }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    private func withBouncer(_ mode: String, _ body: (FaultServer, Bouncer) async throws -> Void) async throws {
        try await FaultServer.with("bouncer-\(mode)") { server in
            let bouncer = try await Bouncer.start(in: server, mode: mode)
            do {
                try await body(server, bouncer)
                await bouncer.stop()
            } catch {
                await bouncer.stop()
                throw error
            }
        }
    }

    /// Queries, jobs, \pool and auto-rollback, the same script in both modes.
    static let script = [
        "create table t(i int);",
        "insert into t values (1);",
        "insert into t select 2 from pg_sleep(0.2) \\&",
        "insert into t select 3 from pg_sleep(0.2) \\&",
        "\\wait",
        "begin;", "insert into t values (4);", "select 1/0;", "insert into t values (5);", "commit;",
        "\\pool",
        "set application_name = 'set_outside';",
        "set work_mem = '7MB';",
        "select count(*) as total from t;",
    ]

    @Test("transaction mode: queries, jobs, \\pool and auto-rollback work; SET outside a block warns once")
    func transactionMode() async throws {
        try await withBouncer("transaction") { server, bouncer in
            let sh = try FaultShell(["-A", "-t", "--pool-max", "3"], environment: bouncer.environment)
            for line in Self.script { sh.send(line) }
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stdout.contains("Pool: "), "\(sh.report)")
            #expect(sh.stdout.hasSuffix("3\n"), "\(sh.report)")
            #expect(sh.stderr.contains("ROLLBACK: the transaction block was rolled back"), "\(sh.report)")
            let warnings = sh.stderr.components(separatedBy: "connected through PgBouncer in transaction pooling mode").count - 1
            #expect(warnings == 1, "\(sh.report)")
            #expect(sh.stderr.contains("a SET outside a transaction block is not kept"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1,2,3}"])
        }
    }

    @Test("transaction mode: a temporary table warns too")
    func transactionModeTemporaryTable() async throws {
        try await withBouncer("transaction") { _, bouncer in
            let sh = try FaultShell(["-A", "-t"], environment: bouncer.environment)
            sh.send("create temporary table scratch(i int);", "listen something;")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stderr.contains("session state (a temporary table"), "\(sh.report)")
            #expect(sh.stderr.components(separatedBy: "WARNING:  connected through PgBouncer").count == 2, "\(sh.report)")
        }
    }

    @Test("session mode: the same script, no warning, and SET stays with the session")
    func sessionMode() async throws {
        try await withBouncer("session") { server, bouncer in
            let sh = try FaultShell(["-A", "-t", "--pool-max", "3"], environment: bouncer.environment)
            for line in Self.script { sh.send(line) }
            sh.send("show work_mem;")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(sh.stdout.hasSuffix("3\n7MB\n"), "\(sh.report)")
            #expect(!sh.stderr.contains("PgBouncer"), "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1,2,3}"])
        }
    }

    @Test("session mode: the server connection terminated while idle; the session reconnects through PgBouncer")
    func sessionModeReconnect() async throws {
        try await withBouncer("session") { server, bouncer in
            let sh = try FaultShell(["-A", "-t"], environment: bouncer.environment)
            sh.send("create table t(i int);", "insert into t values (1);", "\\echo step1")
            #expect(await sh.waitFor("step1"))
            #expect(try await server.terminate(where: "query like 'insert into t values (1%'") == 1)
            sh.send("insert into t values (2);")
            let status = await sh.finish()
            #expect(status == 0, "\(sh.report)")
            #expect(try await server.query("select array_agg(i order by i) from t") == ["{1,2}"])
        }
    }
}
