import Glibc

/// Something besides the socket that can end a wait: the signal self-pipe of the foreground session.
public protocol InterruptWatcher: AnyObject {
    /// The descriptor to poll alongside the socket.
    var fd: Int32 { get }
    /// Called when `fd` is readable. Returns true when the wait should be treated as interrupted
    /// (Ctrl-C or a termination signal); false for signals that only need bookkeeping (SIGWINCH).
    func consume() -> Bool
}

/// `poll()` on one socket plus, optionally, the interrupt pipe. The only place the shell blocks on the network.
enum SocketWaiter {
    enum Result { case ready, interrupted, timedOut }

    static func wait(fd: Int32, events: Int16, interrupt: InterruptWatcher?, timeoutSeconds: Double?) -> Result {
        let deadline = timeoutSeconds.map { MonotonicClock.now().advanced(bySeconds: $0) }
        var fds = [pollfd(fd: fd, events: events, revents: 0)]
        if let interrupt { fds.append(pollfd(fd: interrupt.fd, events: Int16(POLLIN), revents: 0)) }
        while true {
            var timeoutMs: Int32 = -1
            if let deadline {
                let left = deadline.secondsSince(MonotonicClock.now())
                if left <= 0 { return .timedOut }
                timeoutMs = Int32(min(left * 1000 + 1, Double(Int32.max)))
            }
            for i in fds.indices { fds[i].revents = 0 }
            let n = poll(&fds, nfds_t(fds.count), timeoutMs)
            if n < 0 {
                if errno == EINTR { continue }
                return .ready  // let libpq discover and report the problem
            }
            if n == 0 { continue }
            if fds.count > 1, fds[1].revents != 0, let interrupt, interrupt.consume() { return .interrupted }
            if fds[0].revents != 0 { return .ready }
        }
    }
}

/// Monotonic time in seconds, for deadlines and durations that must not jump with the wall clock.
public struct MonotonicClock {
    public struct Instant: Sendable, Comparable, Hashable {
        public var nanoseconds: UInt64
        public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }
        public func advanced(bySeconds s: Double) -> Instant {
            Instant(nanoseconds: nanoseconds &+ UInt64(max(0, s) * 1e9))
        }
        /// Seconds from `other` to `self` (negative when `self` is earlier).
        public func secondsSince(_ other: Instant) -> Double {
            self.nanoseconds >= other.nanoseconds
                ? Double(self.nanoseconds - other.nanoseconds) / 1e9
                : -Double(other.nanoseconds - self.nanoseconds) / 1e9
        }
        public static func < (a: Instant, b: Instant) -> Bool { a.nanoseconds < b.nanoseconds }
    }

    public static func now() -> Instant {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Instant(nanoseconds: UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
    }
}
