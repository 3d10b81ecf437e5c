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
    /// `<prefix>_<label>_<pid>_<suffix>`. A long label is cut and followed by a hash of the whole, so
    /// two labels that share a long prefix still get different databases.
    static func name(prefix: String, label: String, suffix: String) -> String {
        var slug = String(label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        if slug.count > 40 {
            // FNV-1a: stable across runs, unlike Hasher.
            let hash = label.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
            slug = slug.prefix(31) + "_" + String(hash, radix: 16)
        }
        return "\(prefix)_\(slug)_\(getpid())_\(suffix)"
    }

    /// Creates the databases, runs `body`, and drops them whether or not `body` threw. Holds a place
    /// in `ConcurrencyLimit.server` throughout, which bounds the connections the tests open.
    static func with<T: Sendable>(
        _ names: [String], in environment: TestEnvironment,
        _ body: () async throws -> T
    ) async throws -> T {
        try await ConcurrencyLimit.server.run {
            try await withoutLimit(names, in: environment, body)
        }
    }

    private static func withoutLimit<T: Sendable>(
        _ names: [String], in environment: TestEnvironment,
        _ body: () async throws -> T
    ) async throws -> T {
        let result: Result<T, any Error>
        do {
            for name in names {
                // A previous run killed halfway may have left one behind.
                try await maintenance("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", environment)
                try await maintenance("CREATE DATABASE \(name)", environment)
            }
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        // Every name, even when creating a later one failed. FORCE: a candidate that left a
        // connection open must not make the drop fail.
        var dropFailure: (any Error)?
        for name in names {
            do {
                try await maintenance("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", environment)
            } catch {
                dropFailure = dropFailure ?? error
            }
        }
        let value = try result.get()
        if let dropFailure { throw dropFailure }
        return value
    }

    /// Runs one statement on the `postgres` database. A full server ("too many clients", other test
    /// suites share it) is waited out rather than reported as a failure of the program under test.
    private static func maintenance(_ statement: String, _ environment: TestEnvironment) async throws {
        var childEnvironment = environment.baseEnvironment
        childEnvironment["PGDATABASE"] = "postgres"
        var pause = Duration.milliseconds(100)
        for attempt in 1...12 {
            let run = try await ProgramRunner.run(
                environment.psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
                environment: childEnvironment, timeout: .seconds(60))
            if run.exitCode == 0 { return }
            let transient = run.stderrText.contains("too many clients")
                || run.stderrText.contains("remaining connection slots are reserved")
            guard transient && attempt < 12 else { throw MaintenanceFailed(statement: statement, run: run) }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(2))
        }
    }
}
