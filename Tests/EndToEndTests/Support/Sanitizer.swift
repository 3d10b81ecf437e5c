import Foundation

/// What scripts/sanitize.sh tells the tests about the build under test (`make sanitize`).
enum Sanitizer {
    /// The sanitizer tidepool was built with (`TIDEPOOL_SANITIZE`: thread or address), or nil for a plain build.
    /// Under one, the binary's memory is mostly the sanitizer's (shadow memory, ASan's quarantine of freed
    /// blocks) and it reserves terabytes of address space, so memory bounds measure the sanitizer, not tidepool.
    static let active: String? = ProcessInfo.processInfo.environment["TIDEPOOL_SANITIZE"]
        .flatMap { $0.isEmpty ? nil : $0 }

    /// What deadlines are multiplied by (`TIDEPOOL_TEST_TIME_SCALE`, default 1): instrumented code runs several
    /// times slower. ProgramRunner's deadlines only guard against hangs; a bound on the speed of tidepool's own
    /// code (not of the server or of a timeout it implements) is scaled too.
    static let timeScale: Double = ProcessInfo.processInfo.environment["TIDEPOOL_TEST_TIME_SCALE"]
        .flatMap(Double.init).map { max($0, 1) } ?? 1
}
