import Foundation
import Glibc
import Testing

/// Everything a finished program left behind.
struct ProgramRun: Sendable, CustomTestStringConvertible {
    let executable: String
    let arguments: [String]
    /// How many bytes the program was given on stdin.
    let stdinByteCount: Int
    let stdout: [UInt8]
    let stderr: [UInt8]
    /// The exit status; 128 + N when signal N killed the program, as a shell reports it.
    let exitCode: Int32
    /// The signal that killed the program, if one did (a crash, or our timeout).
    let signal: Int32?
    let timedOut: Bool

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// Short, for Swift Testing's expansion of expressions.
    var testDescription: String {
        "\(commandLine) → exit \(exitCode), \(stdout.count) bytes out, \(stderr.count) bytes err"
    }

    /// The command as a shell would show it, for failure messages.
    var commandLine: String {
        let command = ([executable] + arguments).map(shellQuoted).joined(separator: " ")
        return stdinByteCount > 0 ? command + " < [\(stdinByteCount) bytes]" : command
    }
}

/// Single-quotes a word for display when it holds anything a shell would treat specially.
func shellQuoted(_ word: String) -> String {
    let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_=./,:@%+".contains($0) }
    if plain && !word.isEmpty { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Runs programs with stdin, stdout and stderr connected to files, never to pipes: a 20 MB result or a
/// child that forgets to read its input can then never deadlock the test, and parallel tests cannot
/// inherit one another's pipe ends.
enum ProgramRunner {
    struct SpawnFailed: Error, CustomStringConvertible {
        let executable: String
        let errno: Int32
        var description: String { "cannot start \(executable): \(String(cString: strerror(errno)))" }
    }

    /// Runs `executable` to completion (or kills its process group after `timeout`, times
    /// `Sanitizer.timeScale`).
    static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: [UInt8] = [],
        environment: [String: String],
        timeout: Duration = .seconds(120)
    ) async throws -> ProgramRun {
        let directory = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inputPath = directory + "/stdin"
        let outputPath = directory + "/stdout"
        let errorPath = directory + "/stderr"
        try Data(stdin).write(to: URL(fileURLWithPath: inputPath))

        let pid = try spawn(executable, arguments, environment: environment,
                            stdin: inputPath, stdout: outputPath, stderr: errorPath)
        let (status, timedOut) = try await waitForExit(pid, timeout: timeout)

        let termination = status & 0x7f
        let signal: Int32? = termination == 0 ? nil : termination
        let exitCode = signal.map { 128 + $0 } ?? ((status >> 8) & 0xff)
        return ProgramRun(
            executable: executable,
            arguments: arguments,
            stdinByteCount: stdin.count,
            stdout: try [UInt8](Data(contentsOf: URL(fileURLWithPath: outputPath))),
            stderr: try [UInt8](Data(contentsOf: URL(fileURLWithPath: errorPath))),
            exitCode: exitCode,
            signal: signal,
            timedOut: timedOut
        )
    }

    private static func makeScratchDirectory() throws -> String {
        var template = Array("/tmp/e2e-run-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SpawnFailed(executable: "mkdtemp", errno: errno) }
        return String(cString: made)
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String],
        stdin: String, stdout: String, stderr: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // The child gets its own process group (so a timeout can kill all it started), default
        // dispositions for the signals a test runner may ignore, and no blocked signals.
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
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnFailed(executable: executable, errno: result) }
        return pid
    }

    /// Polls rather than blocks in waitpid, so a hung child costs no thread of the test runner.
    private static func waitForExit(_ pid: pid_t, timeout: Duration) async throws -> (Int32, Bool) {
        let deadline = ContinuousClock.now + timeout * Sanitizer.timeScale
        var status: Int32 = 0
        var pause = Duration.milliseconds(1)
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return (status, false) }
            if reaped < 0 && errno != EINTR { throw SpawnFailed(executable: "waitpid", errno: errno) }
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return (status, true)
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(20))
        }
    }
}
