/// psql's csv format (`--csv`, `\pset csv_fieldsep`), and its expanded variant; streams every row.
final class CSVPrinter: ResultPrinter {
    private let settings: PrintSettings
    private let output: OutputStream
    private let separator: UInt8
    private var headers: [[UInt8]] = []
    private var cells: KeptCellBytes

    init(settings: PrintSettings, output: OutputStream) {
        self.settings = settings
        self.output = output
        separator = settings.csvFieldSeparator.utf8.first ?? UInt8(ascii: ",")
        cells = KeptCellBytes(nullDisplay: settings.nullDisplay)
    }

    func begin(columns: [ResultColumn]) {
        headers = columns.map { keptBytes($0.name) }
        // csv never prints the title or a footer; the header only without tuples_only and \x.
        guard !settings.tuplesOnly, settings.expanded != .on else { return }
        for (i, header) in headers.enumerated() {
            if i > 0 { output.write(byte: separator) }
            header.withUnsafeBufferPointer { field($0) }
        }
        output.write(byte: 0x0A)
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        let vertical = settings.expanded == .on
        let last = row.count - 1
        for (i, cell) in row.enumerated() {
            if vertical {
                headers[i].withUnsafeBufferPointer { field($0) }
                output.write(byte: separator)
            }
            cells.with(cell) { field($0) }
            output.write(byte: vertical || i == last ? 0x0A : separator)
        }
    }

    func end(rowCount: Int) {}

    /// psql's csv_print_field: quote when the field holds the separator, a quote, CR or LF, is exactly
    /// `\.`, or when the separator is `\` or `.` (so no line can read as COPY's end-of-data marker).
    private func field(_ bytes: UnsafeBufferPointer<UInt8>) {
        var quote = separator == UInt8(ascii: "\\") || separator == UInt8(ascii: ".")
        if !quote {
            for b in bytes where b == separator || b == 0x22 || b == 0x0A || b == 0x0D {
                quote = true
                break
            }
        }
        if !quote && bytes.count == 2 && bytes[0] == UInt8(ascii: "\\") && bytes[1] == UInt8(ascii: ".") {
            quote = true
        }
        guard quote else {
            output.write(bytes)
            return
        }
        output.write(byte: 0x22)
        var runStart = 0
        for (i, b) in bytes.enumerated() where b == 0x22 {
            output.write(UnsafeBufferPointer(rebasing: bytes[runStart...i]))
            runStart = i
        }
        output.write(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        output.write(byte: 0x22)
    }
}
