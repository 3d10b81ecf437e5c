import Foundation

/// Fresh databases for one test, made and dropped through a maintenance connection (psql on the
/// `postgres` database), so that tests running in parallel never share server state.
enum ScratchDatabases {
    struct MaintenanceFailed: Error, CustomStringConvertible {
        let statement: String
        let run: ProgramRun
        var description: String { "\(statement) failed (exit \(run.exitCode)): \(run.stderrText)" }
    }

    /// A database name PostgreSQL accepts unquoted (at most 63 bytes), unique to this process:
    /// `<prefix>_<label>_<pid>_<suffix>`, with the label cut to fit.
    static func name(prefix: String, label: String, suffix: String) -> String {
        let slug = String(label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }
            .prefix(40))
        return "\(prefix)_\(slug)_\(getpid())_\(suffix)"
    }

    /// Creates the databases, runs `body`, and drops them whether or not `body` threw.
    static func with<T: Sendable>(
        _ names: [String], in environment: TestEnvironment,
        _ body: () async throws -> T
    ) async throws -> T {
        for name in names {
            // A previous run killed halfway may have left one behind.
            try await maintenance("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", environment)
            try await maintenance("CREATE DATABASE \(name)", environment)
        }
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        for name in names {
            // FORCE: a candidate that left a connection open must not make the drop fail.
            try await maintenance("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", environment)
        }
        return try result.get()
    }

    private static func maintenance(_ statement: String, _ environment: TestEnvironment) async throws {
        var childEnvironment = environment.baseEnvironment
        childEnvironment["PGDATABASE"] = "postgres"
        let run = try await ProgramRunner.run(
            environment.psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
            environment: childEnvironment, timeout: .seconds(60))
        guard run.exitCode == 0 else { throw MaintenanceFailed(statement: statement, run: run) }
    }
}
