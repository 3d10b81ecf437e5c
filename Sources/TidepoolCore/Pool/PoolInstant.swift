import Glibc

/// A point on the monotonic clock, in nanoseconds.
///
/// The state machine never reads a clock: every event carries a `PoolInstant`, so tests drive it with
/// made-up instants. Only the shell (`ConnectionPool`) and the lease call `now()`.
public struct PoolInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The current time on CLOCK_MONOTONIC (never jumps with the wall clock).
    public static func now() -> PoolInstant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return PoolInstant(nanoseconds: Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec))
    }

    public static func < (lhs: PoolInstant, rhs: PoolInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// Saturating, so that an "infinite" timeout such as `.seconds(Int64.max)` cannot wrap around.
    public static func + (lhs: PoolInstant, rhs: Duration) -> PoolInstant {
        let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(rhs.poolNanoseconds)
        if overflow { return PoolInstant(nanoseconds: rhs.poolNanoseconds > 0 ? .max : .min) }
        return PoolInstant(nanoseconds: sum)
    }

    public static func - (lhs: PoolInstant, rhs: PoolInstant) -> Duration {
        let (difference, overflow) = lhs.nanoseconds.subtractingReportingOverflow(rhs.nanoseconds)
        return .nanoseconds(overflow ? (lhs > rhs ? Int64.max : Int64.min) : difference)
    }

    public var description: String { "PoolInstant(\(nanoseconds) ns)" }
}

extension Duration {
    /// Whole nanoseconds, saturating at Int64's range (Duration itself holds far more).
    var poolNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds > 0 ? .max : .min }
        let (sum, overflow2) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds > 0 ? .max : .min }
        return sum
    }
}
