import Glibc

/// A throwaway PostgreSQL cluster: created in a private temporary directory, reachable only
/// through a Unix socket in that directory, removed without a trace when tidepool ends.
///
/// Layout of the directory (`socketDirectory`): `data/` (the cluster), the socket
/// `.s.PGSQL.5432`, and `server.log`.
///
/// Cleanup happens on every path: `stop()` on a normal exit (the shell calls it on \q, EOF,
/// error exits and SIGTERM; `deinit` calls it too), and a `Watchdog` process when tidepool is
/// killed or crashes.
public final class EphemeralServer: Sendable {
    /// libpq connection string for the new server.
    public let conninfo: String
    /// The temporary directory that holds the socket, the cluster and its log.
    public let socketDirectory: String
    /// The port number in the socket's name (`.s.PGSQL.<port>`); nothing listens on TCP.
    public let port: Int

    let postmaster: Postmaster
    private let watchdog: Locked<Watchdog?>

    /// The socket name is private to the directory, so the default port never collides.
    static let defaultPort = 5432

    private init(directory: String, postmaster: Postmaster, watchdog: Watchdog) {
        self.socketDirectory = directory
        self.port = Self.defaultPort
        self.postmaster = postmaster
        self.watchdog = Locked(watchdog)
        self.conninfo = "host=\(Self.quoted(directory)) port=\(port) user=postgres dbname=postgres"
    }

    deinit { stop() }

    /// Finds the server binaries (pg_config --bindir, /usr/lib/postgresql/*/bin highest version
    /// first, PATH), creates a temporary directory (under $TMPDIR or /tmp), initdb's a cluster
    /// there — as the `postgres` OS user when running as root — starts it with durability off,
    /// listening on a Unix socket in that directory only, and returns once it accepts connections.
    /// `log` receives a line for each step worth telling the user about.
    public static func start(log: (String) -> Void) throws(EphemeralServerError) -> EphemeralServer {
        let binaries = try ServerBinaries.locate()
        let owner = try ClusterOwner.forCurrentProcess()
        let directory = try ScratchDirectory.create(for: owner)
        let dataDirectory = directory + "/data"
        let watchdog: Watchdog
        do {
            watchdog = try Watchdog.start(guarding: directory, dataDirectory: dataDirectory)
        } catch {
            ScratchDirectory.removeTree(directory)
            throw error
        }
        do {
            log("creating a throwaway PostgreSQL cluster in \(directory)")
            try ClusterSetup.initialize(dataDirectory, binaries: binaries, owner: owner)
            try ClusterSetup.configure(dataDirectory, socketDirectory: directory, port: defaultPort)
            let postmaster = try ClusterSetup.startServer(
                dataDirectory, log: directory + "/server.log", binaries: binaries, owner: owner)
            log("PostgreSQL \(ClusterSetup.version(of: dataDirectory)) is ready on \(directory)")
            return EphemeralServer(directory: directory, postmaster: postmaster, watchdog: watchdog)
        } catch {
            Postmaster.running(in: dataDirectory)?.shutDown()
            ScratchDirectory.removeTree(directory)
            watchdog.release()
            throw error
        }
    }

    /// Stops the server (fast shutdown, then immediate if it lingers) and deletes the directory.
    /// Idempotent, and safe to call from any thread.
    public func stop() {
        watchdog.withLock { watchdog in
            guard let running = watchdog else { return }
            postmaster.shutDown()
            ScratchDirectory.removeTree(socketDirectory)
            running.release()
            watchdog = nil
        }
    }

    /// Makes a new process, started from `argv`, the server's owner in our place: when it dies,
    /// the watchdog stops the server and removes the directory. Tests use it to see that
    /// happen after a SIGKILL; `stop()` does nothing afterwards. Returns the new owner's pid.
    func handOverOwnership(to argv: [String]) throws(EphemeralServerError) -> pid_t {
        try watchdog.withLock { (watchdog: inout Watchdog?) throws(EphemeralServerError) -> pid_t in
            guard let running = watchdog else { throw .system(what: "the server is stopped", errno: ESRCH) }
            let owner = try running.handOver(to: argv)
            watchdog = nil
            return owner
        }
    }

    /// A conninfo value, quoted when it holds what would end or escape it.
    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "'" || $0 == "\\" }) else { return value }
        var escaped = ""
        for character in value {
            if character == "'" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "'\(escaped)'"
    }
}
