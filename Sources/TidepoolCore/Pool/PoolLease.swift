import Synchronization

/// A connection on loan from a `ConnectionPool`. The holder drives `connection` on its own thread,
/// tells the pool what it is doing (for `\pool`), and releases it — explicitly, or at the latest
/// when the lease is deinitialised. After release the lease must not be used.
public final class PoolLease<C: PoolableConnection>: Sendable {
    public let connection: C
    public let role: ConnectionRole
    /// The connection's number in `\pool`.
    public let connectionID: Int

    private let pool: ConnectionPool<C>
    private let request: LeaseRequestID
    private let released = Atomic<Bool>(false)
    private let broken = Atomic<Bool>(false)

    init(pool: ConnectionPool<C>, connection: C, id: Int, request: LeaseRequestID, role: ConnectionRole) {
        self.pool = pool
        self.connection = connection
        self.connectionID = id
        self.request = request
        self.role = role
    }

    deinit {
        release()
    }

    /// The statement now running (nil when it finished); `\pool` shows it with its elapsed time.
    public func setActivity(_ statement: String?) {
        guard !released.load(ordering: .acquiring) else { return }
        pool.setActivity(connectionID, request: request, statement: statement)
    }

    /// A transaction block opened at `since` (nil: no block open any more).
    public func markInTransaction(_ since: PoolInstant?) {
        guard !released.load(ordering: .acquiring) else { return }
        pool.markInTransaction(connectionID, request: request, since: since)
    }

    /// The connection must not be reused: it is closed on release instead of pooled.
    public func markBroken() {
        broken.store(true, ordering: .releasing)
    }

    /// Gives the connection back. Idempotent. A connection marked broken, or that fails its
    /// liveness check now, is closed instead of pooled.
    public func release() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let isBroken = broken.load(ordering: .acquiring) || !connection.isAlive()
        pool.release(connectionID, request: request, broken: isBroken)
    }
}
