/// The pool's shell: owns the connections and performs what `PoolStateMachine` decides.
///
/// Threads, not tasks: `lease` blocks the calling thread (the main thread or a job's thread — never
/// one of Swift's cooperative threads) until it holds a connection. Slow work happens outside the
/// lock on the thread it concerns: a lease that must connect does so on its own thread, the health
/// check runs on the thread being handed the connection, and closes run on whichever thread caused
/// them. A maintenance thread ticks the machine about once a second (idle timeouts, back-off end)
/// and opens connections to keep the minimum, starting at once unless the owner defers it.
public final class ConnectionPool<C: PoolableConnection>: Sendable {
    public typealias Connector = @Sendable () throws -> C

    public let configuration: PoolConfiguration
    /// How often a waiting lease wakes to check Ctrl-C and its deadline.
    private let waitSlice: Duration
    private let state: Locked<Shared>
    private let maintenance = MaintenanceThread()
    private let maintenanceInterval: Duration

    /// Everything the lock guards: the machine and the things it names by number.
    private struct Shared {
        var machine: PoolStateMachine
        var connector: Connector
        /// Every connection the machine counts as existing, except those still connecting.
        var connections: [Int: C] = [:]
        /// Doorbells of requests whose threads sleep.
        var wakeups: [LeaseRequestID: ThreadWakeup] = [:]
    }

    /// Side effects decided under the lock, carried out after it is released.
    private struct Effects {
        var closes: [C] = []
        var wakes: [ThreadWakeup] = []

        func run() {
            for wakeup in wakes { wakeup.signal() }
            for connection in closes { connection.close() }
        }
    }

    /// - Parameters:
    ///   - maintenanceInterval: how often idle timeouts are checked (tests shorten it).
    ///   - waitSlice: how often a waiting lease wakes to call `interrupted()` and check its deadline.
    ///   - connect: opens a new connection (blocking); its error is what a failed lease reports. It
    ///     runs on the thread that asked for the lease, or on the maintenance thread when it opens
    ///     the minimum (which starts at once, so `minimum` connections are opening when init returns).
    ///   - deferMaintenance: start the maintenance thread only when a lease other than the session's is
    ///     granted. The shell's own pool passes true when its minimum is the session connection alone:
    ///     that connection is then opened by the session's lease on the main thread (where Ctrl-C can
    ///     interrupt it), and a `-c` run, which never has anything to maintain, starts no thread.
    public init<E: Error>(
        configuration: PoolConfiguration = PoolConfiguration(),
        maintenanceInterval: Duration = .seconds(1),
        waitSlice: Duration = .milliseconds(50),
        deferMaintenance: Bool = false,
        connect: @escaping @Sendable () throws(E) -> C
    ) {
        self.configuration = configuration
        self.waitSlice = waitSlice
        self.maintenanceInterval = maintenanceInterval
        state = Locked(Shared(machine: PoolStateMachine(configuration: configuration), connector: Self.erase(connect)))
        if !deferMaintenance { startMaintenance() }
    }

    /// Starts the maintenance thread if it has not started (idempotent).
    private func startMaintenance() {
        maintenance.start(interval: maintenanceInterval) { [weak self] in self?.maintain() }
    }

    deinit {
        maintenance.stop()
        // No lease can exist here (each holds the pool), so every remaining connection is idle.
        let remaining = state.withLock { shared in
            defer { shared.connections = [:] }
            return Array(shared.connections.values)
        }
        for connection in remaining { connection.close() }
    }

    // MARK: - Leasing

    /// Blocks until a connection is leased for `role`, `timeout` (default: the configured acquire
    /// timeout) passes, or `interrupted()` returns true (checked at least every `waitSlice`).
    /// Throws `PoolError`: `.exhausted`, `.connectFailed` (with the connector's error), `.interrupted`,
    /// `.shutDown`.
    public func lease(
        role: ConnectionRole, timeout: Duration? = nil, interrupted: () -> Bool = { false }
    ) throws(PoolError) -> PoolLease<C> {
        let effects = state.withLock { shared in
            let (request, actions) = shared.machine.requestLease(
                role: role, timeout: timeout ?? configuration.acquireTimeout, now: .now())
            return (request, collect(actions, into: &shared))
        }
        let request = effects.0
        effects.1.run()

        var wakeup: ThreadWakeup?
        defer {
            if wakeup != nil { _ = state.withLock { $0.wakeups.removeValue(forKey: request) } }
        }
        while true {
            switch nextMove(for: request, wakeup: &wakeup) {
            case .wait(let deadline):
                if interrupted() {
                    apply { $0.cancelRequest(request, now: .now()) }
                    throw .interrupted
                }
                let remaining = deadline - .now()
                if remaining > .zero { wakeup?.wait(timeout: min(waitSlice, remaining)) }
                apply { $0.tick(now: .now()) }
            case .connect(let id, let connector):
                open(id, with: connector)
            case .check(let id, let connection):
                if connection.isAlive() {
                    state.withLock { $0.machine.leaseConfirmed(request, now: .now()) }
                    // Past the session's own connection there are idle extras to close in time.
                    if role != .session { startMaintenance() }
                    return PoolLease(pool: self, connection: connection, id: id, request: request, role: role)
                }
                apply { $0.connectionFoundDead(request, now: .now()) }
            case .fail(let error):
                throw error
            }
        }
    }

