import Testing

@testable import TidepoolCore

/// The pool's logic driven synchronously with a fake clock: every instant is made up.
@Suite struct PoolStateMachineTests {
    struct RefusedError: Error, CustomStringConvertible {
        let description: String
    }

    /// A made-up instant, in seconds from an arbitrary origin.
    static func at(_ seconds: Double) -> PoolInstant {
        PoolInstant(nanoseconds: 1_000_000_000_000 + Int64(seconds * 1_000_000_000))
    }

    static func machine(
        minimum: Int = 0, maximum: Int = 4, acquireTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(300)
    ) -> PoolStateMachine {
        PoolStateMachine(
            configuration: PoolConfiguration(
                minimum: minimum, maximum: maximum, acquireTimeout: acquireTimeout, idleTimeout: idleTimeout))
    }

    /// Asks for a lease and, if the machine lets this request connect or use a connection at once,
    /// plays the requesting thread to the end: returns the connection it holds, or nil if it waits.
    static func lease(
        _ machine: inout PoolStateMachine, role: ConnectionRole = .job, timeout: Duration = .seconds(30),
        at now: PoolInstant, pid: Int32 = 100
    ) -> (LeaseRequestID, Int?) {
        let (request, _) = machine.requestLease(role: role, timeout: timeout, now: now)
        return (request, finish(&machine, request, at: now, pid: pid))
    }

    /// Plays the requesting thread: connects if told to, checks and confirms. Nil if it must wait.
    static func finish(
        _ machine: inout PoolStateMachine, _ request: LeaseRequestID, at now: PoolInstant, pid: Int32 = 100
    ) -> Int? {
        while true {
            switch machine.step(for: request) {
            case .wait: return nil
            case .connect(let id): _ = machine.connectSucceeded(id, backendPID: pid, now: now)
            case .check(let id):
                machine.leaseConfirmed(request, now: now)
                return id
            case .fail(let error): Issue.record("unexpected failure: \(error)"); return nil
            }
        }
    }

    static func failure(_ machine: inout PoolStateMachine, _ request: LeaseRequestID) -> PoolError? {
        if case .fail(let error) = machine.step(for: request) { return error }
        return nil
    }

    @Test func waitersAreServedInArrivalOrder() {
        var machine = Self.machine(maximum: 1)
        let (first, connection) = Self.lease(&machine, at: Self.at(0))
        #expect(connection == 1)
        var waiters: [LeaseRequestID] = []
        for index in 0..<4 {
            let (request, got) = Self.lease(&machine, at: Self.at(Double(index + 1)))
            #expect(got == nil)
            waiters.append(request)
        }
        #expect(machine.stats(now: Self.at(5)).waiting == 4)

        var holder = first
        var served: [LeaseRequestID] = []
        for tick in 0..<4 {
            let actions = machine.release(1, lease: holder, broken: false, now: Self.at(10 + Double(tick)))
            // Exactly one waiter is woken, and it is the oldest still waiting.
            let woken = actions.compactMap { if case .wake(let id) = $0 { id } else { nil } }
            #expect(woken == [waiters[tick]])
            for waiter in waiters[(tick + 1)...] {
                guard case .wait = machine.step(for: waiter) else {
                    Issue.record("\(waiter) overtook \(waiters[tick])")
                    return
                }
            }
            #expect(Self.finish(&machine, woken[0], at: Self.at(10 + Double(tick))) == 1)
            served.append(woken[0])
            holder = woken[0]
        }
        #expect(served == waiters)
        #expect(machine.stats(now: Self.at(20)).connects == 1)
    }

