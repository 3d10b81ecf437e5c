import Foundation
import Glibc
import Testing

/// tidepool driven step by step: its stdin is a pipe the test writes lines into (a script, no
/// terminal), stdout and stderr go to files the test polls. Between steps the test breaks something.
///
/// Started with posix_spawn, not Foundation's Process: the child must get no blocked signals and
/// default dispositions (the test runner blocks some; Ctrl-C cases need SIGINT delivered), and our
/// end of the pipe must not leak into programs started later (a restarted postmaster would hold it
/// open and the shell would never see end of input).
final class FaultShell: @unchecked Sendable {
    // @unchecked: one test task drives a FaultShell; its mutable state (the stdin descriptor and the
    // exit status) is only touched from that task, never from two threads at once.
    let pid: pid_t
    private var stdinFD: Int32
    private let directory: String
    private var status: Int32?

    /// `program` is the shell to start: the candidate unless a test compares with psql.
    init(_ arguments: [String], environment: [String: String], program: String? = nil) throws {
        let env = try TestEnvironment.current()
        let program = program ?? env.candidate
        directory = NSTemporaryDirectory() + "tidepool-faultshell-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw FaultError("pipe: \(errno)") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        stdinFD = fds[1]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, directory + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, directory + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([program, "-X"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, program, &actions, &attributes, argv, envp)
        close(fds[0])
        guard result == 0 else {
            close(fds[1])
            throw FaultError("cannot start \(program): \(result)")
        }
        pid = child
    }

    deinit {
        if status == nil {
            kill(pid, SIGKILL)
            var ignored: Int32 = 0
            waitpid(pid, &ignored, 0)
        }
        if stdinFD >= 0 { close(stdinFD) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    var stdout: String { (try? String(contentsOfFile: directory + "/out", encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: directory + "/err", encoding: .utf8)) ?? "" }

    /// Writes lines to tidepool's stdin (a "\n" is added to each).
    func send(_ lines: String...) {
        guard stdinFD >= 0 else { return }
        for line in lines {
            let bytes = Array((line + "\n").utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(stdinFD, $0.baseAddress, $0.count) }
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// Waits until stdout (or stderr) contains `text`; false after `timeout` or once the shell is gone.
    @discardableResult
    func waitFor(_ text: String, inStderr: Bool = false, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (inStderr ? stderr : stdout).contains(text) { return true }
            if !isRunning { return (inStderr ? stderr : stdout).contains(text) }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Ends the script (EOF) and waits for the exit status; nil if it did not exit within `timeout`
    /// (it is then killed).
    func finish(timeout: Duration = .seconds(60)) async -> Int32? {
        closeInput()
        return await waitForExit(timeout: timeout)
    }

    func closeInput() {
        if stdinFD >= 0 { close(stdinFD) }
        stdinFD = -1
    }

    var isRunning: Bool {
        if status != nil { return false }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
        let signal = raw & 0x7f
        status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
        return false
    }

    /// The exit status (128 + N after signal N), or nil after `timeout` — then the shell is killed
    /// unless `killing` is false.
    func waitForExit(timeout: Duration, killing: Bool = true) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            if ContinuousClock.now >= deadline {
                guard killing else { return nil }
                kill(pid, SIGKILL)
                while isRunning { try? await Task.sleep(for: .milliseconds(10)) }
                return nil
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return status
    }

    /// The exit status once the shell has ended.
    var exitStatus: Int32? { isRunning ? nil : status }

    func signal(_ number: Int32) { kill(pid, number) }

    var report: String { "stdout:\n\(stdout)\nstderr:\n\(stderr)" }
}
