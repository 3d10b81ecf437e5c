import Foundation
import Synchronization
import Testing

@testable import TidepoolCore

/// The pool itself is under test here, with real threads; the connection is a stand-in with no
/// network (its only behaviour is being alive or not, and being closed).
private final class FakeConnection: PoolableConnection {
    let backendPID: Int32
    let target: String
    private let alive = Atomic<Bool>(true)
    private let closed = Atomic<Bool>(false)

    init(pid: Int32, target: String = "first") {
        backendPID = pid
        self.target = target
    }

    func isAlive() -> Bool { alive.load(ordering: .acquiring) && !isClosed }
    func close() { closed.store(true, ordering: .releasing) }
    var isClosed: Bool { closed.load(ordering: .acquiring) }
    func die() { alive.store(false, ordering: .releasing) }
}

/// Hands out fake connections and remembers every one it made.
private final class FakeServer: Sendable {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "connection to server on socket \"/tmp/.s.PGSQL.1\" failed: No such file or directory" }
    }

    private let made = Mutex<[FakeConnection]>([])
    let refusing = Atomic<Bool>(false)
    let connectDelay: Duration

    init(connectDelay: Duration = .zero) { self.connectDelay = connectDelay }

    func connect(target: String = "first") throws(Refused) -> FakeConnection {
        if connectDelay > .zero { Thread.sleep(forTimeInterval: Double(connectDelay.poolNanoseconds) / 1e9) }
        if refusing.load(ordering: .acquiring) { throw Refused() }
        return made.withLock { made in
            let connection = FakeConnection(pid: Int32(1000 + made.count), target: target)
            made.append(connection)
            return connection
        }
    }

    var connections: [FakeConnection] { made.withLock { $0 } }
}

/// Runs `body` on `count` plain threads (not Swift's cooperative pool, like the shell's callers)
/// and waits for all of them.
private func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}

/// Polls `condition` for up to `seconds`.
private func eventually(_ seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return condition()
}

@Suite struct PoolShellTests {
    @Test func manyThreadsLeaseConcurrentlyAndNoLeaseIsLost() throws {
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 3)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        defer { pool.shutdown() }
        let inUse = Atomic<Int>(0)
        let mostInUse = Atomic<Int>(0)
        let served = Atomic<Int>(0)
        let holders = Mutex<[ObjectIdentifier: Int]>([:])

        onThreads(8) { _ in
            for _ in 0..<50 {
                do {
                    try pool.withLease(role: .job) { connection in
                        let now = inUse.add(1, ordering: .acquiringAndReleasing).newValue
                        _ = mostInUse.max(now, ordering: .acquiringAndReleasing)
                        // No connection is ever held by two leases at once.
                        holders.withLock { $0[ObjectIdentifier(connection), default: 0] += 1 }
                        #expect(holders.withLock { $0[ObjectIdentifier(connection)] } == 1)
                        usleep(UInt32.random(in: 0...300))
                        holders.withLock { $0[ObjectIdentifier(connection)]! -= 1 }
                        inUse.subtract(1, ordering: .acquiringAndReleasing)
                        served.add(1, ordering: .relaxed)
                    }
                } catch {
                    Issue.record("lease failed: \(error)")
                }
            }
        }

