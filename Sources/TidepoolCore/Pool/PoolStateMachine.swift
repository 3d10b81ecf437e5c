/// The pool's logic, pure: events in, actions out. No I/O, no threads, no clock — every event
/// carries `now`, so tests drive it synchronously with made-up instants. `ConnectionPool` is the
/// shell that performs what it says, under a lock.
///
/// ## A connection (a `Slot`) moves through
/// ```
///             ┌─────────── connect fails / stale / shut down ──────────▶ (gone: close)
///   connecting ── succeeds, for a request ──▶ leased(unconfirmed) ── check ok ──▶ leased(confirmed)
///        │                                        │ dead                          │ release
///        └─ succeeds, for nobody ─▶ idle ◀────────┼──────── release (healthy) ────┘
///                                    │            └─▶ (gone: close) + a new `connecting` for the same request
///                                    ├─ handed to the head of the queue ─▶ leased(unconfirmed)
///                                    └─ idle timeout (above minimum), retarget, shutdown ─▶ (gone: close)
/// ```
/// A leased connection released broken, after a retarget, or after shutdown goes (close) instead of idle.
///
/// ## A lease request moves through
/// ```
///   queued ──▶ handedOver(c)      an idle connection was free
///     │   ──▶ awaitingConnect(c)  the maintenance thread's connect will be its
///     │   ──▶ mustConnect(c)      below maximum and not backing off: its own thread connects
///     └──▶ failed                 deadline passed, shut down
///   awaitingConnect ──▶ handedOver (connect ok) | failed (connect failed, deadline, shutdown)
///   mustConnect     ──▶ handedOver (connect ok) | failed (connect failed) | queued (stale after retarget)
///   handedOver      ──▶ confirmed: the request ends and the lease lives in the slot
///                   ──▶ mustConnect (found dead: a replacement, the lease does not fail)
///   any             ──▶ gone (cancelled by Ctrl-C)
/// ```
/// Requests are served strictly in arrival order: a later request gets nothing while an earlier one
/// is still `queued`.
///
/// ## Connect failures
/// Each failure counts; consecutive ones start a back-off (`backoffInitial` doubling up to
/// `backoffMaximum`) during which no connect is started. The request the failed connect was for fails
/// with the connect's own (libpq) error — unless an idle connection is free by then, which it gets
/// instead. Requests that wait while the pool backs off fail at their deadline with that same error
/// rather than "pool exhausted"; once the back-off ends the head of the queue connects again.
/// A successful connect ends the back-off.
public struct PoolStateMachine: Sendable {
    /// Statements longer than this many characters are cut (with `…`) before they are stored.
    public static let statementLimit = 200

    public let configuration: PoolConfiguration

    private var slots: [Slot] = []
    /// Outstanding lease requests in arrival order.
    private var requests: [Request] = []
    private var nextRequest: UInt64 = 1
    /// Bumped by `retarget`: connections of an older generation are closed instead of reused.
    private var generation = 0
    private var isShutDown = false
    private var consecutiveFailures = 0
    private var backoffUntil: PoolInstant?
    private var lastConnectError: (any Error)?
    private var counters = Counters()

    public init(configuration: PoolConfiguration) {
        self.configuration = configuration
    }

    // MARK: - Lease requests

    /// Someone wants a connection for `role`, waiting at most `timeout`.
    public mutating func requestLease(
        role: ConnectionRole, timeout: Duration, now: PoolInstant
    ) -> (LeaseRequestID, [PoolAction]) {
        let id = LeaseRequestID(raw: nextRequest)
        nextRequest += 1
        let progress: Progress = isShutDown ? .failed(.shutDown) : .queued
        requests.append(Request(id: id, role: role, askedAt: now, deadline: now + timeout, progress: progress))
        return (id, serveQueue(now: now))
    }

