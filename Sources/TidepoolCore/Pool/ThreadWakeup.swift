import Glibc

/// A one-shot doorbell for one waiting thread: `signal()` from any thread, `wait(timeout:)` on the
/// owner. A signal that arrives before the wait is not lost (it is a flag, not just a condition
/// broadcast), and waiting consumes it.
///
/// Why a pthread condition and not `Locked`: the pool's state sits in a `Locked`, which cannot be
/// waited on. Waiters therefore sleep on their own doorbell, outside the pool's lock; the pool rings
/// exactly the doorbells whose requests changed. The clock is CLOCK_MONOTONIC so timeouts ignore
/// wall-clock jumps.
final class ThreadWakeup: @unchecked Sendable {
    // @unchecked is safe: `mutex` and `condition` are allocated once in init, never move, and are
    // destroyed in deinit when no thread can hold a reference; `signalled` is only read and written
    // with `mutex` locked.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var signalled = false

    init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func signal() {
        pthread_mutex_lock(mutex)
        signalled = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Sleeps until signalled or `timeout` has passed. Returns whether it was signalled.
    @discardableResult
    func wait(timeout: Duration) -> Bool {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let total = Int64(deadline.tv_nsec) + max(0, min(timeout.poolNanoseconds, 86_400_000_000_000))
        deadline.tv_sec += Int(total / 1_000_000_000)
        deadline.tv_nsec = Int(total % 1_000_000_000)

        pthread_mutex_lock(mutex)
        while !signalled {
            if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT { break }
        }
        let wasSignalled = signalled
        signalled = false
        pthread_mutex_unlock(mutex)
        return wasSignalled
    }
}