    /// Leases a connection for the duration of `body` and releases it on every path. A connection
    /// that fails its liveness check afterwards is closed rather than pooled.
    public func withLease<T>(
        role: ConnectionRole, timeout: Duration? = nil, interrupted: () -> Bool = { false },
        _ body: (C) throws -> T
    ) throws -> T {
        let lease = try lease(role: role, timeout: timeout, interrupted: interrupted)
        defer { lease.release() }
        return try body(lease.connection)
    }

    // MARK: - Observing and steering

    public func snapshot() -> PoolStats {
        state.withLock { $0.machine.stats(now: .now()) }
    }

    /// Points the pool at a new target (`\connect`): idle connections close now, leased ones when
    /// released, and every later connect uses `connect`.
    public func replaceConnector<E: Error>(_ connect: @escaping @Sendable () throws(E) -> C) {
        let effects = state.withLock { shared in
            shared.connector = Self.erase(connect)
            return collect(shared.machine.retarget(now: .now()), into: &shared)
        }
        effects.run()
    }

    /// Stops maintenance, closes idle connections and fails waiting leases. Leased connections
    /// close when released; later leases fail with `.shutDown`.
    public func shutdown() {
        maintenance.stop()
        apply { $0.shutdown(now: .now()) }
    }

    // MARK: - Called by PoolLease

    func setActivity(_ id: Int, request: LeaseRequestID, statement: String?) {
        state.withLock { $0.machine.setActivity(id, lease: request, statement: statement, now: .now()) }
    }

    func markInTransaction(_ id: Int, request: LeaseRequestID, since: PoolInstant?) {
        state.withLock { $0.machine.markInTransaction(id, lease: request, since: since) }
    }

    func release(_ id: Int, request: LeaseRequestID, broken: Bool) {
        apply { $0.release(id, lease: request, broken: broken, now: .now()) }
    }

    // MARK: - Internals

    private enum Move {
        case wait(PoolInstant)
        case connect(Int, Connector)
        case check(Int, C)
        case fail(PoolError)
    }

    /// Reads the request's next step under the lock, with what it needs to act on it; a thread about
    /// to sleep registers its doorbell in the same critical section, so no wake can slip between.
    private func nextMove(for request: LeaseRequestID, wakeup: inout ThreadWakeup?) -> Move {
        state.withLock { shared in
            switch shared.machine.step(for: request) {
            case .wait(let deadline):
                if wakeup == nil {
                    let doorbell = ThreadWakeup()
                    shared.wakeups[request] = doorbell
                    wakeup = doorbell
                }
                return .wait(deadline)
            case .connect(let id):
                return .connect(id, shared.connector)
            case .check(let id):
                guard let connection = shared.connections[id] else {
                    preconditionFailure("connection \(id) handed over but not stored")
                }
                return .check(id, connection)
            case .fail(let error):
                return .fail(error)
            }
        }
    }

    /// Runs the connector outside the lock and reports the outcome.
    private func open(_ id: Int, with connector: Connector) {
        let result = Result { try connector() }
        let effects = state.withLock { shared in
            let actions: [PoolAction]
            switch result {
            case .success(let connection):
                // Stored before the machine decides, so a `close` action for it finds it.
                shared.connections[id] = connection
                actions = shared.machine.connectSucceeded(id, backendPID: connection.backendPID, now: .now())
            case .failure(let error):
                actions = shared.machine.connectFailed(id, error: error, now: .now())
            }
            return collect(actions, into: &shared)
        }
        effects.run()
    }

    /// One maintenance pass: tick, then open connections until the minimum is reached.
    private func maintain() {
        apply { $0.tick(now: .now()) }
        while let (id, connector) = state.withLock({ shared in
            shared.machine.openMinimum(now: .now()).map { ($0, shared.connector) }
        }) {
            open(id, with: connector)
        }
    }

    /// Feeds one event to the machine under the lock, then performs its actions outside it.
    private func apply(_ event: (inout PoolStateMachine) -> [PoolAction]) {
        let effects = state.withLock { shared in
            collect(event(&shared.machine), into: &shared)
        }
        effects.run()
    }

    private func collect(_ actions: [PoolAction], into shared: inout Shared) -> Effects {
        var effects = Effects()
        for action in actions {
            switch action {
            case .close(let id):
                if let connection = shared.connections.removeValue(forKey: id) { effects.closes.append(connection) }
            case .wake(let request):
                if let wakeup = shared.wakeups[request] { effects.wakes.append(wakeup) }
            }
        }
        return effects
    }

    private static func erase<E: Error>(_ connect: @escaping @Sendable () throws(E) -> C) -> Connector {
        { try connect() }
    }
}
