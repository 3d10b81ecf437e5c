import Testing

@testable import TidepoolCore

@Suite struct PoolReportTests {
    static let origin = PoolInstant(nanoseconds: 5_000_000_000_000)

    static func ago(_ duration: Duration) -> PoolInstant {
        PoolInstant(nanoseconds: origin.nanoseconds - duration.poolNanoseconds)
    }

    static func info(
        _ id: Int, _ role: ConnectionRole?, _ state: PooledConnectionState, pid: Int32?,
        statement: String? = nil, running: Duration? = nil, transaction: Duration? = nil,
        leases: Int, age: Duration
    ) -> PooledConnectionInfo {
        PooledConnectionInfo(
            id: id, role: role, state: state, backendPID: pid, statement: statement,
            statementSince: running.map(ago), transactionStart: transaction.map(ago), leasesServed: leases,
            createdAt: ago(age), closesOnRelease: false)
    }

    static func stats(_ connections: [PooledConnectionInfo]) -> PoolStats {
        PoolStats(
            takenAt: origin, minimum: 1, maximum: 4, size: connections.count, idle: 1, leased: 2, active: 1,
            connecting: 0, waiting: 0, leasesServed: 12, totalWait: .microseconds(4800),
            maximumWait: .microseconds(2100), timeouts: 0, connects: 3, failures: 0, reconnects: 0,
            brokenClosed: 0, connections: connections)
    }

    @Test func rendersTotalsTableAndLeaseLine() {
        let stats = Self.stats([
            Self.info(1, .session, .inTransaction, pid: 41233, transaction: .milliseconds(4100), leases: 1, age: .seconds(312)),
            Self.info(
                2, .job, .busy, pid: 41240, statement: "select pg_sleep(10)", running: .milliseconds(3200), leases: 3,
                age: .seconds(121)),
            Self.info(3, nil, .idle, pid: 41250, leases: 5, age: .seconds(12)),
        ])
        let expected = """
            Pool: 3 connections (min 1, max 4): 1 idle, 2 leased (1 busy), 0 connecting, 0 waiting
             id |  role   | state |  pid  |      statement      | running | xact  | leases |  age
            ----+---------+-------+-------+---------------------+---------+-------+--------+--------
              1 | session | in tx | 41233 |                     |         | 4.1 s |      1 | 5m12s
              2 | job     | busy  | 41240 | select pg_sleep(10) | 3.2 s   |       |      3 | 2m01s
              3 | -       | idle  | 41250 |                     |         |       |      5 | 12.0 s
            Leases: 12 served, wait mean 0.4 ms, max 2.1 ms; 0 timeouts; 3 connects, 0 reconnects, 0 failures, 0 closed broken

            """
        #expect(PoolReport.render(stats, now: Self.origin) == expected)
    }

    @Test func statementsAreShownOnOneLineAndCut() {
        #expect(PoolReport.oneLine("select *\n  from t\twhere x = 1\n") == "select * from t where x = 1")
        let long = PoolReport.oneLine("select " + String(repeating: "a, ", count: 40) + "b")
        #expect(long.count == PoolReport.statementWidth)
        #expect(long.hasSuffix("…"))
    }

    @Test func anEmptyPoolSaysSo() {
        var stats = Self.stats([])
        stats.idle = 0
        stats.leased = 0
        stats.active = 0
        stats.leasesServed = 0
        stats.totalWait = .zero
        stats.maximumWait = .zero
        let text = PoolReport.render(stats, now: Self.origin)
        #expect(text.hasPrefix("Pool: 0 connections (min 1, max 4): 0 idle, 0 leased (0 busy), 0 connecting, 0 waiting\n(no connections)\n"))
        #expect(text.hasSuffix("Leases: 0 served, wait mean 0.0 ms, max 0.0 ms; 0 timeouts; 3 connects, 0 reconnects, 0 failures, 0 closed broken\n"))
    }

    static let elapsedCases: [(Duration, String)] = [
        (.microseconds(400), "0.4 ms"),
        (.microseconds(123_449), "123.4 ms"),
        (.microseconds(999_960), "1.0 s"),
        (.milliseconds(3249), "3.2 s"),
        (.milliseconds(59_960), "1m00s"),
        (.seconds(312), "5m12s"),
        (.seconds(7439), "2h03m"),
        (.seconds(273_600), "3d04h"),
        (.seconds(-5), "0.0 ms"),
    ]

    @Test(arguments: elapsedCases)
    func elapsedTimesReadWell(duration: Duration, text: String) {
        #expect(DurationText.elapsed(duration) == text)
    }

    @Test func secondsHaveOneRoundedDecimal() {
        #expect(DurationText.seconds(.seconds(30)) == "30.0")
        #expect(DurationText.seconds(.milliseconds(149)) == "0.1")
        #expect(DurationText.seconds(.milliseconds(150)) == "0.2")
    }
}