    /// What the request's own thread does next. A `fail` step forgets the request.
    /// A `connect` step records that the connect starts now, with the current connector.
    public mutating func step(for id: LeaseRequestID) -> LeaseStep {
        guard let index = requestIndex(id) else { preconditionFailure("\(id) is not outstanding") }
        switch requests[index].progress {
        case .queued, .awaitingConnect:
            return .wait(deadline: requests[index].deadline)
        case .mustConnect(let connection):
            if let slot = slotIndex(connection) { slots[slot].generation = generation }
            return .connect(connection: connection)
        case .handedOver(let connection):
            return .check(connection: connection)
        case .failed(let error):
            requests.remove(at: index)
            return .fail(error)
        }
    }

    /// The requester's health check passed: the lease begins. Counts the lease and its wait.
    public mutating func leaseConfirmed(_ id: LeaseRequestID, now: PoolInstant) {
        guard let index = requestIndex(id), case .handedOver(let connection) = requests[index].progress,
            let slot = slotIndex(connection), case .leased(let holder, let role, _) = slots[slot].phase,
            holder == id
        else { preconditionFailure("\(id) was not handed a connection") }
        slots[slot].phase = .leased(request: id, role: role, confirmed: true)
        slots[slot].leasesServed += 1
        let waited = now - requests[index].askedAt
        counters.leasesServed += 1
        counters.totalWait += waited
        counters.maximumWait = max(counters.maximumWait, waited)
        requests.remove(at: index)
    }

    /// The connection handed to `id` failed its health check: close it, count a reconnect, and let
    /// the same request open a replacement (it keeps its place; the lease does not fail).
    public mutating func connectionFoundDead(_ id: LeaseRequestID, now: PoolInstant) -> [PoolAction] {
        guard let index = requestIndex(id), case .handedOver(let connection) = requests[index].progress
        else { preconditionFailure("\(id) was not handed a connection") }
        removeSlot(connection)
        counters.reconnects += 1
        if isShutDown {
            requests[index].progress = .failed(.shutDown)
        } else {
            let replacement = addSlot(.connecting(request: id, opener: .requester), now: now)
            requests[index].progress = .mustConnect(replacement)
        }
        return [.close(connection: connection)]
    }

    /// The requester gave up (Ctrl-C). Whatever it was given goes back to the pool.
    public mutating func cancelRequest(_ id: LeaseRequestID, now: PoolInstant) -> [PoolAction] {
        guard let index = requestIndex(id) else { return [] }
        let progress = requests[index].progress
        requests.remove(at: index)
        switch progress {
        case .queued, .failed:
            return serveQueue(now: now)
        case .awaitingConnect(let connection):
            if let slot = slotIndex(connection) { slots[slot].phase = .connecting(request: nil, opener: .maintenance) }
            return serveQueue(now: now)
        case .mustConnect(let connection):
            // Only its own thread could have opened it, and that thread is the one giving up.
            removeSlot(connection)
            return serveQueue(now: now)
        case .handedOver(let connection):
            return returnToPool(connection, now: now)
        }
    }

    // MARK: - Connects

    /// The maintenance thread asks whether to open a connection to keep `minimum`; the returned
    /// connection is then `connecting` and the caller must open it and report the result.
    public mutating func openMinimum(now: PoolInstant) -> Int? {
        guard !isShutDown, !isBackingOff(now), slots.count < configuration.minimum else { return nil }
        let id = addSlot(.connecting(request: nil, opener: .maintenance), now: now)
        _ = serveQueue(now: now)  // a queued request may claim it; it is already waiting
        return id
    }

    public mutating func connectSucceeded(_ connection: Int, backendPID: Int32, now: PoolInstant) -> [PoolAction] {
        guard let slot = slotIndex(connection), case .connecting(let request, _) = slots[slot].phase
        else { preconditionFailure("connection \(connection) was not connecting") }
        counters.connects += 1
        consecutiveFailures = 0
        backoffUntil = nil
        slots[slot].backendPID = backendPID
        slots[slot].createdAt = now

        if isShutDown || slots[slot].generation != generation {
            removeSlot(connection)
            var actions: [PoolAction] = [.close(connection: connection)]
            if let request, let index = requestIndex(request) {
                // Opened with the old connector: the request goes back to its place in the queue.
                requests[index].progress = isShutDown ? .failed(.shutDown) : .queued
                actions.append(.wake(request))
            }
            return actions + serveQueue(now: now)
        }
        if let request, let index = requestIndex(request) {
            slots[slot].phase = .leased(request: request, role: requests[index].role, confirmed: false)
            requests[index].progress = .handedOver(connection)
            return [.wake(request)]
        }
        slots[slot].phase = .idle(since: now)
        return serveQueue(now: now)
    }

