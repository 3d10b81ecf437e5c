import Foundation

/// Where the server is and which two programs are compared.
///
/// The server comes from libpq's own environment variables (PGHOST, PGPORT, PGUSER), which `make test`
/// sets; both programs read them, so the command lines under test carry no connection flags.
struct TestEnvironment: Sendable {
    /// The reference: psql 15's real binary (not Debian's Perl wrapper in /usr/bin).
    let psql: String
    /// The program under test: `tidepool` beside the test binary, or `TIDEPOOL_BIN`.
    let candidate: String
    /// The environment every child process starts with.
    let baseEnvironment: [String: String]

    /// The name the candidate gives itself in messages (`tidepool`, or `psql` when the harness is
    /// proved against psql itself).
    var candidateName: String { (candidate as NSString).lastPathComponent }

    /// True when the candidate is psql: tests of tidepool's own features are then meaningless.
    var candidateIsReference: Bool { candidateName == "psql" }

    enum Problem: Error, CustomStringConvertible {
        case serverNotConfigured
        case missingBinary(String, hint: String)

        var description: String {
            switch self {
            case .serverNotConfigured:
                return "PGPORT is not set: run the end-to-end tests through `make test`, or set "
                    + "PGHOST=127.0.0.1 PGPORT=54400 PGUSER=postgres yourself"
            case let .missingBinary(path, hint):
                return "no executable at \(path): \(hint)"
            }
        }
    }

    /// The environment of this test run, or an error that says what to do.
    static func current() throws -> TestEnvironment {
        let env = ProcessInfo.processInfo.environment
        guard let port = env["PGPORT"], !port.isEmpty else { throw Problem.serverNotConfigured }

        let psql = referencePsqlPath()
        guard FileManager.default.isExecutableFile(atPath: psql) else {
            throw Problem.missingBinary(psql, hint: "install postgresql-client-15")
        }
        let candidate = env["TIDEPOOL_BIN"].flatMap { $0.isEmpty ? nil : $0 } ?? builtTidepoolPath()
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw Problem.missingBinary(
                candidate, hint: "build it (`swift build`) or point TIDEPOOL_BIN at the program to test")
        }

        var base = env
        // Nothing from the developer's shell may change what either program prints.
        for name in ["PGDATABASE", "PSQLRC", "PSQL_HISTORY", "PAGER", "PSQL_PAGER", "COLUMNS", "PGOPTIONS",
                     "PGCLIENTENCODING", "PGAPPNAME"] {
            base[name] = nil
        }
        base["SWIFT_BACKTRACE"] = "interactive=no"
        return TestEnvironment(psql: psql, candidate: candidate, baseEnvironment: base)
    }

    /// psql 15 as found by `pg_config --bindir`, falling back to Debian's fixed place.
    private static func referencePsqlPath() -> String {
        let fixed = "/usr/lib/postgresql/15/bin/psql"
        if FileManager.default.isExecutableFile(atPath: fixed) { return fixed }
        return pgConfigBindir().map { $0 + "/psql" } ?? fixed
    }

    private static func pgConfigBindir() -> String? {
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_config", "--bindir"]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `swift build` puts `tidepool` in the same directory as the test bundle
    /// (.build/debug/ or .build/<triple>/debug/).
    private static func builtTidepoolPath() -> String {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return ((testBinary as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("tidepool")
    }
}
