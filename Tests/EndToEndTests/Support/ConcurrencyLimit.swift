/// At most `width` holders at once; the others wait in FIFO order.
///
/// Swift Testing starts every case of a parameterized test at once, and each comparison holds up to
/// three server connections (psql, the candidate, maintenance). Unbounded, 150 cases exhaust the
/// shared server's max_connections and the other suites' tests fail with "too many clients".
actor ConcurrencyLimit {
    /// Shared by every test of this target that talks to the server.
    static let server = ConcurrencyLimit(width: 6)

    private let width: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        self.width = width
    }

    /// Runs `body` once a place is free, and frees it afterwards whether `body` throws or not.
    nonisolated func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if holders < width {
            holders += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the place straight to the next waiter, so `holders` never drops and rises again.
    private func release() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
