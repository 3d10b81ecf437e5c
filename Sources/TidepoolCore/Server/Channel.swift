import Glibc

enum Channel {
    /// A connected pair of descriptors (read end, write end), both close-on-exec from birth so
    /// that no program another thread starts meanwhile inherits them. A socket pair rather than
    /// a pipe because Swift does not import `pipe2` (it is behind _GNU_SOURCE); reading it from a
    /// child's stdout, or from `sh`'s `read`, works the same.
    static func make() throws(EphemeralServerError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &ends) == 0 else { throw .system(what: "socketpair", errno: errno) }
        return (ends[0], ends[1])
    }
}
