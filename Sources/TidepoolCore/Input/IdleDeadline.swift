/// A moment by which the session wants control back even while it waits for input: an idle transaction
/// block's rollback (`--idle-tx-timeout`). The input readers (line editor, script reader) wait no longer than
/// `deadline()` and then call `expire()` on the main thread, which owns the session connection.
public final class IdleDeadline {
    public var deadline: () -> MonotonicClock.Instant? = { nil }
    public var expire: () -> Void = {}

    public init() {}

    /// Milliseconds to wait before the deadline (for poll), or -1 when there is none.
    public func pollTimeout() -> Int32 {
        guard let at = deadline() else { return -1 }
        let left = at.secondsSince(MonotonicClock.now())
        return left <= 0 ? 0 : Int32(min(left * 1000 + 1, 3_600_000))
    }

    /// Calls `expire` if the deadline has passed.
    public func fireIfDue() {
        guard let at = deadline(), at <= MonotonicClock.now() else { return }
        expire()
    }
}
