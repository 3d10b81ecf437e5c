import Glibc

/// The OS user the cluster's programs run as.
///
/// PostgreSQL refuses to run as root, so when tidepool runs as root the cluster belongs to the
/// `postgres` user (which Debian's postgresql package creates) and its programs run through
/// `runuser`. Otherwise it belongs to whoever runs tidepool.
enum ClusterOwner: Sendable {
    case currentUser
    case systemUser(uid: uid_t, gid: gid_t, runuser: String)

    static func forCurrentProcess() throws(EphemeralServerError) -> ClusterOwner {
        guard geteuid() == 0 else { return .currentUser }
        guard let entry = getpwnam("postgres") else { throw .noPostgresUser }
        let installed = ["/usr/sbin/runuser", "/sbin/runuser"].first { (path: String) in access(path, X_OK) == 0 }
        let runuser = installed ?? "runuser"
        return .systemUser(uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, runuser: runuser)
    }

    /// The command line that runs `argv` as this owner.
    func command(_ argv: [String]) -> [String] {
        switch self {
        case .currentUser: return argv
        case .systemUser(_, _, let runuser): return [runuser, "-u", "postgres", "--"] + argv
        }
    }

    /// Hands `path` over to the owner (a no-op for the current user).
    func adopt(_ path: String) throws(EphemeralServerError) {
        guard case .systemUser(let uid, let gid, _) = self else { return }
        guard chown(path, uid, gid) == 0 else { throw .system(what: "chown \(path)", errno: errno) }
    }

    /// Whether the owner can reach files under `directory`: as another user, every directory on
    /// the way needs search permission for others (a TMPDIR under /root would not do).
    func canTraverse(_ directory: String) -> Bool {
        guard case .systemUser(let uid, _, _) = self else { return true }
        var path = directory
        while !path.isEmpty {
            var info = stat()
            guard stat(path, &info) == 0 else { return false }
            let searchable = info.st_uid == uid ? info.st_mode & S_IXUSR != 0 : info.st_mode & S_IXOTH != 0
            if !searchable { return false }
            guard let slash = path.lastIndex(of: "/") else { break }
            path = String(path[..<slash])
        }
        return true
    }
}
