/// What every group of an aligned table shares: headers, alignments, the line style, the settings.
struct TableLayout {
    let headers: [[UInt8]]
    let headerMetrics: [CellMetrics]
    let rightAligned: [Bool]
    let settings: PrintSettings
    let format: TextFormat
    /// psql clamps the border to 2 for the aligned formats.
    let border: Int

    init(columns: [ResultColumn], settings: PrintSettings) {
        headers = columns.map { column in
            var kept: [UInt8] = []
            Array(column.name.utf8).withUnsafeBufferPointer { DisplayWidth.forEachKeptRun($0) { kept.append(contentsOf: $0) } }
            return kept
        }
        headerMetrics = headers.map { h in h.withUnsafeBufferPointer { CellText.measure($0) } }
        rightAligned = columns.map { TypeOID.isRightAligned($0.typeOID) }
        self.settings = settings
        format = TextFormat.of(settings)
        border = min(max(settings.border, 0), 2)
    }

    var columnCount: Int { headers.count }

    func withHeader<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        headers[i].withUnsafeBufferPointer(body)
    }
}

/// Where a group sits in the whole result: psql's start_table, stop_table and prior_records.
struct GroupPosition {
    var isFirst: Bool
    var isLast: Bool
    var priorRows: Int
}

extension OutputStream {
    @inline(__always)
    func spaces(_ n: Int) { write(repeating: UInt8(ascii: " "), count: n) }

    /// psql's default footer.
    func rowCountFooter(_ n: Int) {
        write(byte: UInt8(ascii: "("))
        write(decimal: n)
        write(n == 1 ? " row)\n" : " rows)\n")
    }
}
