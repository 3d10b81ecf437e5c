/// What the document-format printers (asciidoc, latex, latex-longtable, troff-ms) keep and do alike
/// while they print one result: the settings and the stream, the result's columns, the kept cell bytes,
/// the expanded layout's record counter, and the steps that only differ in the strings they write
/// (headers, alignments, cells, fields, title, footers), each escaped the format's way.
///
/// Each printer owns one and keeps its begin/row/end to itself, since that is where the formats really
/// differ. It is a class, not a struct the printer mutates: a printer's closure (troff's tbl format
/// switch) can then run inside `forEachCell` without overlapping an access to the printer's own state.
final class MarkupDocument {
    let settings: PrintSettings
    let output: OutputStream
    private(set) var columns = MarkupColumns()
    private var cells: KeptCellBytes
    private var record = 1
    /// The format's psql *_escaped_print: the text that replaces a byte, or nil to write it as it is.
    private let replacement: (UInt8) -> String?

    init(settings: PrintSettings, output: OutputStream, escaping replacement: @escaping (UInt8) -> String?) {
        self.settings = settings
        self.output = output
        self.replacement = replacement
        cells = KeptCellBytes(nullDisplay: settings.nullDisplay)
    }

    /// The expanded layout (`\x on`).
    var vertical: Bool { settings.expanded == .on }

    /// `\pset border`, capped at the highest the format (or its layout) distinguishes.
    func border(atMost limit: Int) -> Int { max(0, min(settings.border, limit)) }

    /// The title to print, if any: with tuples only psql prints none.
    var title: String? { settings.tuplesOnly ? nil : settings.title }

    /// The footer lines to print after the table: with tuples only psql prints none.
    func footers(rowCount: Int) -> [String] {
        settings.tuplesOnly ? [] : settings.footerLines(rowCount: rowCount, vertical: vertical)
    }

    func begin(columns resultColumns: [ResultColumn]) {
        columns = MarkupColumns(resultColumns)
    }

    /// The number of the next expanded record, counted whether or not its "Record N" line is printed.
    func nextRecord() -> Int {
        defer { record += 1 }
        return record
    }

    func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        writeEscaped(bytes, to: output, replacement)
    }

    func escaped(_ bytes: [UInt8]) {
        writeEscaped(bytes, to: output, replacement)
    }

    /// The title between `before` and `after`, when there is one to print.
    func writeTitle(before: String, after: String, escaping: Bool = true) {
        guard let title else { return }
        output.write(before)
        if escaping { escaped(Array(title.utf8)) } else { output.write(title) }
        output.write(after)
    }

    /// Each column's alignment, `right` or `left`, with `separator` between them.
    func writeAlignments(separator: String, right: String, left: String) {
        for (i, isRight) in columns.rightAligned.enumerated() {
            if i > 0 { output.write(separator) }
            output.write(isRight ? right : left)
        }
    }

    /// The column headers, each escaped between `prefix` and `suffix`, with `separator` between them.
    func writeHeaders(separator: String, prefix: String, suffix: String) {
        for (i, header) in columns.headers.enumerated() {
            if i > 0 { output.write(separator) }
            output.write(prefix)
            escaped(header)
            output.write(suffix)
        }
    }

    /// Calls `body` with each cell's index and the bytes to print for it (`\pset null` for a NULL).
    func forEachCell(_ row: UnsafeBufferPointer<Cell>, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        for (i, cell) in row.enumerated() {
            cells.with(cell) { body(i, $0) }
        }
    }

    /// A table row's cells, each escaped between `prefix` and `suffix`, with `separator` between them.
    func writeCells(_ row: UnsafeBufferPointer<Cell>, separator: String, prefix: String = "", suffix: String = "") {
        forEachCell(row) { i, bytes in
            if i > 0 { output.write(separator) }
            output.write(prefix)
            escaped(bytes)
            output.write(suffix)
        }
    }

    /// An expanded record's fields, one a line: the header, `between`, the value, `after`. `beforeEach`
    /// runs first for each field (troff switches its tbl format there).
    func writeFields(_ row: UnsafeBufferPointer<Cell>, between: String, after: String,
                     beforeEach: () -> Void = {}) {
        forEachCell(row) { i, bytes in
            beforeEach()
            escaped(columns.headers[i])
            output.write(between)
            escaped(bytes)
            output.write(after)
        }
    }

    /// Each footer line, escaped and followed by `after`.
    func writeFooters(rowCount: Int, after: String) {
        for footer in footers(rowCount: rowCount) {
            escaped(Array(footer.utf8))
            output.write(after)
        }
    }
}
