/// Names one lease request from the moment it is asked for until its connection is released.
public struct LeaseRequestID: Hashable, Sendable, CustomStringConvertible {
    let raw: UInt64
    public var description: String { "lease#\(raw)" }
}

/// What the shell must do after an event, besides what `step(for:)` tells the requesting thread.
public enum PoolAction: Equatable, Sendable {
    /// Close this connection (outside the lock) and forget it. Nobody holds it.
    case close(connection: Int)
    /// Wake the thread waiting for this request: its next step changed.
    case wake(LeaseRequestID)
}

/// What the thread behind a lease request does next.
public enum LeaseStep: Sendable {
    /// Nothing for you yet: sleep until woken, checking your deadline and Ctrl-C.
    case wait(deadline: PoolInstant)
    /// Open this connection yourself (outside the lock), then report `connectSucceeded`/`connectFailed`.
    case connect(connection: Int)
    /// This connection is yours: check it (`isAlive`) and report `leaseConfirmed` or `connectionFoundDead`.
    case check(connection: Int)
    /// Give up with this error. The request is forgotten.
    case fail(PoolError)
}

extension PoolStateMachine {
    /// Who opens a connection: the thread that asked for a lease (on its own time, so a slow connect
    /// delays nobody else) or the maintenance thread (keeping `minimum` open).
    enum Opener: Equatable {
        case requester
        case maintenance
    }

    /// A connection the machine knows about. It exists (counts towards `maximum`) from the moment a
    /// connect is planned until a `close` action is emitted for it.
    struct Slot {
        let id: Int
        var phase: Phase
        /// The connector generation it was (or is being) opened with; older ones close on release.
        var generation: Int
        var backendPID: Int32?
        var createdAt: PoolInstant
        var leasesServed = 0
        var statement: String?
        var statementSince: PoolInstant?
        var transactionStart: PoolInstant?
        var closeOnRelease = false
    }

    enum Phase {
        /// A connect is under way; `request` is the lease it is for, if any.
        case connecting(request: LeaseRequestID?, opener: Opener)
        case idle(since: PoolInstant)
        /// Handed to `request`; `confirmed` once the requester's health check passed.
        case leased(request: LeaseRequestID, role: ConnectionRole, confirmed: Bool)
    }

    /// A lease request that has not yet become a confirmed lease.
    struct Request {
        let id: LeaseRequestID
        let role: ConnectionRole
        let askedAt: PoolInstant
        let deadline: PoolInstant
        var progress: Progress
    }

    enum Progress {
        /// In the FIFO queue, nothing assigned yet.
        case queued
        /// Waiting for a connect the maintenance thread already started.
        case awaitingConnect(Int)
        /// Its own thread must open (or is opening) this connection.
        case mustConnect(Int)
        /// This connection was handed over; the health check is pending.
        case handedOver(Int)
        /// Fails with this error at its next step.
        case failed(PoolError)
    }

    struct Counters {
        var leasesServed = 0
        var totalWait = Duration.zero
        var maximumWait = Duration.zero
        var timeouts = 0
        var connects = 0
        var failures = 0
        var reconnects = 0
        var brokenClosed = 0
    }
}
