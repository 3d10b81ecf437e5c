import Foundation
import Glibc
import Testing
@testable import TidepoolCore

/// Jobs below the command line: the stored result and its bounds (pure), and `JobTable` driving real
/// connections from a real pool on the test server (PGHOST/PGPORT/PGUSER). The jobs here only read, so they
/// share the `postgres` database; nothing is created.
@Suite("Background jobs: results, bounds, the job table")
struct JobTableTests {
    // MARK: Pure parts

    @Test("a stored result set gives back every cell: NULL, empty and non-empty apart")
    func storedCellsRoundTrip() {
        var set = StoredResultSet(columns: [ResultColumn(name: "a", typeOID: 25), ResultColumn(name: "b", typeOID: 25)])
        let rows: [[String?]] = [["x", nil], ["", "yz"], [nil, ""]]
        for row in rows { append(row, to: &set) }
        var back: [[String?]] = []
        set.forEachRow { cells in
            back.append(cells.map { $0.isNull ? nil : String(decoding: UnsafeBufferPointer(start: $0.base, count: $0.count), as: UTF8.self) })
        }
        #expect(back == rows)
        #expect(set.keptRows == 3)
    }

    @Test("JOB_MAX_ROWS and JOB_MAX_BYTES are read from variables, with units, and fall back to the defaults")
    func limitsFromVariables() {
        var variables = Variables()
        #expect(JobLimits(variables: variables) == JobLimits())
        _ = variables.set("JOB_MAX_ROWS", "25")
        _ = variables.set("JOB_MAX_BYTES", "2MB")
        #expect(JobLimits(variables: variables) == JobLimits(maxRows: 25, maxBytes: 2 << 20))
        _ = variables.set("JOB_MAX_BYTES", "nonsense")
        #expect(JobLimits(variables: variables).maxBytes == JobLimits.defaultMaxBytes)
        #expect(JobLimits.parseBytes("512 kB") == 512 * 1024)
    }

    @Test("the recorder keeps rows up to the row bound, counts the rest, and says which bound cut it")
    func recorderBounds() {
        let byRows = JobResultRecorder(job: Job(id: 1, sql: [], limits: JobLimits(maxRows: 2, maxBytes: 1000)))
        byRows.resultSetBegan(columns: [ResultColumn(name: "n", typeOID: 23)])
        for n in 1...5 { feed(["\(n)"], to: byRows) }
        byRows.resultSetEnded(rowCount: 5, commandTag: "SELECT 5")
        #expect(byRows.result.totalRows == 5)
        #expect(byRows.result.keptRows == 2)
        #expect(byRows.result.cutBy == .rows(2))

        let byBytes = JobResultRecorder(job: Job(id: 2, sql: [], limits: JobLimits(maxRows: 100, maxBytes: 5)))
        byBytes.resultSetBegan(columns: [ResultColumn(name: "s", typeOID: 25)])
        for word in ["abc", "de", "f"] { feed([word], to: byBytes) }
        #expect(byBytes.result.keptRows == 2, "abc + de = 5 bytes fit, f does not")
        #expect(byBytes.result.cutBy == .bytes(5))
    }

    @Test("the status line reads elapsed time and pool occupancy, and is cut to the terminal's width")
    func statusLineText() {
        let stats = PoolStats(takenAt: PoolInstant(nanoseconds: 0), minimum: 1, maximum: 4, size: 3, idle: 1, leased: 2,
                              active: 2, connecting: 0, waiting: 1, leasesServed: 0, totalWait: .zero,
                              maximumWait: .zero, timeouts: 0, connects: 0, failures: 0, reconnects: 0,
                              brokenClosed: 0, connections: [])
        let reading = StatusLine.Reading(pool: stats, runningJobs: 2)
        #expect(StatusLine.text(elapsedSeconds: 3.44, reading: reading, width: 200)
                == "running 3.4 s | pool 2/3 busy, 1 waiting | 2 jobs running")
        #expect(StatusLine.text(elapsedSeconds: 3.44, reading: reading, width: 12) == "running 3.4 ")

