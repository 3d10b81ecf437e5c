/// Keeps jobs' leases in the order the jobs were started: each job asks the pool for a connection only once
/// the job before it has been served (or gave up). Job threads start in any order the scheduler likes; without
/// this a job started later could overtake an earlier one in the pool's FIFO queue.
final class LeaseTurn: Sendable {
    private let served = Locked(false)
    private let wakeup = ThreadWakeup()

    /// The job this turn belongs to has its lease (or will never get one): the next job may ask.
    func pass() {
        served.withLock { $0 = true }
        wakeup.signal()
    }

    /// Waits for the previous job's turn to pass; returns early when `cancelled()` says so.
    func wait(cancelled: () -> Bool) {
        while !served.withLock({ $0 }) {
            if cancelled() { return }
            wakeup.wait(timeout: .milliseconds(50))
        }
    }
}
