import Glibc

/// The running server, known by the pid that the first line of `postmaster.pid` records.
///
/// The postmaster is not our child (pg_ctl starts it in a session of its own and it is
/// re-parented), so it is stopped with signals, as pg_ctl does, without waiting for pg_ctl's
/// 100 ms polling — and without `runuser`: root may signal the `postgres` user's processes.
struct Postmaster: Sendable {
    let pid: pid_t

    /// The postmaster running in `dataDirectory`, if its pid file names one.
    static func running(in dataDirectory: String) -> Postmaster? {
        let firstLine = FileContents.read(path: dataDirectory + "/postmaster.pid")?.split(separator: "\n").first
        guard let pid = firstLine.flatMap({ pid_t($0) }), pid > 0 else { return nil }
        return Postmaster(pid: pid)
    }

    /// Whether the server process is still there. A zombie counts as gone: it holds nothing, and
    /// whether it is reaped is up to its parent (init, or whatever a container runs as pid 1).
    var isRunning: Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = FileContents.read(path: "/proc/\(pid)/stat"),
              let endOfName = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: endOfName)...].dropFirst().first != "Z"
    }

    /// Stops the server: fast shutdown (sessions end, a checkpoint is written, which costs nothing
    /// with fsync off), then immediate, then SIGKILL — each given a few seconds.
    func shutDown() {
        for (signal, patience) in [(SIGINT, 5.0), (SIGQUIT, 3.0), (SIGKILL, 1.0)] {
            guard isRunning else { return }
            kill(pid, signal)
            if waitUntilGone(seconds: patience) { return }
        }
    }

    private func waitUntilGone(seconds: Double) -> Bool {
        let step: UInt32 = 5_000
        for _ in 0..<Int(seconds * 1_000_000 / Double(step)) {
            if !isRunning { return true }
            usleep(step)
        }
        return !isRunning
    }
}
