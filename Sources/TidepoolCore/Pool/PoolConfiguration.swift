/// The pool's limits and timers. Values are clamped to something workable rather than rejected:
/// the command line validates what the user typed; the pool only refuses to be impossible.
public struct PoolConfiguration: Sendable, Equatable {
    /// Connections kept open (connected at start, re-opened when lost). `--pool-min`.
    public var minimum: Int
    /// At most this many connections exist, counting those still connecting. `--pool-max`.
    public var maximum: Int
    /// How long a lease may wait before it fails. `--acquire-timeout`.
    public var acquireTimeout: Duration
    /// Idle connections above `minimum` are closed after sitting unused this long.
    public var idleTimeout: Duration
    /// The pause after the first failed connect; each further consecutive failure doubles it…
    public var backoffInitial: Duration
    /// …up to this much.
    public var backoffMaximum: Duration

    public init(
        minimum: Int = 1,
        maximum: Int = 4,
        acquireTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(300),
        backoffInitial: Duration = .milliseconds(100),
        backoffMaximum: Duration = .seconds(5)
    ) {
        self.maximum = Swift.max(1, maximum)
        self.minimum = Swift.min(Swift.max(0, minimum), self.maximum)
        self.acquireTimeout = Swift.max(.zero, acquireTimeout)
        self.idleTimeout = Swift.max(.zero, idleTimeout)
        self.backoffInitial = Swift.max(.zero, backoffInitial)
        self.backoffMaximum = Swift.max(self.backoffInitial, backoffMaximum)
    }
}