    public mutating func connectFailed(_ connection: Int, error: any Error, now: PoolInstant) -> [PoolAction] {
        guard let slot = slotIndex(connection), case .connecting(let request, _) = slots[slot].phase
        else { preconditionFailure("connection \(connection) was not connecting") }
        removeSlot(connection)
        counters.failures += 1
        consecutiveFailures += 1
        lastConnectError = error
        backoffUntil = now + backoffDelay()

        var actions: [PoolAction] = []
        if let request, let index = requestIndex(request) {
            if isShutDown {
                requests[index].progress = .failed(.shutDown)
            } else if let idle = freshestIdle() {
                hand(idle, to: index)
            } else {
                requests[index].progress = .failed(.connectFailed(error))
            }
            actions.append(.wake(request))
        }
        return actions + serveQueue(now: now)
    }

    // MARK: - Holding and releasing

    /// Releases the lease `request` holds on `connection`. Stale or repeated releases are ignored.
    /// A connection reported broken, retargeted or shut down is closed instead of pooled.
    public mutating func release(
        _ connection: Int, lease request: LeaseRequestID, broken: Bool, now: PoolInstant
    ) -> [PoolAction] {
        guard let slot = slotIndex(connection), case .leased(let holder, _, _) = slots[slot].phase,
            holder == request
        else { return [] }
        if broken { counters.brokenClosed += 1 }
        if broken || slots[slot].closeOnRelease {
            removeSlot(connection)
            return [.close(connection: connection)] + serveQueue(now: now)
        }
        return returnToPool(connection, now: now)
    }

    /// The holder started (`statement`) or finished (nil) running a statement.
    public mutating func setActivity(
        _ connection: Int, lease request: LeaseRequestID, statement: String?, now: PoolInstant
    ) {
        guard let slot = heldSlot(connection, by: request) else { return }
        slots[slot].statement = statement.map(Self.truncated)
        slots[slot].statementSince = statement == nil ? nil : now
    }

    /// The holder opened (`since`) or ended (nil) a transaction block.
    public mutating func markInTransaction(_ connection: Int, lease request: LeaseRequestID, since: PoolInstant?) {
        guard let slot = heldSlot(connection, by: request) else { return }
        slots[slot].transactionStart = since
    }

    // MARK: - Time, retargeting, shutdown

    /// Fails requests past their deadline, closes idle connections above `minimum` that outlived
    /// `idleTimeout`, and serves the queue again (a back-off may have ended).
    public mutating func tick(now: PoolInstant) -> [PoolAction] {
        var actions: [PoolAction] = []
        var index = 0
        while index < requests.count {
            let request = requests[index]
            let waitingInQueue: Bool
            switch request.progress {
            case .queued, .awaitingConnect: waitingInQueue = true
            default: waitingInQueue = false
            }
            guard waitingInQueue, now >= request.deadline else {
                index += 1
                continue
            }
            if case .awaitingConnect(let connection) = request.progress, let slot = slotIndex(connection) {
                slots[slot].phase = .connecting(request: nil, opener: .maintenance)
            }
            requests[index].progress = .failed(timeoutError(for: request, now: now))
            counters.timeouts += 1
            actions.append(.wake(request.id))
            index += 1
        }

        let expired = slots.filter {
            if case .idle(let since) = $0.phase { return since + configuration.idleTimeout <= now }
            return false
        }
        .sorted { idleSince($0) < idleSince($1) }
        for slot in expired where slots.count > configuration.minimum {
            removeSlot(slot.id)
            actions.append(.close(connection: slot.id))
        }
        return actions + serveQueue(now: now)
    }

