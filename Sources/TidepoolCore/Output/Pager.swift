import Glibc

/// Output taller or wider than the terminal goes through `$PSQL_PAGER`, `$PAGER` or `less -S` (psql's rule,
/// with tidepool's default keeping wide tables unwrapped). `\pset pager off|on|always` decides; an empty
/// PSQL_PAGER/PAGER turns paging off, as in psql.
public enum Pager {
    /// The pager command line, or nil when the environment says not to page.
    public static func command() -> String? {
        for name in ["PSQL_PAGER", "PAGER"] {
            if let value = getenv(name) {
                let text = String(cString: value)
                return text.allSatisfy({ $0 == " " || $0 == "\t" }) ? nil : text
            }
        }
        return "less -S"
    }

    /// The terminal's size on `fd`, or nil when it is not a terminal.
    public static func terminalSize(fd: Int32 = 1) -> (rows: Int, columns: Int)? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// psql's decision: always, or (on) when the text has more lines than the screen or a line wider than it.
    /// `minLines` is `\pset pager_min_lines`: fewer lines never page.
    public static func shouldPage(_ text: [UInt8], setting: PrintSettings.Pager, minLines: Int,
                                  rows: Int, columns: Int) -> Bool {
        if setting == .off || text.isEmpty { return false }
        if setting == .always { return true }
        var lines = 0
        var widest = 0
        var width = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == 0x0A {
                lines += 1
                widest = max(widest, width)
                width = 0
                index += 1
                continue
            }
            if byte < 0x80 {
                width += 1
                index += 1
            } else {
                let length = max(1, DisplayWidth.sequenceLength(lead: byte))
                let scalar = text.withUnsafeBufferPointer { buffer in
                    DisplayWidth.scalar(buffer.baseAddress! + index, length: min(length, text.count - index))
                }
                width += max(0, DisplayWidth.of(scalar))
                index += length
            }
        }
        widest = max(widest, width)
        if lines < minLines { return false }
        return lines > rows - 1 || widest > columns
    }

    /// Runs the pager with `text` on its stdin and waits for it. A pager that quits early is fine: the
    /// rest is dropped (EPIPE, with SIGPIPE ignored here and restored in the child).
    public static func show(_ text: [UInt8], command: String) -> Bool {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        guard let pid = TerminalCommand.spawn(command, stdin: fds[0]) else {
            close(fds[0]); close(fds[1])
            return false
        }
        close(fds[0])
        text.withUnsafeBytes { writeAll(fd: fds[1], $0) }
        close(fds[1])
        _ = TerminalCommand.wait(pid)
        return true
    }
}

extension Pager {
    /// Starts the pager on a pipe for a result that streams into it; SIGPIPE is ignored until `finish`.
    public static func start(command: String) -> (pid: pid_t, fd: Int32, previousSIGPIPE: sighandler_t?)? {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        // The pager must not inherit the write end, or it never sees end of input.
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let previous = signal(SIGPIPE, SIG_IGN)
        guard let pid = TerminalCommand.spawn(command, stdin: fds[0]) else {
            close(fds[0]); close(fds[1])
            signal(SIGPIPE, previous)
            return nil
        }
        close(fds[0])
        return (pid, fds[1], previous)
    }

    /// Ends a streaming pager: closes its input and waits for the user to leave it.
    public static func finish(_ pager: (pid: pid_t, fd: Int32, previousSIGPIPE: sighandler_t?)) {
        close(pager.fd)
        _ = TerminalCommand.wait(pager.pid)
        signal(SIGPIPE, pager.previousSIGPIPE)
    }
}

/// A user's program (pager, editor) run through `/bin/sh -c` on the terminal, as psql runs them, with the
/// default signal dispositions (tidepool's own handlers must not leak into it).
enum TerminalCommand {
    /// Shares `ShellCommand`'s spawn: `/bin/sh -c`, default signal dispositions, and no PGPASSWORD in the
    /// child's environment (a pager or editor never sees a password).
    static func spawn(_ command: String, stdin: Int32? = nil) -> pid_t? {
        ShellCommand.spawn(command, stdin: stdin, stdout: nil)
    }

    /// Waits for the child; its exit status, or 128 + signal.
    static func wait(_ pid: pid_t) -> Int32 {
        ShellCommand.wait(pid)
    }

    /// Runs a command on the terminal and waits for it (the editor).
    static func run(_ command: String) -> Int32 {
        guard let pid = spawn(command) else { return -1 }
        return wait(pid)
    }
}
