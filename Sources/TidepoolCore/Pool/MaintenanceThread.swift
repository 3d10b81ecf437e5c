import Glibc
import Synchronization

/// A plain pthread that runs `body` at once and then about every `interval` until stopped.
///
/// A thread rather than a timer on Swift's cooperative pool or libdispatch: the pool's work is
/// blocking (closing, and connecting to keep the minimum), which must not occupy a cooperative
/// thread, and a dispatch timer would bring libdispatch's signal handling along (DESIGN.md).
final class MaintenanceThread: Sendable {
    private let wakeup = ThreadWakeup()
    private let stopping = Atomic<Bool>(false)
    /// pthread_t is a plain integer on Linux; 0 until started.
    private let thread = Atomic<UInt>(0)

    /// What the thread runs: the closure and the doorbell, retained by the thread until it exits.
    private final class Context: Sendable {
        let owner: MaintenanceThread
        let interval: Duration
        let body: @Sendable () -> Void
        init(owner: MaintenanceThread, interval: Duration, body: @escaping @Sendable () -> Void) {
            self.owner = owner
            self.interval = interval
            self.body = body
        }
    }

    func start(interval: Duration, body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Context(owner: self, interval: interval, body: body))
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { raw in
            let context = Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue()
            context.owner.run(context)
            return nil
        }, context.toOpaque())
        if result == 0 {
            thread.store(handle, ordering: .releasing)
        } else {
            context.release()
        }
    }

    private func run(_ context: Context) {
        while !stopping.load(ordering: .acquiring) {
            context.body()
            wakeup.wait(timeout: context.interval)
        }
    }

    /// Stops the thread and waits until it has finished its current pass. Called on the thread
    /// itself (possible when the pool's last reference drops there), it only asks it to stop.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wakeup.signal()
        let handle = thread.load(ordering: .acquiring)
        guard handle != 0 else { return }
        if pthread_equal(handle, pthread_self()) != 0 {
            pthread_detach(handle)
        } else {
            pthread_join(handle, nil)
        }
    }
}