    @Test func aWaiterTimesOutWithThePoolStateInItsMessage() {
        var machine = Self.machine(maximum: 2)
        _ = Self.lease(&machine, at: Self.at(0))
        _ = Self.lease(&machine, at: Self.at(0))
        let (early, _) = Self.lease(&machine, at: Self.at(1))
        let (late, _) = Self.lease(&machine, at: Self.at(2))

        _ = machine.tick(now: Self.at(30.9))
        guard case .wait = machine.step(for: early) else { Issue.record("timed out early"); return }

        let actions = machine.tick(now: Self.at(31))
        #expect(actions.contains(.wake(early)))
        let error = Self.failure(&machine, early)
        #expect(error?.code == .exhausted)
        #expect(error?.message == "pool exhausted: 2 of 2 connections busy, 2 waiting, waited 30.0 s")
        guard case .wait = machine.step(for: late) else { Issue.record("late waiter failed too"); return }

        _ = machine.tick(now: Self.at(32.04))
        #expect(
            Self.failure(&machine, late)?.message
                == "pool exhausted: 2 of 2 connections busy, 1 waiting, waited 30.0 s")
        let stats = machine.stats(now: Self.at(33))
        #expect(stats.timeouts == 2)
        #expect(stats.waiting == 0)
    }

    @Test func minimumIsOpenedAndMaximumNeverExceeded() {
        var machine = Self.machine(minimum: 2, maximum: 3)
        let opened = [machine.openMinimum(now: Self.at(0)), machine.openMinimum(now: Self.at(0))]
        #expect(opened == [1, 2])
        #expect(machine.openMinimum(now: Self.at(0)) == nil)
        #expect(machine.stats(now: Self.at(0)).connecting == 2)
        for id in [1, 2] { _ = machine.connectSucceeded(id, backendPID: Int32(id), now: Self.at(0.1)) }
        #expect(machine.stats(now: Self.at(0.1)).idle == 2)

        var held: [Int?] = []
        for _ in 0..<3 { held.append(Self.lease(&machine, at: Self.at(1)).1) }
        #expect(Set(held.compactMap { $0 }) == [1, 2, 3])
        let (fourth, got) = Self.lease(&machine, at: Self.at(1))
        #expect(got == nil)
        guard case .wait = machine.step(for: fourth) else { Issue.record("fourth not waiting"); return }
        let stats = machine.stats(now: Self.at(1))
        #expect(stats.size == 3)
        #expect(stats.leased == 3)
        #expect(stats.waiting == 1)
        #expect(stats.connects == 3)
    }

    @Test func aRequestClaimsTheMaintenanceConnectInsteadOfOpeningAnother() {
        var machine = Self.machine(minimum: 1, maximum: 4)
        let id = machine.openMinimum(now: Self.at(0))
        let (request, got) = Self.lease(&machine, role: .session, at: Self.at(0.01))
        #expect(got == nil)
        #expect(machine.stats(now: Self.at(0.01)).size == 1)
        let actions = machine.connectSucceeded(id!, backendPID: 7, now: Self.at(0.05))
        #expect(actions == [.wake(request)])
        #expect(Self.finish(&machine, request, at: Self.at(0.05)) == id)
        let info = machine.stats(now: Self.at(0.05)).connections
        #expect(info.count == 1)
        #expect(info.first?.role == .session)
        #expect(info.first?.backendPID == 7)
    }

    @Test func idleConnectionsCloseAfterIdleTimeoutOnlyAboveMinimum() {
        var machine = Self.machine(minimum: 1, maximum: 3, idleTimeout: .seconds(300))
        let held = (0..<3).map { _ in Self.lease(&machine, at: Self.at(0)) }
        // Released at 10, 20, 30: the one idle longest closes first.
        for (index, (request, id)) in held.enumerated() {
            _ = machine.release(id!, lease: request, broken: false, now: Self.at(Double(index + 1) * 10))
        }
        #expect(machine.tick(now: Self.at(309)).isEmpty)
        #expect(machine.tick(now: Self.at(310)) == [.close(connection: held[0].1!)])
        #expect(machine.tick(now: Self.at(320)) == [.close(connection: held[1].1!)])
        // The last one is the minimum: it stays however long it idles.
        #expect(machine.tick(now: Self.at(10_000)).isEmpty)
        let stats = machine.stats(now: Self.at(10_000))
        #expect(stats.size == 1)
        #expect(stats.idle == 1)
    }

    @Test func aDeadConnectionIsReplacedWithoutFailingTheLease() {
        var machine = Self.machine(maximum: 2)
        let (first, id) = Self.lease(&machine, at: Self.at(0), pid: 100)
        _ = machine.release(id!, lease: first, broken: false, now: Self.at(1))

        let (request, _) = machine.requestLease(role: .catalog, timeout: .seconds(30), now: Self.at(2))
        guard case .check(let handed) = machine.step(for: request) else { Issue.record("no handover"); return }
        #expect(handed == id)
        #expect(machine.connectionFoundDead(request, now: Self.at(2)) == [.close(connection: handed)])
        guard case .connect(let replacement) = machine.step(for: request) else {
            Issue.record("no replacement connect")
            return
        }
        _ = machine.connectSucceeded(replacement, backendPID: 200, now: Self.at(2.5))
        guard case .check(replacement) = machine.step(for: request) else { Issue.record("not handed"); return }
        machine.leaseConfirmed(request, now: Self.at(2.5))

        let stats = machine.stats(now: Self.at(3))
        #expect(stats.reconnects == 1)
        #expect(stats.failures == 0)
        #expect(stats.timeouts == 0)
        #expect(stats.leasesServed == 2)
        #expect(stats.size == 1)
        #expect(stats.connections.first?.backendPID == 200)
        #expect(stats.connections.first?.role == .catalog)
    }

    @Test func aFailedConnectFailsItsRequestAndBacksOff() {
        var machine = Self.machine(maximum: 4)
        let refused = RefusedError(description: "connection to server at \"127.0.0.1\", port 1 failed: Connection refused")

        let (first, _) = machine.requestLease(role: .job, timeout: .seconds(30), now: Self.at(0))
        guard case .connect(let id) = machine.step(for: first) else { Issue.record("no connect"); return }
        #expect(machine.connectFailed(id, error: refused, now: Self.at(0)) == [.wake(first)])
        let error = Self.failure(&machine, first)
        #expect(error?.code == .connectFailed)
        #expect(error?.message == refused.description)
        #expect((error?.underlying as? RefusedError)?.description == refused.description)

        // Backing off for 0.1 s: a new request waits instead of connecting…
        let (second, _) = machine.requestLease(role: .job, timeout: .seconds(30), now: Self.at(0.05))
        guard case .wait = machine.step(for: second) else { Issue.record("connected while backing off"); return }
        _ = machine.tick(now: Self.at(0.09))
        guard case .wait = machine.step(for: second) else { Issue.record("back-off ended early"); return }
        // …and connects once the back-off is over.
        #expect(machine.tick(now: Self.at(0.1)) == [.wake(second)])
        guard case .connect(let retry) = machine.step(for: second) else { Issue.record("no retry"); return }
        _ = machine.connectFailed(retry, error: refused, now: Self.at(0.1))
        #expect(Self.failure(&machine, second)?.code == .connectFailed)

        // Second failure: 0.2 s. A request whose deadline falls inside it fails with the connect error.
        let (third, _) = machine.requestLease(role: .job, timeout: .milliseconds(100), now: Self.at(0.15))
        _ = machine.tick(now: Self.at(0.25))
        let backoffError = Self.failure(&machine, third)
        #expect(backoffError?.code == .connectFailed)
        #expect(backoffError?.message == refused.description)

        let stats = machine.stats(now: Self.at(1))
        #expect(stats.failures == 2)
        #expect(stats.connects == 0)
        #expect(stats.timeouts == 1)
        #expect(stats.size == 0)
    }

    @Test func backOffDoublesUpToItsMaximumAndEndsOnSuccess() {
        var machine = Self.machine(minimum: 1, maximum: 1)
        let refused = RefusedError(description: "refused")
        func at(milliseconds: Int64) -> PoolInstant { PoolInstant(nanoseconds: milliseconds * 1_000_000) }

        var now: Int64 = 0
        guard var id = machine.openMinimum(now: at(milliseconds: now)) else { Issue.record("no connect"); return }
        for delay: Int64 in [100, 200, 400, 800, 1600, 3200, 5000, 5000] {
            _ = machine.connectFailed(id, error: refused, now: at(milliseconds: now))
            #expect(machine.openMinimum(now: at(milliseconds: now + delay - 1)) == nil, "before \(delay) ms")
            now += delay
            guard let next = machine.openMinimum(now: at(milliseconds: now)) else {
                Issue.record("no connect after \(delay) ms")
                return
            }
            id = next
        }
        _ = machine.connectSucceeded(id, backendPID: 1, now: at(milliseconds: now))

        // A success resets the count: the next failure backs off 0.1 s again.
        let (request, _) = machine.requestLease(role: .job, timeout: .seconds(1), now: at(milliseconds: now))
        guard case .check(let held) = machine.step(for: request) else { Issue.record("no handover"); return }
        machine.leaseConfirmed(request, now: at(milliseconds: now))
        #expect(machine.release(held, lease: request, broken: true, now: at(milliseconds: now)) == [.close(connection: held)])
        guard let fresh = machine.openMinimum(now: at(milliseconds: now)) else { Issue.record("backing off"); return }
        _ = machine.connectFailed(fresh, error: refused, now: at(milliseconds: now))
        #expect(machine.openMinimum(now: at(milliseconds: now + 99)) == nil)
        #expect(machine.openMinimum(now: at(milliseconds: now + 100)) != nil)
        #expect(machine.stats(now: at(milliseconds: now)).failures == 9)
    }

    @Test func aConnectionReleasedBrokenIsClosedAndItsWaiterConnectsAfresh() {
        var machine = Self.machine(maximum: 1)
        let (holder, id) = Self.lease(&machine, at: Self.at(0))
        let (waiter, _) = Self.lease(&machine, at: Self.at(1))
        let actions = machine.release(id!, lease: holder, broken: true, now: Self.at(2))
        #expect(actions == [.close(connection: id!), .wake(waiter)])
        guard case .connect = machine.step(for: waiter) else { Issue.record("waiter did not connect"); return }
        // A second release of the same lease changes nothing.
        #expect(machine.release(id!, lease: holder, broken: false, now: Self.at(3)).isEmpty)
        let stats = machine.stats(now: Self.at(3))
        #expect(stats.brokenClosed == 1)
        #expect(stats.connecting == 1)
        #expect(stats.size == 1)
    }

    @Test func statisticsCountLeasesAndWaits() {
        var machine = Self.machine(maximum: 1)
        let (first, id) = Self.lease(&machine, at: Self.at(0))  // waited 0
        let (second, _) = Self.lease(&machine, at: Self.at(1))
        _ = machine.release(id!, lease: first, broken: false, now: Self.at(1.5))
        _ = Self.finish(&machine, second, at: Self.at(1.5))  // waited 0.5 s
        let (third, _) = Self.lease(&machine, at: Self.at(2))
        _ = machine.release(id!, lease: second, broken: false, now: Self.at(4))
        _ = Self.finish(&machine, third, at: Self.at(4))  // waited 2 s

        let stats = machine.stats(now: Self.at(5))
        #expect(stats.leasesServed == 3)
        #expect(stats.maximumWait == .seconds(2))
        #expect(stats.meanWait == .milliseconds(2500) / 3)
        #expect(stats.connects == 1)
        #expect(stats.connections.first?.leasesServed == 3)
        #expect(stats.connections.first?.createdAt == Self.at(0))
    }

    @Test func statesShowWhatTheHolderSaid() {
        var machine = Self.machine(maximum: 3)
        let (session, sessionID) = Self.lease(&machine, role: .session, at: Self.at(0), pid: 11)
        let (job, jobID) = Self.lease(&machine, role: .job, at: Self.at(0), pid: 12)
        let (spare, spareID) = Self.lease(&machine, role: .catalog, at: Self.at(0), pid: 13)
        _ = machine.release(spareID!, lease: spare, broken: false, now: Self.at(1))

        machine.markInTransaction(sessionID!, lease: session, since: Self.at(2))
        machine.setActivity(jobID!, lease: job, statement: "select pg_sleep(10)", now: Self.at(3))
        // A lease that is not the holder's changes nothing.
        machine.setActivity(sessionID!, lease: job, statement: "nope", now: Self.at(3))

        var stats = machine.stats(now: Self.at(4))
        #expect(stats.connections.map(\.state) == [.inTransaction, .busy, .idle])
        #expect(stats.connections.map(\.role) == [.session, .job, nil])
        #expect(stats.connections[0].transactionStart == Self.at(2))
        #expect(stats.connections[1].statement == "select pg_sleep(10)")
        #expect(stats.connections[1].statementSince == Self.at(3))
        #expect(stats.active == 1)
        #expect(stats.leased == 2)
        #expect(stats.idle == 1)

        machine.setActivity(jobID!, lease: job, statement: nil, now: Self.at(5))
        machine.markInTransaction(sessionID!, lease: session, since: nil)
        stats = machine.stats(now: Self.at(5))
        #expect(stats.connections.map(\.state) == [.leased, .leased, .idle])

        let long = String(repeating: "x", count: 500)
        machine.setActivity(jobID!, lease: job, statement: long, now: Self.at(6))
        #expect(machine.stats(now: Self.at(6)).connections[1].statement?.count == PoolStateMachine.statementLimit)
    }

    @Test func retargetClosesIdleNowAndLeasedOnRelease() {
        var machine = Self.machine(maximum: 3)
        let (held, heldID) = Self.lease(&machine, at: Self.at(0))
        let (spare, spareID) = Self.lease(&machine, at: Self.at(0))
        _ = machine.release(spareID!, lease: spare, broken: false, now: Self.at(1))

        #expect(machine.retarget(now: Self.at(2)) == [.close(connection: spareID!)])
        let stats = machine.stats(now: Self.at(2))
        #expect(stats.size == 1)
        #expect(stats.connections.first?.closesOnRelease == true)
        #expect(stats.connections.first?.state == .closing)
        #expect(machine.release(heldID!, lease: held, broken: false, now: Self.at(3)) == [.close(connection: heldID!)])
        #expect(machine.stats(now: Self.at(3)).brokenClosed == 0)
    }

    @Test func aConnectOpenedWithTheOldTargetIsDiscardedAndRedone() {
        var machine = Self.machine(maximum: 2)
        let (request, _) = machine.requestLease(role: .job, timeout: .seconds(30), now: Self.at(0))
        guard case .connect(let old) = machine.step(for: request) else { Issue.record("no connect"); return }
        _ = machine.retarget(now: Self.at(0.1))
        let actions = machine.connectSucceeded(old, backendPID: 1, now: Self.at(0.2))
        #expect(actions.first == .close(connection: old))
        guard case .connect(let fresh) = machine.step(for: request) else { Issue.record("no new connect"); return }
        _ = machine.connectSucceeded(fresh, backendPID: 2, now: Self.at(0.3))
        guard case .check(fresh) = machine.step(for: request) else { Issue.record("not handed"); return }
    }

    @Test func cancelledRequestGivesBackWhatItWasHanded() {
        var machine = Self.machine(maximum: 1)
        let (holder, id) = Self.lease(&machine, at: Self.at(0))
        let (waiter, _) = Self.lease(&machine, at: Self.at(0))
        let (behind, _) = Self.lease(&machine, at: Self.at(0))
        _ = machine.release(id!, lease: holder, broken: false, now: Self.at(1))
        // `waiter` was handed the connection but gave up before taking it: `behind` gets it.
        #expect(machine.cancelRequest(waiter, now: Self.at(1)) == [.wake(behind)])
        #expect(Self.finish(&machine, behind, at: Self.at(1)) == id)
        #expect(machine.stats(now: Self.at(1)).leasesServed == 2)
    }

    @Test func shutdownFailsWaitersAndClosesEverything() {
        var machine = Self.machine(maximum: 2)
        let (held, heldID) = Self.lease(&machine, at: Self.at(0))
        let (spare, spareID) = Self.lease(&machine, at: Self.at(0))
        _ = machine.release(spareID!, lease: spare, broken: false, now: Self.at(0))
        _ = Self.lease(&machine, at: Self.at(0))  // takes the spare
        let (waiter, _) = Self.lease(&machine, at: Self.at(0))

        let actions = machine.shutdown(now: Self.at(1))
        #expect(actions == [.wake(waiter)])
        #expect(Self.failure(&machine, waiter)?.code == .shutDown)
        #expect(machine.release(heldID!, lease: held, broken: false, now: Self.at(2)) == [.close(connection: heldID!)])
        let (late, _) = machine.requestLease(role: .job, timeout: .seconds(1), now: Self.at(3))
        #expect(Self.failure(&machine, late)?.code == .shutDown)
        #expect(machine.openMinimum(now: Self.at(3)) == nil)
    }
}
