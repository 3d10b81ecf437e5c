import Glibc

/// Keeps the current `CatalogSnapshot` and refreshes it on a background pthread with its own pooled
/// connection (role catalog), so neither the prompt nor the completion callback ever waits on the network.
/// A new snapshot is swapped in whole behind a `Locked`; a refresh asked for during a load runs right after it.
public final class CatalogSnapshotLoader: Sendable {
    private struct State {
        var snapshot = CatalogSnapshot()
        var loaded = false
        var loading = false
        var again = false
        var lastLoadMilliseconds: Double?
        var loads = 0
        /// Set at exit: no new load, and the running one sends no further query.
        var stopping = false
    }

    private let pool: ConnectionPool<Connection>
    private let state = Locked(State())
    private let idle = ThreadWakeup()

    public init(pool: ConnectionPool<Connection>) {
        self.pool = pool
    }

    /// The newest snapshot (empty until the first load ends). Never blocks on the network.
    public var snapshot: CatalogSnapshot { state.withLock { $0.snapshot } }
    public var hasLoaded: Bool { state.withLock { $0.loaded } }
    /// How long the last load took, start of lease to swap, in milliseconds.
    public var lastLoadMilliseconds: Double? { state.withLock { $0.lastLoadMilliseconds } }
    public var completedLoads: Int { state.withLock { $0.loads } }

    /// Starts a load in the background, or asks the running one to load once more when it ends.
    public func refresh() {
        let start = state.withLock { s -> Bool in
            if s.stopping { return false }
            if s.loading { s.again = true; return false }
            s.loading = true
            return true
        }
        guard start else { return }
        let context = Unmanaged.passRetained(self)
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { raw in
            let loader = Unmanaged<CatalogSnapshotLoader>.fromOpaque(raw!).takeRetainedValue()
            loader.loadUntilCurrent()
            return nil
        }, context.toOpaque())
        if result == 0 {
            pthread_detach(handle)
        } else {
            context.release()
            state.withLock { $0.loading = false }
        }
    }

    /// At exit, before the pool shuts down: stops loading after the query in flight (a session quit right after
    /// start waited for the whole load, 15 ms on an empty database, 50–60 ms with 2,000 tables) and waits up
    /// to `timeout` for the loader to give its connection back, so that the pool closes it cleanly.
    public func stop(waitingAtMost timeout: Duration) {
        state.withLock { s in
            s.stopping = true
            s.again = false
        }
        let deadline = ContinuousClock.now + timeout
        while state.withLock({ $0.loading }) {
            let left = deadline - ContinuousClock.now
            if left <= .zero { return }
            _ = idle.wait(timeout: min(left, .milliseconds(50)))
        }
    }

    /// Right after start the first load may still be in flight when the user presses Tab: waits for its first
    /// phase (tables and columns) at most `timeout`, in 1 ms steps. Never waits once a snapshot exists, and
    /// never for a refresh — the callback then answers from the snapshot it has.
    public func waitForFirstLoad(timeout: Duration) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let pending = state.withLock { !$0.loaded && $0.loading }
            if !pending { return }
            usleep(1000)
        }
    }

    private func publishPartial(_ partial: CatalogSnapshot) {
        state.withLock { s in
            var next = partial
            if next.columns.isEmpty { next.columns = s.snapshot.columns }
            next.schemas = s.snapshot.schemas
            next.functions = s.snapshot.functions
            next.types = s.snapshot.types
            next.databases = s.snapshot.databases
            next.roles = s.snapshot.roles
            s.snapshot = next
            s.loaded = true
        }
    }

    private func loadUntilCurrent() {
        while true {
            loadOnce()
            let done = state.withLock { s -> Bool in
                if s.again { s.again = false; return false }
                s.loading = false
                return true
            }
            if done { break }
        }
        idle.signal()
    }

    private func loadOnce() {
        let started = MonotonicClock.now()
        guard let lease = try? pool.lease(role: .catalog, timeout: .seconds(10)) else { return }
        defer { lease.release() }
        lease.setActivity("tidepool: loading the catalog for completion")
        // A lost connection or the stop at exit: nothing more is sent, and what was read is not published.
        var abandoned = false
        let run: (String) -> [[String?]]? = { [state] sql in
            guard !abandoned else { return nil }
            if state.withLock({ $0.stopping }) {
                abandoned = true
                return nil
            }
            let collector = RowCollector()
            do {
                let outcome = try lease.connection.execute(Array(sql.utf8), handler: collector, interrupt: nil)
                return outcome.lastError == nil ? collector.rows : nil
            } catch {
                abandoned = true
                lease.markBroken()
                return nil
            }
        }
        // Relations first, then their columns, each swapped in at once: they are what the first Tab usually
        // wants. Until the other names arrive, those of the previous load stay.
        var (snapshot, keys) = CatalogSnapshot.loadRelations(run)
        if abandoned { return }
        publishPartial(snapshot)
        CatalogSnapshot.loadColumns(into: &snapshot, keys: keys, run)
        if abandoned { return }
        publishPartial(snapshot)
        CatalogSnapshot.loadNames(into: &snapshot, run)
        let elapsed = MonotonicClock.now().secondsSince(started) * 1000
        if abandoned { return }
        state.withLock {
            $0.snapshot = snapshot
            $0.lastLoadMilliseconds = elapsed
            $0.loads += 1
        }
    }
}
