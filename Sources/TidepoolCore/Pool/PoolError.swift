/// Why a lease failed. `message` is what the user reads; `code` is what code branches on.
public struct PoolError: Error, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Every connection stayed busy until the acquire timeout.
        case exhausted
        /// Connecting failed (the lease's own connect, or the pool is backing off after failures).
        case connectFailed
        /// `interrupted()` said stop (Ctrl-C) while waiting.
        case interrupted
        /// The pool has been shut down.
        case shutDown
    }

    public let code: Code
    public let message: String
    /// For `connectFailed`: the error the connect closure threw (the libpq error), untouched.
    public let underlying: (any Error)?

    public init(code: Code, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }

    /// `pool exhausted: 4 of 4 connections busy, 2 waiting, waited 30.0 s`
    static func exhausted(busy: Int, maximum: Int, waiting: Int, waited: Duration) -> PoolError {
        PoolError(
            code: .exhausted,
            message: "pool exhausted: \(busy) of \(maximum) connections busy, \(waiting) waiting, "
                + "waited \(DurationText.seconds(waited)) s")
    }

    /// Carries the connect closure's own message (libpq's), so the user reads what the server said.
    static func connectFailed(_ error: any Error) -> PoolError {
        PoolError(code: .connectFailed, message: String(describing: error), underlying: error)
    }

    static let interrupted = PoolError(code: .interrupted, message: "canceled while waiting for a connection")
    static let shutDown = PoolError(code: .shutDown, message: "connection pool is shut down")
}
