/// Durations as `\pool` and the pool's errors print them. Written out by hand because
/// Foundation's formatters are not available here (start-up cost, see DESIGN.md).
enum DurationText {
    /// Seconds with one decimal, rounded: `30.0`, `0.1`. Negative durations print as `0.0`.
    static func seconds(_ duration: Duration) -> String {
        oneDecimal(tenths: rounded(duration.poolNanoseconds, unit: 100_000_000))
    }

    /// The shortest readable form for a running time or an age:
    /// `0.4 ms`, `123.4 ms`, `3.2 s`, `5m12s`, `2h03m`, `3d04h`.
    static func elapsed(_ duration: Duration) -> String {
        let nanoseconds = max(0, duration.poolNanoseconds)
        if nanoseconds < 999_950_000 {
            return oneDecimal(tenths: rounded(nanoseconds, unit: 100_000)) + " ms"
        }
        if nanoseconds < 59_950_000_000 {
            return oneDecimal(tenths: rounded(nanoseconds, unit: 100_000_000)) + " s"
        }
        // Rounded, so 59.96 s reads 1m00s rather than 0m59s.
        let seconds = rounded(nanoseconds, unit: 1_000_000_000)
        if seconds < 3600 { return "\(seconds / 60)m\(twoDigits(seconds % 60))s" }
        if seconds < 86400 { return "\(seconds / 3600)h\(twoDigits(seconds % 3600 / 60))m" }
        return "\(seconds / 86400)d\(twoDigits(seconds % 86400 / 3600))h"
    }

    /// `value / unit`, rounded half up; negatives clamp to 0.
    private static func rounded(_ value: Int64, unit: Int64) -> Int64 {
        value <= 0 ? 0 : (value / unit) + (value % unit >= unit / 2 ? 1 : 0)
    }

    private static func oneDecimal(tenths: Int64) -> String {
        "\(tenths / 10).\(tenths % 10)"
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
