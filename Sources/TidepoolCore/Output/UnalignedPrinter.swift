/// psql's unaligned format (`-A`, `-F`, `-R`, `-z`, `-0`), and its expanded variant; streams every row.
final class UnalignedPrinter: ResultPrinter {
    private let settings: PrintSettings
    private let output: OutputStream
    private let fieldSeparator: [UInt8]
    private let recordSeparator: [UInt8]
    private var headers: [[UInt8]] = []
    private var cells: KeptCellBytes
    private var needRecordSeparator = false
    private var vertical: Bool { settings.expanded == .on }

    init(settings: PrintSettings, output: OutputStream) {
        self.settings = settings
        self.output = output
        fieldSeparator = settings.fieldSeparatorZero ? [0] : Array(settings.fieldSeparator.utf8)
        recordSeparator = settings.recordSeparatorZero ? [0] : Array(settings.recordSeparator.utf8)
        cells = KeptCellBytes(nullDisplay: settings.nullDisplay)
    }

    func begin(columns: [ResultColumn]) {
        headers = columns.map { keptBytes($0.name) }
        let tuplesOnly = settings.tuplesOnly
        if vertical {
            if !tuplesOnly, let title = settings.title {
                output.write(title)
                needRecordSeparator = true
            }
            return
        }
        if !tuplesOnly, let title = settings.title {
            output.write(title)
            output.write(recordSeparator)
        }
        if !tuplesOnly {
            for (i, header) in headers.enumerated() {
                if i > 0 { output.write(fieldSeparator) }
                output.write(header)
            }
            needRecordSeparator = true
        }
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        let last = row.count - 1
        for (i, cell) in row.enumerated() {
            if needRecordSeparator {
                output.write(recordSeparator)
                if vertical { output.write(recordSeparator) }
                needRecordSeparator = false
            }
            if vertical {
                output.write(headers[i])
                output.write(fieldSeparator)
            }
            cells.with(cell) { output.write($0) }
            if i < last {
                output.write(vertical ? recordSeparator : fieldSeparator)
            } else {
                needRecordSeparator = true
            }
        }
    }

    func end(rowCount: Int) {
        if !vertical && !settings.tuplesOnly && settings.footer {
            if needRecordSeparator { output.write(recordSeparator) }
            output.write(rowCount == 1 ? "(1 row)" : "(\(rowCount) rows)")
            needRecordSeparator = true
        }
        // The last record ends with a newline whatever the record separator, except a zero byte.
        if needRecordSeparator { output.write(byte: settings.recordSeparatorZero ? 0 : 0x0A) }
    }
}