        #expect(served.load(ordering: .relaxed) == 400)
        #expect(mostInUse.load(ordering: .relaxed) <= 3)
        let stats = pool.snapshot()
        #expect(stats.leasesServed == 400)
        #expect(stats.leased == 0)
        #expect(stats.waiting == 0)
        #expect(stats.timeouts == 0)
        #expect(stats.size == stats.idle)
        #expect(stats.size <= 3)
        #expect(server.connections.count == stats.connects)
        #expect(stats.connections.map(\.leasesServed).reduce(0, +) == 400)
    }

    @Test func blockedLeasesAreServedInArrivalOrder() throws {
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 1)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        defer { pool.shutdown() }
        let first = try pool.lease(role: .session)
        let order = Mutex<[Int]>([])
        let group = DispatchGroup()
        for index in 0..<5 {
            group.enter()
            Thread {
                do {
                    try pool.withLease(role: .job) { _ in order.withLock { $0.append(index) } }
                } catch {
                    Issue.record("lease \(index) failed: \(error)")
                }
                group.leave()
            }.start()
            // The next thread starts only once this one is queued.
            #expect(eventually { pool.snapshot().waiting == index + 1 })
        }
        first.release()
        group.wait()
        #expect(order.withLock { $0 } == [0, 1, 2, 3, 4])
    }

    @Test func aLeaseTimesOutNamingThePoolState() throws {
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 1)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        defer { pool.shutdown() }
        let held = try pool.lease(role: .session)
        let started = Date()
        do {
            _ = try pool.lease(role: .job, timeout: .milliseconds(300))
            Issue.record("lease did not time out")
        } catch {
            #expect(error.code == .exhausted)
            #expect(error.message.hasPrefix("pool exhausted: 1 of 1 connections busy, 1 waiting, waited 0."))
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.3 && elapsed < 1.5)
        #expect(pool.snapshot().timeouts == 1)
        held.release()
    }

    @Test func withLeaseReleasesWhenTheBodyThrows() throws {
        struct Oops: Error {}
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 1)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        defer { pool.shutdown() }
        #expect(throws: Oops.self) {
            try pool.withLease(role: .catalog) { _ in throw Oops() }
        }
        let stats = pool.snapshot()
        #expect(stats.leased == 0)
        #expect(stats.idle == 1)
        // The only connection is free again: a lease that may not wait gets it.
        let again = try pool.lease(role: .job, timeout: .zero)
        #expect(again.connection === server.connections.first)
        again.release()
        again.release()  // idempotent
        #expect(pool.snapshot().idle == 1)
    }

    @Test func interruptionStopsTheWait() throws {
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 1)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        defer { pool.shutdown() }
        let held = try pool.lease(role: .session)
        let calls = Atomic<Int>(0)
        let started = Date()
        #expect {
            _ = try pool.lease(role: .job) { calls.add(1, ordering: .relaxed).newValue > 3 }
        } throws: { ($0 as? PoolError)?.code == .interrupted }
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(pool.snapshot().waiting == 0)
        held.release()
    }

    @Test func aFailedConnectReportsTheConnectorsError() throws {
        let server = FakeServer()
        server.refusing.store(true, ordering: .releasing)
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 2)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        defer { pool.shutdown() }
        do {
            _ = try pool.lease(role: .session)
            Issue.record("lease succeeded")
        } catch {
            #expect(error.code == .connectFailed)
            #expect(error.message == FakeServer.Refused().description)
            #expect(error.underlying is FakeServer.Refused)
        }
        #expect(pool.snapshot().failures == 1)
        // Once the server is back and the back-off (0.1 s) has passed, leases work again.
        server.refusing.store(false, ordering: .releasing)
        let lease = try pool.lease(role: .session)
        #expect(lease.connection.backendPID == 1000)
        lease.release()
    }

    @Test func aDeadIdleConnectionIsReplacedOnLease() throws {
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 2)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        defer { pool.shutdown() }
        try pool.withLease(role: .job) { _ in }
        let original = server.connections[0]
        original.die()
        let lease = try pool.lease(role: .job)
        #expect(lease.connection !== original)
        #expect(original.isClosed)
        let stats = pool.snapshot()
        #expect(stats.reconnects == 1)
        #expect(stats.size == 1)
        lease.release()
    }

    @Test func aBrokenLeaseIsClosedOnRelease() throws {
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 2)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        defer { pool.shutdown() }
        let lease = try pool.lease(role: .job)
        lease.setActivity("select 1")
        #expect(pool.snapshot().connections.first?.statement == "select 1")
        lease.markBroken()
        lease.release()
        #expect(lease.connection.isClosed)
        let stats = pool.snapshot()
        #expect(stats.size == 0)
        #expect(stats.brokenClosed == 1)
    }

    @Test func maintenanceKeepsTheMinimumAndClosesIdleExtras() throws {
        let server = FakeServer()
        let pool = ConnectionPool(
            configuration: PoolConfiguration(minimum: 1, maximum: 3, idleTimeout: .milliseconds(200)),
            maintenanceInterval: .milliseconds(20)
        ) { () throws(FakeServer.Refused) in try server.connect() }
        defer { pool.shutdown() }
        #expect(eventually { pool.snapshot().idle == 1 })
        let leases = try (0..<3).map { _ in try pool.lease(role: .job) }
        #expect(pool.snapshot().size == 3)
        for lease in leases { lease.release() }
        #expect(eventually { pool.snapshot().size == 1 })
        #expect(server.connections.filter(\.isClosed).count == 2)
        #expect(pool.snapshot().idle == 1)
    }

    @Test func shutdownStopsMaintenance() throws {
        let server = FakeServer()
        let pool = ConnectionPool(
            configuration: PoolConfiguration(minimum: 2, maximum: 3), maintenanceInterval: .milliseconds(10)
        ) { () throws(FakeServer.Refused) in try server.connect() }
        #expect(eventually { pool.snapshot().idle == 2 })
        pool.shutdown()
        #expect(pool.snapshot().size == 0)
        Thread.sleep(forTimeInterval: 0.1)
        // Nothing reopened the minimum after shutdown, and what existed is closed.
        #expect(server.connections.count == 2)
        #expect(server.connections.allSatisfy { $0.isClosed })
    }

    @Test func replacingTheConnectorMovesEveryConnection() throws {
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 3)) {
            () throws(FakeServer.Refused) in try server.connect(target: "first")
        }
        defer { pool.shutdown() }
        let held = try pool.lease(role: .session)
        try pool.withLease(role: .job) { _ in }
        #expect(pool.snapshot().size == 2)

        pool.replaceConnector { () throws(FakeServer.Refused) in try server.connect(target: "second") }
        #expect(pool.snapshot().size == 1)
        #expect(pool.snapshot().connections.first?.state == .closing)
        held.release()
        #expect(held.connection.isClosed)
        let moved = try pool.lease(role: .session)
        #expect(moved.connection.target == "second")
        moved.release()
        let firstTarget = server.connections.filter { $0.target == "first" }
        #expect(firstTarget.count == 2)
        #expect(firstTarget.allSatisfy { $0.isClosed })
    }

    @Test func shutdownFailsWaitersAndLaterLeases() throws {
        let server = FakeServer()
        let pool = ConnectionPool(configuration: PoolConfiguration(minimum: 0, maximum: 1)) {
            () throws(FakeServer.Refused) in try server.connect()
        }
        let held = try pool.lease(role: .session)
        let outcome = Mutex<PoolError.Code?>(nil)
        let group = DispatchGroup()
        group.enter()
        Thread {
            do throws(PoolError) {
                _ = try pool.lease(role: .job)
            } catch {
                outcome.withLock { $0 = error.code }
            }
            group.leave()
        }.start()
        #expect(eventually { pool.snapshot().waiting == 1 })
        pool.shutdown()
        group.wait()
        #expect(outcome.withLock { $0 } == .shutDown)
        #expect(throws: PoolError.self) { try pool.lease(role: .job, timeout: .zero) }
        held.release()
        #expect(held.connection.isClosed)
    }
}
