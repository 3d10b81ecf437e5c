import Glibc

/// Programs run with `posix_spawn`: no Foundation, and no `fork()` of a multi-threaded process.
///
/// Every child starts with default signal dispositions and an empty signal mask (whatever the
/// shell installed for itself must not leak into initdb or the postmaster), stdin on /dev/null,
/// and no descriptors beyond those it is given: a stray inherited pipe would keep a test
/// harness that reads tidepool's output waiting for as long as the server lives.
enum ChildProcess {
    /// Runs `argv` to completion (argv[0] is searched in PATH when it has no slash) and returns
    /// its exit status — 128 + the signal number if a signal ended it — and what it printed on
    /// stdout and stderr together.
    static func run(_ argv: [String]) throws(EphemeralServerError) -> (status: Int32, output: String) {
        let channel = try Channel.make()
        defer { close(channel.read) }
        let pid: pid_t
        do {
            pid = try spawn(argv, stdout: channel.write, newSession: false, extraDescriptor: nil)
        } catch {
            close(channel.write)
            throw error
        }
        close(channel.write)
        let output = FileContents.read(descriptor: channel.read)
        return (wait(for: pid), output)
    }

    /// Starts `argv` in a session of its own, so that a Ctrl-C at the terminal does not reach it,
    /// with stdout and stderr on /dev/null and `descriptor` as its fd 3. Returns the pid;
    /// the caller reaps it with `wait(for:)`.
    static func spawnDetached(_ argv: [String], passing descriptor: Int32) throws(EphemeralServerError) -> pid_t {
        try spawn(argv, stdout: nil, newSession: true, extraDescriptor: descriptor)
    }

    /// Waits for `pid` to end; returns its exit status as `run` does, or -1 if it is not our child
    /// (someone else reaped it).
    @discardableResult
    static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    // MARK: - Spawning

    /// glibc's POSIX_SPAWN_SETSID, which Swift does not import (it is behind _GNU_SOURCE).
    private static func spawn(
        _ argv: [String], stdout: Int32?, newSession: Bool, extraDescriptor: Int32?
    ) throws(EphemeralServerError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdout {
            posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        if let extraDescriptor {
            posix_spawn_file_actions_adddup2(&actions, extraDescriptor, 3)
        }
        closeDescriptors(from: extraDescriptor == nil ? 3 : 4, in: &actions)

        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = withChildSpawnAttributes(newSession: newSession) { attributes in
            posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, environ)
        }
        guard result == 0 else { throw .cannotRun(program: argv[0], errno: result) }
        return pid
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// glibc 2.34+ can close every descriptor from `first` on in the child; Swift does not import
    /// the function (it is behind _GNU_SOURCE), so it is looked up at run time. Without it, children
    /// inherit only what lacks FD_CLOEXEC, as before.
    private static func closeDescriptors(from first: Int32, in actions: inout posix_spawn_file_actions_t) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, first)
    }
}
