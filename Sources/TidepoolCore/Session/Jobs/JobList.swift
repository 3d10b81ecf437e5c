/// The table `\jobs` prints, through the session's own printer (so `\pset format csv` applies to it too):
///
/// ```
///  id |  state  | elapsed | rows | connection |  pid  |       statement
/// ----+---------+---------+------+------------+-------+-----------------------
///   1 | running | 0.8 s   |    0 |          2 | 41240 | select pg_sleep(1), 1
/// ```
enum JobList {
    private static let int4: UInt32 = 23
    private static let text: UInt32 = 25

    static func print(_ jobs: [Job], settings: PrintSettings, output: OutputStream) {
        let columns = [
            ResultColumn(name: "id", typeOID: int4), ResultColumn(name: "state", typeOID: text),
            ResultColumn(name: "elapsed", typeOID: text), ResultColumn(name: "rows", typeOID: int4),
            ResultColumn(name: "connection", typeOID: int4), ResultColumn(name: "pid", typeOID: int4),
            ResultColumn(name: "statement", typeOID: text),
        ]
        let rows: [[String?]] = jobs.map { job in
            [
                "\(job.id)", job.state.rawValue,
                DurationText.elapsed(.nanoseconds(Int64(job.elapsedSeconds * 1e9))),
                "\(job.rowCount)",
                job.connectionID.map { "\($0)" },
                job.backendPID.map { "\($0)" },
                PoolReport.oneLine(job.statementText),
            ]
        }
        var set = StoredResultSet(columns: columns)
        for row in rows { appendRow(row.map { $0.map { Array($0.utf8) } }, to: &set) }
        let printer = makeResultPrinter(settings: settings, output: output)
        printer.begin(columns: columns)
        set.forEachRow { printer.row($0) }
        printer.end(rowCount: set.keptRows)
    }

    /// Stores one row of optional texts (nil is NULL).
    private static func appendRow(_ row: [[UInt8]?], to set: inout StoredResultSet) {
        let joined = row.map { $0 ?? [] }.flatMap { $0 }
        joined.withUnsafeBufferPointer { all in
            var cells: [Cell] = []
            var offset = 0
            let base = all.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for cell in row {
                if let cell {
                    cells.append(Cell(base: base + offset, count: cell.count))
                    offset += cell.count
                } else {
                    cells.append(.null)
                }
            }
            cells.withUnsafeBufferPointer { set.append($0) }
        }
    }
}
