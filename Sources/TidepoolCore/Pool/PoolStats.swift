/// A snapshot of the pool: what `\pool` prints and what anyone may read without holding a lock.
public struct PoolStats: Sendable, Equatable {
    /// When the snapshot was taken (for ages and running times).
    public var takenAt: PoolInstant
    public var minimum: Int
    public var maximum: Int
    /// Connections that exist: connecting + idle + leased.
    public var size: Int
    /// In the pool, free to lease.
    public var idle: Int
    /// Held by someone (the session connection counts here for as long as the session lives).
    public var leased: Int
    /// Leased and running a statement right now (a subset of `leased`).
    public var active: Int
    public var connecting: Int
    /// Lease requests that have no connection yet (including those whose connect is under way).
    public var waiting: Int

    /// Leases handed out (after their health check).
    public var leasesServed: Int
    /// Sum and maximum of the time from asking for a lease to holding it.
    public var totalWait: Duration
    public var maximumWait: Duration
    /// Lease requests that gave up at their deadline.
    public var timeouts: Int
    /// Successful connects, failed connects, and dead idle connections replaced.
    public var connects: Int
    public var failures: Int
    public var reconnects: Int
    /// Connections closed on release because their holder (or the liveness check) said they were broken.
    public var brokenClosed: Int

    /// One entry per existing connection, by id.
    public var connections: [PooledConnectionInfo]

    /// Mean wait per lease served; zero before the first lease.
    public var meanWait: Duration {
        leasesServed == 0 ? .zero : totalWait / leasesServed
    }
}

/// One connection as `\pool` shows it.
public struct PooledConnectionInfo: Sendable, Equatable {
    /// Small and stable while the connection lives: the lowest number free when it was opened.
    public var id: Int
    /// Who holds it (or is connecting it); nil while it sits idle in the pool.
    public var role: ConnectionRole?
    public var state: PooledConnectionState
    /// Nil until connected.
    public var backendPID: Int32?
    /// The statement running on it, already truncated (see `PoolStateMachine.statementLimit`).
    public var statement: String?
    public var statementSince: PoolInstant?
    /// Set by the holder while a transaction block is open on it.
    public var transactionStart: PoolInstant?
    public var leasesServed: Int
    /// When the connect started (while connecting) or succeeded (afterwards).
    public var createdAt: PoolInstant
    /// True once a retarget (`\connect`) or shutdown means it closes when released.
    public var closesOnRelease: Bool
}

/// What a connection is doing. A leased connection shows the most telling of its states:
/// running a statement beats being in a block, which beats waiting to close.
public enum PooledConnectionState: String, Sendable, Equatable {
    case connecting
    /// In the pool, nobody holds it.
    case idle
    /// Held, nothing running (e.g. the session connection at the prompt).
    case leased
    /// Held and running a statement.
    case busy
    /// Held, a transaction block open, no statement running.
    case inTransaction = "in tx"
    /// Held, and closes when released (after `\connect` or shutdown).
    case closing
}
