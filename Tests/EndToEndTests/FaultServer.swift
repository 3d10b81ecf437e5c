import Foundation
import Glibc
import Testing

/// A PostgreSQL cluster of the fault suite's own (scripts/testserver.sh on a free port, in its own
/// directory), so that restarts, SIGSTOP and terminated backends never touch the shared test server.
/// Stopped and deleted by `stop()`; `withFaultServer` makes sure of it.
final class FaultServer: Sendable {
    let directory: String
    let port: UInt16
    let environment: [String: String]
    private let bindir: String
    private let psql: String

    /// Runs `body` with a fresh server, stopping and deleting it afterwards whatever happens.
    static func with<T: Sendable>(_ label: String, _ body: (FaultServer) async throws -> T) async throws -> T {
        let server = try await start(label)
        do {
            let value = try await body(server)
            await server.stop()
            return value
        } catch {
            await server.stop()
            throw error
        }
    }

    private init(directory: String, port: UInt16, environment: [String: String], bindir: String, psql: String) {
        self.directory = directory
        self.port = port
        self.environment = environment
        self.bindir = bindir
        self.psql = psql
    }

    private static func start(_ label: String) async throws -> FaultServer {
        let env = try TestEnvironment.current()
        for _ in 0..<3 {
            // As root the cluster belongs to `postgres`, who must reach it: /tmp, not $TMPDIR under /root.
            let directory = "/tmp/tidepool-fault-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let port = closedLoopbackPort()
            let result = await run("scripts/testserver.sh", ["start", directory, String(port)])
            if result.status == 0 {
                var environment = env.baseEnvironment
                environment["PGHOST"] = "127.0.0.1"
                environment["PGPORT"] = String(port)
                environment["PGUSER"] = "postgres"
                environment["PGDATABASE"] = "postgres"
                let bindir = URL(fileURLWithPath: env.psql).deletingLastPathComponent().path
                return FaultServer(directory: directory, port: port, environment: environment,
                                   bindir: bindir, psql: env.psql)
            }
            _ = await run("scripts/testserver.sh", ["stop", directory])
        }
        throw FaultError("could not start a fault-suite server")
    }

    func stop() async {
        _ = await Self.run("scripts/testserver.sh", ["stop", directory])
    }

    /// `pg_ctl restart -m fast`: every backend is terminated, the postmaster comes back on the same port.
    func restart() async throws {
        let result = await asOwner(bindir + "/pg_ctl", ["-D", directory, "-m", "fast", "-w", "-t", "60",
                                                  "-l", directory + "/server.log", "restart"])
        guard result.status == 0 else { throw FaultError("restart failed: \(result.output)") }
    }

    /// The postmaster and every process it started (backends, background workers).
    func serverProcesses() async throws -> [pid_t] {
        let pidFile = try String(contentsOfFile: directory + "/postmaster.pid", encoding: .utf8)
        guard let line = pidFile.split(separator: "\n").first, let postmaster = pid_t(line) else {
            throw FaultError("no postmaster.pid")
        }
        let children = await Self.run("/usr/bin/pgrep", ["-P", String(postmaster)]).output
            .split(separator: "\n").compactMap { pid_t($0) }
        return [postmaster] + children
    }

    /// SIGSTOP to all of them: the server is there (connections open, the kernel answers) but silent.
    func pause() async throws -> [pid_t] {
        let pids = try await serverProcesses()
        for pid in pids { kill(pid, SIGSTOP) }
        return pids
    }

    func resume(_ pids: [pid_t]) {
        for pid in pids { kill(pid, SIGCONT) }
    }

    /// Runs SQL through psql (another client, never tidepool's own account) and returns the rows of its
    /// single-column result, one value per line (`-A -t`).
    @discardableResult
    func query(_ sql: String, database: String = "postgres") async throws -> [String] {
        var arguments = ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql]
        arguments += ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres"]
        let result = await Self.run(psql, arguments)
        guard result.status == 0 else { throw FaultError("psql failed (\(sql)): \(result.output)") }
        return result.output.split(separator: "\n").map(String.init)
    }

    /// Terminates the backends of tidepool's connections whose current or last query matches `pattern`
    /// (SQL LIKE); returns how many.
    @discardableResult
    func terminate(where condition: String) async throws -> Int {
        let rows = try await query("""
            select count(pg_terminate_backend(pid)) from pg_stat_activity
            where application_name = 'tidepool' and pid <> pg_backend_pid() and \(condition)
            """)
        return Int(rows.first ?? "0") ?? 0
    }

    private func asOwner(_ program: String, _ arguments: [String]) async -> (status: Int32, output: String) {
        if getuid() == 0 {
            return await Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        }
        return await Self.run(program, arguments)
    }

    /// Runs a helper to completion (through ProgramRunner: files, not pipes, so a server it starts
    /// cannot hold our end open); its output and errors together.
    static func run(_ program: String, _ arguments: [String]) async -> (status: Int32, output: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let run = try? await ProgramRunner.run(program, arguments, environment: environment,
                                                     timeout: .seconds(90)) else { return (127, "cannot run \(program)") }
        return (run.exitCode, run.stdoutText + run.stderrText)
    }
}

struct FaultError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
