/// The session's `TimingLog` behind a lock: the foreground records on the main thread, every job thread
/// records its own duration when it ends (`\timing stats` shows the two apart).
public final class TimingRecorder: Sendable {
    private let log = Locked(TimingLog())

    public init() {}

    public func record(milliseconds: Double, foreground: Bool) {
        log.withLock { $0.record(milliseconds: milliseconds, foreground: foreground) }
    }

    /// A copy of everything recorded so far.
    public var snapshot: TimingLog { log.withLock { $0 } }
}
