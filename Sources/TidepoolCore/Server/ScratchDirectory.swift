import Glibc

/// The private directory that holds a throwaway cluster: its data directory, its Unix socket
/// and its log. Removing it removes every trace of the server.
enum ScratchDirectory {
    /// A Unix socket path may hold at most 107 bytes; the directory name and
    /// "/.s.PGSQL.5432.lock" must fit after the parent.
    private static let longestParent = 80

    /// Creates a fresh directory (mode 0700) under $TMPDIR, or under /tmp when $TMPDIR is unset,
    /// missing, too long for a socket path, or out of the owner's reach; hands it to `owner`.
    static func create(for owner: ClusterOwner) throws(EphemeralServerError) -> String {
        var parent = "/tmp"
        if let tmpdir = getenv("TMPDIR").map({ String(cString: $0) }), tmpdir.hasPrefix("/") {
            let trimmed = tmpdir.count > 1 && tmpdir.hasSuffix("/") ? String(tmpdir.dropLast()) : tmpdir
            var info = stat()
            let isDirectory = stat(trimmed, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            if isDirectory && trimmed.utf8.count <= longestParent && owner.canTraverse(trimmed) { parent = trimmed }
        }
        var template = Array("\(parent)/tidepool-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .system(what: "cannot create a directory under \(parent)", errno: errno)
        }
        let path = String(cString: made)
        do {
            try owner.adopt(path)
        } catch {
            removeTree(path)
            throw error
        }
        return path
    }

    /// Deletes `path` and everything below it, without following symbolic links. Best effort:
    /// whatever cannot be removed is left, and the rest still goes.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in DirectoryListing.names(in: path) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
