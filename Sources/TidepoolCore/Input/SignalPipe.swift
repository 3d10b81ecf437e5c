import CEditLine
import Glibc

/// Signals as bytes on a pipe (DESIGN.md, Concurrency model): the C handler only `write()`s the signal number;
/// whoever waits — the line editor's character reader, a statement's `poll()` loop — watches the read end and
/// acts outside the handler. No longjmp, no blocking call in a handler.
public final class SignalPipe: InterruptWatcher, Sendable {
    public let fd: Int32
    private let writeFD: Int32
    private let flags = Locked(Flags())

    struct Flags {
        var interrupts = 0
        var termination: Int32? = nil
        var resized = false
        /// The signal handler's run count when the pipe was last drained: `poll()` needs no read while it holds.
        var drainedAt: Int32 = 0
    }

    public init() {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        fd = fds[0]
        writeFD = fds[1]
        _ = tp_install_signal_pipe(writeFD)
        let count = tp_signals_received()
        flags.withLock { $0.drainedAt = count }
    }

    /// Reads every pending signal byte. Returns true when a wait should stop: Ctrl-C or a termination signal.
    public func consume() -> Bool {
        // Taken before the read: a signal that comes during it makes the next `poll()` look again.
        let count = tp_signals_received()
        defer { flags.withLock { $0.drainedAt = count } }
        var stop = false
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            for signo in buffer[0..<n] {
                switch Int32(signo) {
                case SIGINT:
                    flags.withLock { $0.interrupts += 1 }
                    stop = true
                case SIGTERM, SIGHUP, SIGQUIT:
                    flags.withLock { $0.termination = Int32(signo) }
                    stop = true
                case SIGWINCH:
                    flags.withLock { $0.resized = true }
                default:
                    break
                }
            }
        }
        return stop
    }

    /// The termination signal received (SIGTERM, SIGHUP, SIGQUIT), if any.
    public var terminationSignal: Int32? { flags.withLock { $0.termination } }

    /// Takes and clears the count of Ctrl-C presses since the last call.
    public func takeInterrupts() -> Int {
        flags.withLock { f in defer { f.interrupts = 0 }; return f.interrupts }
    }

    /// Takes and clears the "terminal was resized" flag.
    public func takeResized() -> Bool {
        flags.withLock { f in defer { f.resized = false }; return f.resized }
    }

    /// Drains the pipe without waiting, so signals that arrived while nobody watched are accounted for. The main
    /// loop asks before every line: when no handler ran since the last drain, that costs no system call.
    public func poll() {
        guard tp_signals_received() != flags.withLock({ $0.drainedAt }) else { return }
        _ = consume()
    }
}

/// True on the process's main thread. The launcher calls it first on the main thread, which fixes the
/// lazily initialised global to that thread's id.
public func isMainThread() -> Bool {
    pthread_equal(mainThreadID, pthread_self()) != 0
}

private let mainThreadID = pthread_self()
