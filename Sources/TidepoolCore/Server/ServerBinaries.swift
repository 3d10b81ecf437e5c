import Glibc

/// The directory that holds PostgreSQL's server programs (`initdb`, `pg_ctl`, `postgres`).
struct ServerBinaries: Sendable {
    let directory: String

    var initdb: String { directory + "/initdb" }
    var pgCtl: String { directory + "/pg_ctl" }

    /// Looks where a PostgreSQL installation puts them, in order: `pg_config --bindir`;
    /// /usr/lib/postgresql/<version>/bin, highest version first (Debian installs them there and
    /// not in PATH); every directory in PATH.
    static func locate() throws(EphemeralServerError) -> ServerBinaries {
        for directory in candidateDirectories() where holdsServer(directory) {
            return ServerBinaries(directory: directory)
        }
        throw .noServerBinaries
    }

    static func candidateDirectories() -> [String] {
        var candidates: [String] = []
        if let (status, output) = try? ChildProcess.run(["pg_config", "--bindir"]), status == 0 {
            let directory = output.split(separator: "\n").first.map(String.init) ?? ""
            if !directory.isEmpty { candidates.append(directory) }
        }
        candidates += debianVersionDirectories()
        if let path = getenv("PATH") {
            candidates += String(cString: path).split(separator: ":").map(String.init)
        }
        return candidates
    }

    static func holdsServer(_ directory: String) -> Bool {
        ["initdb", "pg_ctl", "postgres"].allSatisfy { access(directory + "/" + $0, X_OK) == 0 }
    }

    /// /usr/lib/postgresql/*/bin, sorted by version number (so 16 comes before 9.6), highest first.
    private static func debianVersionDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        var versions: [(number: [Int], name: String)] = []
        for name in DirectoryListing.names(in: root) ?? [] {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            let number = parts.compactMap { Int($0) }
            if !number.isEmpty && number.count == parts.count { versions.append((number, name)) }
        }
        versions.sort { $0.number.lexicographicallyPrecedes($1.number) }
        return versions.reversed().map { "\(root)/\($0.name)/bin" }
    }
}
