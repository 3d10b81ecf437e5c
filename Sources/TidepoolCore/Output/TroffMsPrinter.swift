/// psql's troff-ms format (a tbl table inside -ms macros), and its expanded variant; streams every row.
final class TroffMsPrinter: ResultPrinter {
    private let settings: PrintSettings
    private let output: OutputStream
    private var columns = MarkupColumns()
    private var cells: KeptCellBytes
    private var record = 1
    private var vertical: Bool { settings.expanded == .on }
    private var border: Int { max(0, min(settings.border, 2)) }
    /// Expanded layout: which tbl format is in force — none yet, the "Record N" line, or header/value rows.
    private enum RowFormat { case none, record, field }
    private var rowFormat = RowFormat.none

    init(settings: PrintSettings, output: OutputStream) {
        self.settings = settings
        self.output = output
        cells = KeptCellBytes(nullDisplay: settings.nullDisplay)
    }

    func begin(columns resultColumns: [ResultColumn]) {
        columns = MarkupColumns(resultColumns)
        let tuplesOnly = settings.tuplesOnly
        if !tuplesOnly, let title = settings.title {
            output.write(".LP\n.DS C\n")
            troffEscaped(Array(title.utf8))
            output.write("\n.DE\n")
        }
        output.write(".LP\n.TS\n")
        output.write(border == 2 ? "center box;\n" : "center;\n")
        if vertical {
            if tuplesOnly { output.write("c l;\n") }
            return
        }
        for (i, right) in columns.rightAligned.enumerated() {
            if i > 0 && border > 0 { output.write(" | ") }
            output.write(right ? "r" : "l")
        }
        output.write(".\n")
        if !tuplesOnly {
            for (i, header) in columns.headers.enumerated() {
                if i > 0 { output.write(byte: 0x09) }
                output.write("\\fI")
                troffEscaped(header)
                output.write("\\fP")
            }
            output.write("\n_\n")
        }
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        guard row.count > 0 else { return }
        if vertical {
            verticalRecord(row)
            return
        }
        for (i, cell) in row.enumerated() {
            if i > 0 { output.write(byte: 0x09) }
            cells.with(cell) { troffEscaped($0) }
        }
        output.write(byte: 0x0A)
    }

    private func verticalRecord(_ row: UnsafeBufferPointer<Cell>) {
        let tuplesOnly = settings.tuplesOnly
        if !tuplesOnly {
            if rowFormat != .record {
                if border == 2 && record > 1 { output.write("_\n") }
                if rowFormat != .none { output.write(".T&\n") }
                output.write("c s.\n")
                rowFormat = .record
            }
            output.write("\\fIRecord ")
            output.write(decimal: record)
            output.write("\\fP\n")
        }
        record += 1
        if border >= 1 { output.write("_\n") }
        for (i, cell) in row.enumerated() {
            if !tuplesOnly && rowFormat != .field {
                if rowFormat != .none { output.write(".T&\n") }
                output.write(border == 1 ? "c | l.\n" : "c l.\n")
                rowFormat = .field
            }
            troffEscaped(columns.headers[i])
            output.write(byte: 0x09)
            cells.with(cell) { troffEscaped($0) }
            output.write(byte: 0x0A)
        }
    }

    func end(rowCount: Int) {
        output.write(".TE\n.DS L\n")
        if !settings.tuplesOnly {
            for footer in settings.footerLines(rowCount: rowCount, vertical: vertical) {
                troffEscaped(Array(footer.utf8))
                output.write(byte: 0x0A)
            }
        }
        output.write(".DE\n")
    }

    private func troffEscaped(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { troffEscaped($0) }
    }

    /// psql's troff_ms_escaped_print: a backslash is troff's escape character, written `\(rs`.
    private func troffEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        writeEscaped(bytes, to: output) { $0 == UInt8(ascii: "\\") ? "\\(rs" : nil }
    }
}
