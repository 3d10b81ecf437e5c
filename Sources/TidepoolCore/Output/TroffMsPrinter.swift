/// psql's troff-ms format (a tbl table inside -ms macros), and its expanded variant; streams every row.
final class TroffMsPrinter: ResultPrinter {
    private let doc: MarkupDocument
    private var output: OutputStream { doc.output }
    private var border: Int { doc.border(atMost: 2) }
    /// Expanded layout: which tbl format is in force — none yet, the "Record N" line, or header/value rows.
    private enum RowFormat { case none, record, field }
    private var rowFormat = RowFormat.none

    init(settings: PrintSettings, output: OutputStream) {
        doc = MarkupDocument(settings: settings, output: output, escaping: Self.replacement)
    }

    func begin(columns: [ResultColumn]) {
        doc.begin(columns: columns)
        let tuplesOnly = doc.settings.tuplesOnly
        doc.writeTitle(before: ".LP\n.DS C\n", after: "\n.DE\n")
        output.write(".LP\n.TS\n")
        output.write(border == 2 ? "center box;\n" : "center;\n")
        if doc.vertical {
            if tuplesOnly { output.write("c l;\n") }
            return
        }
        doc.writeAlignments(separator: border > 0 ? " | " : "", right: "r", left: "l")
        output.write(".\n")
        if !tuplesOnly {
            doc.writeHeaders(separator: "\t", prefix: "\\fI", suffix: "\\fP")
            output.write("\n_\n")
        }
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        guard row.count > 0 else { return }
        if doc.vertical {
            verticalRecord(row)
            return
        }
        doc.writeCells(row, separator: "\t")
        output.write(byte: 0x0A)
    }

    private func verticalRecord(_ row: UnsafeBufferPointer<Cell>) {
        let tuplesOnly = doc.settings.tuplesOnly
        let record = doc.nextRecord()
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
        if border >= 1 { output.write("_\n") }
        doc.writeFields(row, between: "\t", after: "\n") {
            // tbl needs a new format line (after `.T&`) wherever the kind of row changes.
            if !tuplesOnly && rowFormat != .field {
                if rowFormat != .none { output.write(".T&\n") }
                output.write(border == 1 ? "c | l.\n" : "c l.\n")
                rowFormat = .field
            }
        }
    }

    func end(rowCount: Int) {
        output.write(".TE\n.DS L\n")
        doc.writeFooters(rowCount: rowCount, after: "\n")
        output.write(".DE\n")
    }

    /// psql's troff_ms_escaped_print: a backslash is troff's escape character, written `\(rs`.
    private static func replacement(_ byte: UInt8) -> String? {
        byte == UInt8(ascii: "\\") ? "\\(rs" : nil
    }
}
