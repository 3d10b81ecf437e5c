/// What the pool needs of a live connection. The libpq `Connection` conforms to it; tests use a fake.
///
/// The pool calls `isAlive()` and `close()` only on the thread that currently owns the connection
/// (the one being handed the lease, the one releasing it, or the thread closing an idle connection
/// that nobody holds), so a conforming type never sees two threads at once through the pool.
public protocol PoolableConnection: AnyObject, Sendable {
    var backendPID: Int32 { get }
    /// Cheap, non-blocking liveness check of an idle connection (no round trip): false when the server closed it.
    func isAlive() -> Bool
    func close()
}
