/// How much of a job's result is kept for printing later. Past either bound the job keeps running and
/// counting rows, but stores no more of them; the notice then says how to get the result whole.
public struct JobLimits: Sendable, Equatable {
    public var maxRows: Int
    public var maxBytes: Int

    public static let defaultMaxRows = 10_000
    public static let defaultMaxBytes = 16 * 1024 * 1024

    public init(maxRows: Int = JobLimits.defaultMaxRows, maxBytes: Int = JobLimits.defaultMaxBytes) {
        self.maxRows = max(0, maxRows)
        self.maxBytes = max(0, maxBytes)
    }

    /// `JOB_MAX_ROWS` and `JOB_MAX_BYTES` (a plain number of bytes, or with a kB/MB/GB suffix); an unset or
    /// unreadable value keeps the default.
    public init(variables: Variables) {
        self.init(maxRows: variables["JOB_MAX_ROWS"].flatMap { Int($0) } ?? Self.defaultMaxRows,
                  maxBytes: variables["JOB_MAX_BYTES"].flatMap(Self.parseBytes) ?? Self.defaultMaxBytes)
    }

    static func parseBytes(_ text: String) -> Int? {
        let trimmed = text.filter { $0 != " " }.lowercased()
        let units: [(String, Int)] = [("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10), ("b", 1)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            return Int(trimmed.dropLast(suffix.count)).map { $0 * factor }
        }
        return Int(trimmed)
    }
}
