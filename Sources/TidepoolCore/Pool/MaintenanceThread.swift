import Glibc
import Synchronization

/// A plain pthread that runs `body` at once and then about every `interval` until stopped.
///
/// A thread rather than a timer on Swift's cooperative pool or libdispatch: the pool's work is
/// blocking (closing, and connecting to keep the minimum), which must not occupy a cooperative
/// thread, and a dispatch timer would bring libdispatch's signal handling along (DESIGN.md).
final class MaintenanceThread: Sendable {
    /// How long `stop()` waits for a pass in progress (which may be a slow connect) to end.
    static let stopGrace: Duration = .milliseconds(250)

    private let wakeup = ThreadWakeup()
    private let finished = ThreadWakeup()
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)
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

    /// Starts the thread; later calls do nothing. After `stop()` the thread ends at once if started.
    func start(interval: Duration, body: @escaping @Sendable () -> Void) {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let context = Unmanaged.passRetained(Context(owner: self, interval: interval, body: body))
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { raw in
            let context = Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue()
            context.owner.run(context)
            return nil
        }, context.toOpaque())
        if result == 0 {
            // Detached: nobody joins it, so a pass stuck in a slow connect cannot hang shutdown.
            pthread_detach(handle)
            thread.store(handle, ordering: .releasing)
        } else {
            context.release()
            finished.signal()
        }
    }

    private func run(_ context: Context) {
        while !stopping.load(ordering: .acquiring) {
            context.body()
            wakeup.wait(timeout: context.interval)
        }
        finished.signal()
    }

    /// Stops the thread: waits up to `stopGrace` for its current pass to finish. A pass that takes
    /// longer (a connect to an unreachable host) finishes on its own; what it opens is closed then,
    /// because the pool is shut down by that time. Called on the thread itself (possible when the
    /// pool's last reference drops there), it only asks it to stop.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        wakeup.signal()
        let handle = thread.load(ordering: .acquiring)
        guard handle != 0, pthread_equal(handle, pthread_self()) == 0 else { return }
        finished.wait(timeout: Self.stopGrace)
    }
}
