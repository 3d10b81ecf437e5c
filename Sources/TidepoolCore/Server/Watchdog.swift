import Glibc

/// A tiny shell process that removes the cluster if tidepool dies without stopping it
/// (SIGKILL, a crash, an `exit` on a path that forgot).
///
/// It does not poll for our pid. It blocks reading a channel — the lifeline — whose only write
/// end we hold (close-on-exec, so no program we start inherits it). The kernel closes that end
/// when we die, however we die, and the read returns at once; pid reuse and zombies cannot
/// fool it. A normal `stop()` kills the watchdog first (it is our child, so its pid cannot have
/// been reused) and then lets go of the lifeline.
///
/// It runs in a session of its own, so a Ctrl-C at the terminal, or a harness killing our
/// process group, does not take it down with us.
struct Watchdog: Sendable {
    let pid: pid_t
    /// The write end of the lifeline.
    private let lifeline: Int32

    /// $1: the scratch directory to remove; $2: the data directory (whose postmaster.pid names
    /// the server). Immediate shutdown: no client is left to finish anything.
    private static let script = """
        read -r _ <&3
        pidfile="$2/postmaster.pid"
        if [ -f "$pidfile" ] && read -r pid < "$pidfile"; then
            kill -QUIT "$pid"
            n=0
            while [ -f "$pidfile" ] && [ "$n" -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
            [ -f "$pidfile" ] && kill -KILL "$pid"
        fi
        rm -rf -- "$1"
        """

    /// Starts a watchdog guarding `directory`, whose cluster lives in `dataDirectory`.
    static func start(guarding directory: String, dataDirectory: String) throws(EphemeralServerError) -> Watchdog {
        let lifeline = try Channel.make()
        defer { close(lifeline.read) }
        do {
            let pid = try ChildProcess.spawnDetached(
                ["/bin/sh", "-c", script, "tidepool-watchdog", directory, dataDirectory], passing: lifeline.read)
            return Watchdog(pid: pid, lifeline: lifeline.write)
        } catch {
            close(lifeline.write)
            throw error
        }
    }

    /// Ends the watchdog without it doing anything: the server is stopped and removed already.
    /// (Killing rather than writing a word on the lifeline: a write to a channel whose reader
    /// died would raise SIGPIPE in tidepool.)
    func release() {
        kill(pid, SIGKILL)
        ChildProcess.wait(for: pid)
        close(lifeline)
    }

    /// Starts `argv` holding the lifeline, and lets go of ours: from then on the watchdog
    /// guards that process instead of us. Tests use it to kill an owner with SIGKILL.
    func handOver(to argv: [String]) throws(EphemeralServerError) -> pid_t {
        let owner = try ChildProcess.spawnDetached(argv, passing: lifeline)
        close(lifeline)
        return owner
    }
}
