import Glibc

/// The timing line: psql's `Time: 12.345 ms` (with `(mm:ss.sss)` from one second up), followed by
/// tidepool's breakdown of where the time went.
public enum TimingLine {
    public static func format(totalMilliseconds total: Double, waitMilliseconds wait: Double,
                              executeMilliseconds execute: Double, printMilliseconds printing: Double) -> String {
        "\(psqlPrefix(total)) (wait \(fixed3(wait)) ms, execute \(fixed3(execute)) ms, print \(fixed3(printing)) ms)\n"
    }

    /// Exactly what psql 15 prints, without the newline.
    public static func psqlPrefix(_ ms: Double) -> String {
        if ms < 1000 { return "Time: \(fixed3(ms)) ms" }
        var seconds = ms / 1000
        var minutes = (seconds / 60).rounded(.down)
        seconds -= 60 * minutes
        if minutes < 60 {
            return "Time: \(fixed3(ms)) ms (\(pad2(Int(minutes))):\(secondsField(seconds)))"
        }
        var hours = (minutes / 60).rounded(.down)
        minutes -= 60 * hours
        if hours < 24 {
            return "Time: \(fixed3(ms)) ms (\(pad2(Int(hours))):\(pad2(Int(minutes))):\(secondsField(seconds)))"
        }
        let days = (hours / 24).rounded(.down)
        hours -= 24 * days
        return "Time: \(fixed3(ms)) ms (\(Int(days)) d \(pad2(Int(hours))):\(pad2(Int(minutes))):\(secondsField(seconds)))"
    }

    /// printf's %.3f without Foundation.
    public static func fixed3(_ value: Double) -> String { formatDouble(value, "%.3f") }

    /// printf's %06.3f.
    static func secondsField(_ value: Double) -> String { formatDouble(value, "%06.3f") }

    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// printf-style formatting of one Double (stdlib `withVaList` + vsnprintf; no Foundation).
public func formatDouble(_ value: Double, _ format: String) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { args in vsnprintf(&buffer, buffer.count, format, args) }
    return String(cString: buffer)
}

/// Durations of this session's statements, for `\timing stats`.
public struct TimingLog: Sendable {
    public private(set) var foreground: [Double] = []
    public private(set) var jobs: [Double] = []

    public init() {}

    public mutating func record(milliseconds: Double, foreground isForeground: Bool) {
        if isForeground { foreground.append(milliseconds) } else { jobs.append(milliseconds) }
    }

    /// count, p50, p95, p99, max (nearest-rank percentiles).
    public static func summary(_ samples: [Double]) -> (count: Int, p50: Double, p95: Double, p99: Double, max: Double)? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        func rank(_ p: Double) -> Double {
            let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(index, 0), sorted.count - 1)]
        }
        return (sorted.count, rank(0.50), rank(0.95), rank(0.99), sorted.last!)
    }
}