    /// The pool now connects somewhere else (`\connect`): idle connections close now, leased ones
    /// when released, connects under way are discarded when they finish. The back-off starts afresh.
    public mutating func retarget(now: PoolInstant) -> [PoolAction] {
        generation += 1
        consecutiveFailures = 0
        backoffUntil = nil
        lastConnectError = nil
        return closeIdleAndMarkLeased() + serveQueue(now: now)
    }

    /// Closes idle connections, fails every waiting request; leased connections close when released.
    public mutating func shutdown(now: PoolInstant) -> [PoolAction] {
        isShutDown = true
        var actions = closeIdleAndMarkLeased()
        for index in requests.indices {
            switch requests[index].progress {
            case .queued, .awaitingConnect:
                requests[index].progress = .failed(.shutDown)
                actions.append(.wake(requests[index].id))
            case .mustConnect, .handedOver, .failed:
                break  // their threads are busy with them and will learn at their next report
            }
        }
        for index in slots.indices {
            if case .connecting(_, .maintenance) = slots[index].phase {
                slots[index].phase = .connecting(request: nil, opener: .maintenance)
            }
        }
        return actions
    }

    // MARK: - Statistics

    public func stats(now: PoolInstant) -> PoolStats {
        var idle = 0, leased = 0, active = 0, connecting = 0
        var infos: [PooledConnectionInfo] = []
        for slot in slots.sorted(by: { $0.id < $1.id }) {
            var role: ConnectionRole?
            let state: PooledConnectionState
            switch slot.phase {
            case .connecting(let request, _):
                connecting += 1
                role = request.flatMap { id in requestIndex(id).map { requests[$0].role } }
                state = .connecting
            case .idle:
                idle += 1
                state = .idle
            case .leased(_, let holderRole, _):
                leased += 1
                role = holderRole
                if slot.statement != nil {
                    active += 1
                    state = .busy
                } else if slot.transactionStart != nil {
                    state = .inTransaction
                } else {
                    state = slot.closeOnRelease ? .closing : .leased
                }
            }
            infos.append(
                PooledConnectionInfo(
                    id: slot.id, role: role, state: state, backendPID: slot.backendPID,
                    statement: slot.statement, statementSince: slot.statementSince,
                    transactionStart: slot.transactionStart, leasesServed: slot.leasesServed,
                    createdAt: slot.createdAt, closesOnRelease: slot.closeOnRelease))
        }
        return PoolStats(
            takenAt: now, minimum: configuration.minimum, maximum: configuration.maximum,
            size: slots.count, idle: idle, leased: leased, active: active, connecting: connecting,
            waiting: waitingCount, leasesServed: counters.leasesServed, totalWait: counters.totalWait,
            maximumWait: counters.maximumWait, timeouts: counters.timeouts, connects: counters.connects,
            failures: counters.failures, reconnects: counters.reconnects,
            brokenClosed: counters.brokenClosed, connections: infos)
    }

    // MARK: - Internals

    /// Gives each queued request, in arrival order, an idle connection, an unclaimed connect, or a
    /// connect of its own; stops at the first it cannot serve, so nobody overtakes it.
    private mutating func serveQueue(now: PoolInstant) -> [PoolAction] {
        var actions: [PoolAction] = []
        for index in requests.indices {
            guard case .queued = requests[index].progress else { continue }
            if let idle = freshestIdle() {
                hand(idle, to: index)
                actions.append(.wake(requests[index].id))
            } else if let unclaimed = slots.firstIndex(where: {
                if case .connecting(nil, .maintenance) = $0.phase { return true }
                return false
            }) {
                slots[unclaimed].phase = .connecting(request: requests[index].id, opener: .maintenance)
                requests[index].progress = .awaitingConnect(slots[unclaimed].id)
            } else if !isShutDown, slots.count < configuration.maximum, !isBackingOff(now) {
                let id = addSlot(.connecting(request: requests[index].id, opener: .requester), now: now)
                requests[index].progress = .mustConnect(id)
                actions.append(.wake(requests[index].id))
            } else {
                break
            }
        }
        return actions
    }

