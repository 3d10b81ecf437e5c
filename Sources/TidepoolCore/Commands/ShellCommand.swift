import Glibc

/// Shell commands of `\!`, `\o |cmd`, `\g |cmd` and backticks: `/bin/sh -c COMMAND` started with
/// posix_spawn (no fork of a threaded process), default signal handling, and an environment without
/// PGPASSWORD — tidepool never hands a password to a child, in its environment or its arguments.
enum ShellCommand {
    /// Runs `command` with the terminal's stdin/stdout/stderr and waits; returns its exit status, or nil
    /// when it could not be started.
    static func run(_ command: String) -> Int32? {
        guard let pid = spawn(command, stdin: nil, stdout: nil) else { return nil }
        return wait(pid)
    }

    /// Starts `command` reading from a new pipe; returns the pipe's write end and the pid.
    static func startWriting(to command: String) -> (fd: Int32, pid: pid_t)? {
        startPiped(command, childReads: true)
    }

    /// Starts `command` writing into a new pipe; returns the pipe's read end and the pid (`\copy … from program`).
    static func startReading(from command: String) -> (fd: Int32, pid: pid_t)? {
        startPiped(command, childReads: false)
    }

    /// A pipe between tidepool and `command`: the child gets one end as its stdin (or stdout), tidepool keeps
    /// the other, marked close-on-exec so no later child inherits it (a pager would never see end of input).
    private static func startPiped(_ command: String, childReads: Bool) -> (fd: Int32, pid: pid_t)? {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        let (ours, theirs) = childReads ? (fds[1], fds[0]) : (fds[0], fds[1])
        _ = fcntl(ours, F_SETFD, FD_CLOEXEC)
        let pid = childReads ? spawn(command, stdin: theirs, stdout: nil) : spawn(command, stdin: nil, stdout: theirs)
        close(theirs)
        guard let pid else {
            close(ours)
            return nil
        }
        return (ours, pid)
    }

    /// Waits for a child and returns the raw wait status (as pclose does), or -1.
    static func waitStatus(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return status
    }

    /// Runs `command` and returns what it printed on stdout (backticks), or nil when it failed.
    static func capture(_ command: String) -> String? {
        guard let (fd, pid) = startReading(from: command) else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        close(fd)
        guard wait(pid) == 0 else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Waits for a child; its exit status, or 128 + signal.
    @discardableResult
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    static func spawn(_ command: String, stdin: Int32?, stdout: Int32?) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin { posix_spawn_file_actions_adddup2(&actions, stdin, 0) }
        if let stdout { posix_spawn_file_actions_adddup2(&actions, stdout, 1) }

        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { arguments.forEach { free($0) } }
        var environment: [UnsafeMutablePointer<CChar>?] = []
        var entry = environ
        while let pointer = entry.pointee {
            if strncmp(pointer, "PGPASSWORD=", 11) != 0 { environment.append(strdup(pointer)) }
            entry += 1
        }
        environment.append(nil)
        defer { environment.forEach { free($0) } }
        // The buffered output must reach the terminal before the child writes there.
        var pid: pid_t = 0
        let result = withChildSpawnAttributes { attributes in
            posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environment)
        }
        guard result == 0 else { return nil }
        return pid
    }
}

/// Where `\o` and `\g FILE` send results: a file, or a pipe into a shell command.
public final class OutputTarget {
    public let stream: OutputStream
    private let fd: Int32
    private let pid: pid_t?
    private var closed = false
    /// SIGPIPE's disposition before a pipe was opened: a command that exits without reading (`\o |true`) must
    /// not kill the shell, so SIGPIPE is ignored while the pipe is open (psql does the same), then restored.
    private let savedSigpipe: sighandler_t?

    private init(fd: Int32, pid: pid_t?) {
        self.fd = fd
        self.pid = pid
        self.stream = OutputStream(fileDescriptor: fd)
        self.savedSigpipe = pid == nil ? nil : signal(SIGPIPE, SIG_IGN)
    }

    /// Opens `FILE` (created or truncated) or `|COMMAND`; on failure, psql's message (`FILE: reason`).
    static func open(_ spec: String) -> Result<OutputTarget, MessageError> {
        if spec.hasPrefix("|") {
            let command = String(spec.dropFirst())
            guard let (fd, pid) = ShellCommand.startWriting(to: command) else {
                return .failure(MessageError("\(command): \(String(cString: strerror(errno)))"))
            }
            return .success(OutputTarget(fd: fd, pid: pid))
        }
        let fd = Glibc.open(expandTilde(spec), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return .failure(MessageError("\(spec): \(String(cString: strerror(errno)))")) }
        return .success(OutputTarget(fd: fd, pid: nil))
    }

    /// Flushes, closes, and for a pipe waits for the command to finish (psql's pclose).
    public func close() {
        guard !closed else { return }
        closed = true
        stream.flush()
        Glibc.close(fd)
        if let pid { ShellCommand.wait(pid) }
        if let savedSigpipe { signal(SIGPIPE, savedSigpipe) }
    }

    deinit { close() }
}

/// psql's expand_tilde: a leading `~` or `~/` means the home directory.
func expandTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
    return String(cString: home) + path.dropFirst()
}