        // The session's open block shows its age.
        var inBlock = stats
        inBlock.takenAt = PoolInstant(nanoseconds: 125_000_000_000)
        inBlock.connections = [PooledConnectionInfo(id: 1, role: .session, state: .inTransaction, backendPID: 7,
                                                    statement: nil, statementSince: nil,
                                                    transactionStart: PoolInstant(nanoseconds: 5_000_000_000),
                                                    leasesServed: 1, createdAt: PoolInstant(nanoseconds: 0),
                                                    closesOnRelease: false)]
        let blockLine = StatusLine.text(elapsedSeconds: 1, reading: StatusLine.Reading(pool: inBlock, runningJobs: 0),
                                        width: 200)
        #expect(blockLine.hasSuffix(" | block open 2m00s"), "\(blockLine)")
    }

    // MARK: Against the server

    private func makePool(maximum: Int) throws -> ConnectionPool<Connection> {
        let env = ProcessInfo.processInfo.environment
        guard env["PGPORT"] != nil else { throw MessageError("PGPORT is not set: run through `make test`") }
        let parameters = ConnectionParameters(dbname: "postgres")
        let configuration = PoolConfiguration(minimum: 0, maximum: maximum, acquireTimeout: .seconds(5))
        return ConnectionPool<Connection>(configuration: configuration) { () throws(ConnectionError) -> Connection in
            try Connection.connect(parameters)
        }
    }

    private func wait(_ job: Job, timeout: Double = 10) {
        let deadline = Date().addingTimeInterval(timeout)
        while job.isRunning && Date() < deadline { usleep(10_000) }
    }

    @Test("jobs run at the same time on their own threads and connections, and record their timing")
    func concurrentJobs() throws {
        let pool = try makePool(maximum: 4)
        defer { pool.shutdown() }
        let timings = TimingRecorder()
        let table = JobTable(pool: pool, timings: timings)
        let started = Date()
        let jobs = (1...3).map { n in
            table.start(Array("select pg_sleep(0.5), \(n), pg_backend_pid()".utf8), limits: JobLimits())
        }
        #expect(Date().timeIntervalSince(started) < 0.2, "start returns at once")
        #expect(table.runningCount == 3)
        for job in jobs { wait(job) }
        #expect(Date().timeIntervalSince(started) < 1.4, "three 0.5 s jobs overlap")
        #expect(jobs.map(\.state) == [.done, .done, .done])
        #expect(Set(jobs.compactMap(\.backendPID)).count == 3, "each had its own connection")
        #expect(jobs.map(\.id) == [1, 2, 3])
        #expect(timings.snapshot.jobs.count == 3)
        #expect(timings.snapshot.foreground.isEmpty)
        #expect(pool.snapshot().leased == 0, "every connection went back")
    }

    @Test("a cancelled job ends with the server's cancel error and its state says cancelled")
    func cancel() throws {
        let pool = try makePool(maximum: 2)
        defer { pool.shutdown() }
        let table = JobTable(pool: pool, timings: TimingRecorder())
        let job = table.start(Array("select pg_sleep(30)".utf8), limits: JobLimits())
        let deadline = Date().addingTimeInterval(5)
        while job.backendPID == nil && Date() < deadline { usleep(10_000) }
        usleep(100_000)
        let started = Date()
        #expect(job.cancel())
        wait(job)
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(job.state == .cancelled)
        #expect(job.result?.firstError?.sqlState == "57014")
        #expect(!job.cancel(), "an ended job cannot be cancelled again")
    }

    @Test("a block left open by a job is rolled back before the connection returns to the pool")
    func openBlockRolledBack() throws {
        let pool = try makePool(maximum: 1)
        defer { pool.shutdown() }
        let table = JobTable(pool: pool, timings: TimingRecorder())
        let job = table.start(Array("begin; select 1".utf8), limits: JobLimits())
        wait(job)
        #expect(job.state == .done)
        let warned = job.result?.events.contains { if case .warning = $0 { return true } else { return false } }
        #expect(warned == true)
        // The pool's one connection is the job's: it must be idle, outside any block.
        let lease = try pool.lease(role: .catalog)
        defer { lease.release() }
        #expect(lease.connection.transactionState == .idle)
        #expect(lease.connection.backendPID == job.backendPID)
    }

    @Test("a job that cannot get a connection in time fails with the pool's exhaustion message")
    func exhaustion() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["PGPORT"] != nil else { throw MessageError("PGPORT is not set") }
        let configuration = PoolConfiguration(minimum: 0, maximum: 1, acquireTimeout: .milliseconds(300))
        let pool = ConnectionPool<Connection>(configuration: configuration) { () throws(ConnectionError) -> Connection in
            try Connection.connect(ConnectionParameters(dbname: "postgres"))
        }
        defer { pool.shutdown() }
        let table = JobTable(pool: pool, timings: TimingRecorder())
        let long = table.start(Array("select pg_sleep(1)".utf8), limits: JobLimits())
        usleep(100_000)
        let starved = table.start(Array("select 1".utf8), limits: JobLimits())
        wait(starved)
        #expect(starved.state == .failed)
        let message = starved.result?.events.compactMap { event -> String? in
            if case .failure(let text) = event { return text } else { return nil }
        }.first
        #expect(message?.hasPrefix("pool exhausted: 1 of 1 connections busy") == true, "\(message ?? "none")")
        wait(long)
        #expect(long.state == .done)
    }

    // MARK: Helpers

    private func append(_ row: [String?], to set: inout StoredResultSet) {
        withCells(row) { set.append($0) }
    }

    private func feed(_ row: [String?], to recorder: JobResultRecorder) {
        withCells(row) { recorder.row($0) }
    }

    private func withCells(_ row: [String?], _ body: (UnsafeBufferPointer<Cell>) -> Void) {
        let storage = row.map { $0.map { Array($0.utf8) } }
        var pointers: [UnsafeMutablePointer<UInt8>] = []
        defer { pointers.forEach { $0.deallocate() } }
        let cells = storage.map { bytes -> Cell in
            guard let bytes else { return .null }
            let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
            pointer.initialize(from: bytes, count: bytes.count)
            pointers.append(pointer)
            return Cell(base: UnsafePointer(pointer), count: bytes.count)
        }
        cells.withUnsafeBufferPointer(body)
    }
}
