import Glibc

/// The steps that make a running cluster out of an empty directory.
enum ClusterSetup {
    /// Runs initdb: UTF-8, trust authentication (only the owner can reach the socket directory),
    /// and no fsync of the new files — the cluster lives for one session.
    static func initialize(
        _ dataDirectory: String, binaries: ServerBinaries, owner: ClusterOwner
    ) throws(EphemeralServerError) {
        let arguments = [
            binaries.initdb, "-D", dataDirectory, "-U", "postgres", "-E", "UTF8",
            "--locale=\(preferredLocale)", "-A", "trust", "--no-sync",
        ]
        let (status, output) = try ChildProcess.run(owner.command(arguments))
        guard status == 0 else { throw .initdbFailed(output: output) }
    }

    /// Appends the throwaway settings to postgresql.conf: no TCP at all, the socket in our
    /// private directory, and durability off (nothing here must survive a crash).
    static func configure(_ dataDirectory: String, socketDirectory: String, port: Int) throws(EphemeralServerError) {
        let quotedDirectory = socketDirectory.replacingAll("'", with: "''")
        let settings = """

            # tidepool --ephemeral
            listen_addresses = ''
            unix_socket_directories = '\(quotedDirectory)'
            port = \(port)
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """
        let path = dataDirectory + "/postgresql.conf"
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(what: "open \(path)", errno: errno) }
        defer { close(descriptor) }
        let written = settings.withCString { write(descriptor, $0, strlen($0)) }
        guard written == settings.utf8.count else { throw .system(what: "write \(path)", errno: errno) }
    }

    /// Starts the server with `pg_ctl -w`, which returns once the server accepts connections.
    static func startServer(
        _ dataDirectory: String, log: String, binaries: ServerBinaries, owner: ClusterOwner
    ) throws(EphemeralServerError) -> Postmaster {
        let arguments = [binaries.pgCtl, "-D", dataDirectory, "-l", log, "-w", "-t", "60", "-s", "start"]
        let (status, output) = try ChildProcess.run(owner.command(arguments))
        guard status == 0, let postmaster = Postmaster.running(in: dataDirectory) else {
            throw .startFailed(output: output + tail(of: log, lines: 20))
        }
        return postmaster
    }

    /// The server's major version, as initdb recorded it (e.g. "15").
    static func version(of dataDirectory: String) -> String {
        (FileContents.read(path: dataDirectory + "/PG_VERSION") ?? "").split(separator: "\n").first.map(String.init) ?? "?"
    }

    /// C.UTF-8 where the C library has it (glibc 2.35 and later always do): character
    /// classification then works for every language, with byte-order (fast) collation.
    private static var preferredLocale: String {
        guard let locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) else { return "C" }
        freelocale(locale)
        return "C.UTF-8"
    }

    private static func tail(of path: String, lines count: Int) -> String {
        guard let text = FileContents.read(path: path) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
