import Foundation
import Glibc
import Testing

/// Issue 3, self-healing: a session connection that dies while idle is re-established before the next
/// statement, with the session's SETs replayed; a server restart between statements goes unnoticed but for
/// one notice. The script pauses (sleep) between statements while the test kills backends or restarts.
@Suite("Self-healing session connection", .serialized)
struct SelfHealingTests {
    let env: TestEnvironment

    init() throws { env = try TestEnvironment.current() }

    @Test("after pg_terminate_backend of every tidepool backend the next statement succeeds with its SETs")
    func terminatedBackendsAreReplaced() async throws {
        let db = ScratchDatabases.name(prefix: "heal", label: "terminate", suffix: "a")
        try await ScratchDatabases.with([db], in: env) {
            var environment = env.baseEnvironment
            environment["PGDATABASE"] = db
            let script = "(printf 'create schema other;\\nset search_path = other, public;\\nselect 1 as before;\\n'; "
                + "sleep 1.5; printf 'show search_path;\\nselect 2 as after;\\n') | \(shellQuoted(env.candidate)) -X"
            async let run = ProgramRunner.run("/bin/sh", ["-c", script], environment: environment)
            try await Task.sleep(for: .milliseconds(700))
            let kill = try await ProgramRunner.run(env.psql, ["-X", "-A", "-t", "-c",
                "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = '\(db)' and application_name = 'tidepool'"],
                environment: environment)
            #expect(kill.exitCode == 0)
            #expect(Int(kill.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 1)
            let result = try await run
            #expect(result.exitCode == 0, "\(result.stderrText)")
            #expect(result.stdoutText.contains(" other, public\n"), "search_path was replayed: \(result.stdoutText)")
            #expect(result.stdoutText.contains("after \n-------\n     2\n"))
            #expect(result.stderrText.contains("reconnected and restored 1 session setting"))
            #expect(!result.stderrText.contains("ERROR"))
        }
    }

    @Test("a fast restart of the server between two statements: the second succeeds")
    func serverRestartBetweenStatements() async throws {
        let dir = NSTemporaryDirectory() + "tp-heal-\(getpid())"
        let port = 55000 + Int(getpid() % 400)
        let script = FileManager.default.currentDirectoryPath + "/scripts/testserver.sh"
        let start = try await ProgramRunner.run(script, ["start", dir, String(port)], environment: env.baseEnvironment)
        try #require(start.exitCode == 0, "\(start.stderrText)")
        defer { _ = try? runSync(script, ["stop", dir]) }
        var environment = env.baseEnvironment
        environment["PGHOST"] = "127.0.0.1"
        environment["PGPORT"] = String(port)
        environment["PGDATABASE"] = "postgres"
        let shell = "(printf 'select 1 as before;\\n'; sleep 3; printf 'select 2 as after;\\n') | \(shellQuoted(env.candidate)) -X"
        async let run = ProgramRunner.run("/bin/sh", ["-c", shell], environment: environment)
        try await Task.sleep(for: .milliseconds(700))
        let restart = try await ProgramRunner.run("/usr/sbin/runuser", ["-u", "postgres", "--",
            "/usr/lib/postgresql/15/bin/pg_ctl", "-D", dir, "-m", "fast", "-w", "restart", "-l", dir + "/server.log"],
            environment: env.baseEnvironment)
        #expect(restart.exitCode == 0, "\(restart.stderrText)")
        let result = try await run
        #expect(result.exitCode == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("after \n-------\n     2\n"))
        #expect(result.stderrText.contains("reconnected"))
    }
}

/// Runs a command to completion synchronously (for clean-up in defer).
private func runSync(_ path: String, _ args: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = args
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}