    private mutating func hand(_ slot: Int, to requestIndex: Int) {
        let request = requests[requestIndex]
        slots[slot].phase = .leased(request: request.id, role: request.role, confirmed: false)
        requests[requestIndex].progress = .handedOver(slots[slot].id)
    }

    private mutating func returnToPool(_ connection: Int, now: PoolInstant) -> [PoolAction] {
        guard let slot = slotIndex(connection) else { return serveQueue(now: now) }
        if slots[slot].closeOnRelease || isShutDown || slots[slot].generation != generation {
            removeSlot(connection)
            return [.close(connection: connection)] + serveQueue(now: now)
        }
        slots[slot].phase = .idle(since: now)
        slots[slot].statement = nil
        slots[slot].statementSince = nil
        slots[slot].transactionStart = nil
        return serveQueue(now: now)
    }

    private mutating func closeIdleAndMarkLeased() -> [PoolAction] {
        var actions: [PoolAction] = []
        for slot in slots {
            switch slot.phase {
            case .idle:
                removeSlot(slot.id)
                actions.append(.close(connection: slot.id))
            case .leased:
                if let index = slotIndex(slot.id) { slots[index].closeOnRelease = true }
            case .connecting:
                break  // discarded by connectSucceeded: generation or shutdown
            }
        }
        return actions
    }

    /// The idle connection used most recently: reusing warm connections lets the rest age out.
    private func freshestIdle() -> Int? {
        var best: Int?
        for index in slots.indices {
            guard case .idle(let since) = slots[index].phase else { continue }
            if let current = best, idleSince(slots[current]) >= since { continue }
            best = index
        }
        return best
    }

    private func idleSince(_ slot: Slot) -> PoolInstant {
        if case .idle(let since) = slot.phase { return since }
        return PoolInstant(nanoseconds: .max)
    }

    private mutating func addSlot(_ phase: Phase, now: PoolInstant) -> Int {
        // The lowest free number keeps ids small in `\pool`, however often connections are replaced.
        var id = 1
        while slots.contains(where: { $0.id == id }) { id += 1 }
        slots.append(Slot(id: id, phase: phase, generation: generation, createdAt: now))
        return id
    }

    private mutating func removeSlot(_ id: Int) {
        slots.removeAll { $0.id == id }
    }

    private func slotIndex(_ id: Int) -> Int? {
        slots.firstIndex { $0.id == id }
    }

    private func heldSlot(_ connection: Int, by request: LeaseRequestID) -> Int? {
        guard let slot = slotIndex(connection), case .leased(let holder, _, _) = slots[slot].phase,
            holder == request
        else { return nil }
        return slot
    }

    private func requestIndex(_ id: LeaseRequestID) -> Int? {
        requests.firstIndex { $0.id == id }
    }

    private var waitingCount: Int {
        requests.reduce(0) { count, request in
            switch request.progress {
            case .queued, .awaitingConnect, .mustConnect: count + 1
            case .handedOver, .failed: count
            }
        }
    }

    private func isBackingOff(_ now: PoolInstant) -> Bool {
        backoffUntil.map { now < $0 } ?? false
    }

    /// `backoffInitial · 2^(failures − 1)`, capped at `backoffMaximum`.
    private func backoffDelay() -> Duration {
        var delay = configuration.backoffInitial
        var doublings = consecutiveFailures - 1
        while doublings > 0, delay < configuration.backoffMaximum {
            delay *= 2
            doublings -= 1
        }
        return min(delay, configuration.backoffMaximum)
    }

    /// While backing off, the last connect error explains the wait better than "exhausted".
    private func timeoutError(for request: Request, now: PoolInstant) -> PoolError {
        if isBackingOff(now), let lastConnectError {
            return .connectFailed(lastConnectError)
        }
        let busy = slots.count(where: { if case .idle = $0.phase { false } else { true } })
        return .exhausted(
            busy: busy, maximum: configuration.maximum, waiting: waitingCount, waited: now - request.askedAt)
    }

    static func truncated(_ statement: String) -> String {
        statement.count <= statementLimit ? statement : String(statement.prefix(statementLimit - 1)) + "…"
    }
}
