import Glibc

/// Starts a detached pthread for one job. A plain thread, never a task on Swift's cooperative pool: the job
/// blocks in `poll()` for as long as its statement runs (DESIGN.md, Concurrency model).
enum JobThread {
    private final class Context: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new thread; false if the thread could not be created (then `body` never runs).
    static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        let context = Unmanaged.passRetained(Context(body))
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { raw in
            Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, context.toOpaque())
        guard result == 0 else {
            context.release()
            return false
        }
        // Nobody joins it: the table learns of its end through the completion pipe.
        pthread_detach(handle)
        return true
    }
}
