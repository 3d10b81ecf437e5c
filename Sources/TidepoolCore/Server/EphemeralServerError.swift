import Glibc

/// Why a throwaway server could not be started. `description` is the message shown to the user.
public enum EphemeralServerError: Error, CustomStringConvertible, Sendable {
    /// No directory holding `initdb`, `pg_ctl` and `postgres` was found.
    case noServerBinaries
    /// Running as root, but there is no `postgres` OS user to own the cluster.
    case noPostgresUser
    /// A system call failed; `what` names the step.
    case system(what: String, errno: Int32)
    /// A program could not be started at all.
    case cannotRun(program: String, errno: Int32)
    /// `initdb` failed; `output` is what it printed.
    case initdbFailed(output: String)
    /// The server did not start; `output` is pg_ctl's output and the end of the server log.
    case startFailed(output: String)

    public var description: String {
        switch self {
        case .noServerBinaries:
            return "no PostgreSQL server binaries found (install postgresql)"
        case .noPostgresUser:
            return "running as root, the throwaway server needs a `postgres` OS user to own it (install postgresql)"
        case .system(let what, let code):
            return "\(what): \(String(cString: strerror(code)))"
        case .cannotRun(let program, let code):
            return "cannot run \(program): \(String(cString: strerror(code)))"
        case .initdbFailed(let output):
            return "initdb failed:\n\(output)"
        case .startFailed(let output):
            return "the throwaway server did not start:\n\(output)"
        }
    }
}
