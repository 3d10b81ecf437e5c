/// The text `\pool` prints: a totals line, a table of connections in psql's aligned style, and a
/// line of lease statistics. Pure: the same snapshot and `now` always give the same text.
///
/// ```
/// Pool: 3 connections (min 1, max 4): 1 idle, 2 leased (1 busy), 0 connecting, 0 waiting
///  id |  role   | state |  pid  |      statement      | running | xact  | leases |  age
/// ----+---------+-------+-------+---------------------+---------+-------+--------+--------
///   1 | session | in tx | 41233 |                     |         | 4.1 s |      1 | 5m12s
///   2 | job     | busy  | 41240 | select pg_sleep(10) | 3.2 s   |       |      3 | 2m01s
///   3 | -       | idle  | 41250 |                     |         |       |      5 | 12.0 s
/// Leases: 12 served, wait mean 0.4 ms, max 2.1 ms; 0 timeouts; 3 connects, 0 reconnects, 0 failures, 0 closed broken
/// ```
/// `running` is how long the current statement has run; `xact` how long its transaction block has
/// been open; `age` how long the connection has existed. Role `-` is a connection free in the pool.
public enum PoolReport {
    /// Statements are shown on one line (whitespace runs collapsed) and cut to this many characters.
    public static let statementWidth = 40

    public static func render(_ stats: PoolStats, now: PoolInstant) -> String {
        var lines = [summary(stats)]
        if stats.connections.isEmpty {
            lines.append("(no connections)")
        } else {
            lines.append(contentsOf: table(stats.connections, now: now))
        }
        lines.append(leaseLine(stats))
        return lines.joined(separator: "\n") + "\n"
    }

    static func summary(_ stats: PoolStats) -> String {
        let noun = stats.size == 1 ? "connection" : "connections"
        return "Pool: \(stats.size) \(noun) (min \(stats.minimum), max \(stats.maximum)): "
            + "\(stats.idle) idle, \(stats.leased) leased (\(stats.active) busy), "
            + "\(stats.connecting) connecting, \(stats.waiting) waiting"
    }

    static func leaseLine(_ stats: PoolStats) -> String {
        "Leases: \(stats.leasesServed) served, wait mean \(DurationText.elapsed(stats.meanWait)), "
            + "max \(DurationText.elapsed(stats.maximumWait)); \(stats.timeouts) timeouts; "
            + "\(stats.connects) connects, \(stats.reconnects) reconnects, \(stats.failures) failures, "
            + "\(stats.brokenClosed) closed broken"
    }

    private struct Column {
        let title: String
        let rightAligned: Bool
    }

    private static let columns = [
        Column(title: "id", rightAligned: true), Column(title: "role", rightAligned: false),
        Column(title: "state", rightAligned: false), Column(title: "pid", rightAligned: true),
        Column(title: "statement", rightAligned: false), Column(title: "running", rightAligned: false),
        Column(title: "xact", rightAligned: false), Column(title: "leases", rightAligned: true),
        Column(title: "age", rightAligned: false),
    ]

    static func table(_ connections: [PooledConnectionInfo], now: PoolInstant) -> [String] {
        let rows = connections.map { row($0, now: now) }
        let widths = columns.indices.map { column in
            rows.reduce(columns[column].title.count) { max($0, $1[column].count) }
        }
        // psql's aligned format: centred titles, ` | ` between cells, `-+-` in the rule.
        let header = columns.indices.map { centred(columns[$0].title, width: widths[$0]) }
        var lines = [joined(header)]
        lines.append(widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+"))
        for row in rows {
            let cells = columns.indices.map { column in
                padded(row[column], width: widths[column], right: columns[column].rightAligned)
            }
            lines.append(joined(cells))
        }
        return lines
    }

    private static func row(_ info: PooledConnectionInfo, now: PoolInstant) -> [String] {
        [
            "\(info.id)",
            info.role?.rawValue ?? "-",
            info.state.rawValue,
            info.backendPID.map { "\($0)" } ?? "",
            info.statement.map(oneLine) ?? "",
            info.statementSince.map { DurationText.elapsed(now - $0) } ?? "",
            info.transactionStart.map { DurationText.elapsed(now - $0) } ?? "",
            "\(info.leasesServed)",
            DurationText.elapsed(now - info.createdAt),
        ]
    }

    /// Collapses whitespace (newlines included) and cuts to `statementWidth` characters with `…`.
    static func oneLine(_ statement: String) -> String {
        let words = statement.split(whereSeparator: { $0.isWhitespace })
        let line = words.joined(separator: " ")
        return line.count <= statementWidth ? line : String(line.prefix(statementWidth - 1)) + "…"
    }

    private static func joined(_ cells: [String]) -> String {
        // Like psql, no trailing spaces after the last column.
        var line = " " + cells.joined(separator: " | ")
        while line.last == " " { line.removeLast() }
        return line
    }

    private static func padded(_ text: String, width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    private static func centred(_ text: String, width: Int) -> String {
        let spare = max(0, width - text.count)
        return String(repeating: " ", count: spare / 2) + text + String(repeating: " ", count: spare - spare / 2)
    }
}
