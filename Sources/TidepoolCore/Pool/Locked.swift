import Glibc

/// A value that threads share, reached only through `withLock`: the same shape as the standard
/// library's `Synchronization.Mutex`, but backed by a `pthread_mutex_t`.
///
/// Why not `Mutex`: on Linux it hands a contended lock over in the kernel (`FUTEX_LOCK_PI` and
/// `FUTEX_UNLOCK_PI`, inside the Synchronization library, which is not instrumented). ThreadSanitizer
/// then never sees the unlock that happens before the next lock, and reports the code inside
/// `withLock` as racing with itself whenever two threads met at the lock. It intercepts
/// `pthread_mutex_lock` and `pthread_mutex_unlock`, so with this lock `make sanitize` reports only
/// real races. Uncontended, locking is one atomic compare-and-swap in user space either way.
///
/// A class, not a `~Copyable` struct: the mutex must not move once initialised, and a class instance
/// lives at one heap address for its whole life; sharing it by reference is what its users want.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked is safe: `mutex` and `value` are allocated and initialised once in init, never move and
    // are never replaced; `value.pointee` is read and written only between `pthread_mutex_lock` and
    // `pthread_mutex_unlock` on `mutex` (in `withLock` and `withLockIfAvailable`); both are torn down in
    // deinit, when no other thread can hold a reference. As with `Mutex`, `sending` on the way in and
    // out keeps a non-Sendable value from being reached outside the lock.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let value: UnsafeMutablePointer<Value>

    init(_ initialValue: consuming sending Value) {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        value = .allocate(capacity: 1)
        value.initialize(to: initialValue)
    }

    deinit {
        value.deinitialize(count: 1)
        value.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock; waits for the lock if another thread has it.
    @inline(__always)
    func withLock<Result, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value.pointee)
    }

    /// Runs `body` with the value if the lock is free now; returns nil without waiting if it is not.
    @inline(__always)
    func withLockIfAvailable<Result, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result? {
        guard pthread_mutex_trylock(mutex) == 0 else { return nil }
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value.pointee)
    }
}
