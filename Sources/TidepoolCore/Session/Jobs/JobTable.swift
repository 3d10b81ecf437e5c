import Glibc

/// The session's background jobs, numbered from 1 in the order they were started. Shared by the main thread
/// (starting, listing, joining, cancelling) and the job threads (which ring `completion` when they end).
public final class JobTable: Sendable {
    private let pool: ConnectionPool<Connection>
    private let timings: TimingRecorder
    private let jobs = Locked<[Job]>([])
    /// The most recent job's lease turn, which the next job waits for (LeaseTurn).
    private let lastTurn = Locked<LeaseTurn?>(nil)
    let completion = CompletionPipe()

    public init(pool: ConnectionPool<Connection>, timings: TimingRecorder) {
        self.pool = pool
        self.timings = timings
    }

    /// Starts `sql` on its own thread and returns at once.
    @discardableResult
    public func start(_ sql: [UInt8], limits: JobLimits) -> Job {
        let job = jobs.withLock { list in
            let job = Job(id: list.count + 1, sql: sql, limits: limits)
            list.append(job)
            return job
        }
        let turn = LeaseTurn()
        let previous = lastTurn.withLock { last in
            defer { last = turn }
            return last
        }
        let runner = JobRunner(job: job, pool: pool, timings: timings, previousTurn: previous, turn: turn)
        let completion = self.completion
        let started = JobThread.start {
            _ = runner.run()
            completion.ring()
        }
        if !started {
            turn.pass()
            var result = JobResult()
            result.events.append(.failure("could not start a thread for the job"))
            job.finish(.failed, result: result)
            completion.ring()
        }
        return job
    }

    public var all: [Job] { jobs.withLock { $0 } }

    public func job(_ id: Int) -> Job? {
        jobs.withLock { list in id >= 1 && id <= list.count ? list[id - 1] : nil }
    }

    public var runningCount: Int { all.reduce(0) { $0 + ($1.isRunning ? 1 : 0) } }

    /// Jobs that ended and were neither announced nor joined yet, oldest first (each is returned once).
    func takeUnannounced() -> [Job] {
        all.filter { $0.takeAnnouncement() }
    }

    /// How a wait ended.
    public enum WaitEnd: Equatable { case finished, interrupted, terminated }

    /// Blocks until `job` has ended. Ctrl-C (through `signals`) cancels the job and keeps waiting for it to
    /// stop, which is quick; a termination signal stops the wait at once.
    public func wait(for job: Job, signals: SignalPipe) -> WaitEnd {
        var interrupted = false
        while job.isRunning {
            var fds = [pollfd(fd: completion.readFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: signals.fd, events: Int16(POLLIN), revents: 0)]
            // A bounded sleep as well: a ring drained by another wait must not leave this one asleep.
            let n = poll(&fds, 2, 100)
            if n < 0 && errno != EINTR { return .finished }
            if fds[0].revents != 0 { completion.drain() }
            if fds[1].revents != 0, signals.consume() {
                if signals.terminationSignal != nil { return .terminated }
                interrupted = true
                job.cancel()
            }
        }
        return interrupted ? .interrupted : .finished
    }

    /// Cancels every running job and waits up to `grace` for them to stop (leaving the shell, or a script
    /// stopped early). Jobs still running then are left to the process's exit.
    public func cancelAll(grace: Double = 2) {
        let running = all.filter { $0.isRunning }
        guard !running.isEmpty else { return }
        for job in running { job.cancel() }
        let deadline = MonotonicClock.now().advanced(bySeconds: grace)
        while running.contains(where: { $0.isRunning }) {
            let left = deadline.secondsSince(MonotonicClock.now())
            if left <= 0 { return }
            var fd = pollfd(fd: completion.readFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, Int32(min(left, 0.1) * 1000) + 1)
            completion.drain()
        }
    }
}
