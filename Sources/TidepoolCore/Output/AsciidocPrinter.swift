/// psql's asciidoc format, and its expanded variant; streams every row.
final class AsciidocPrinter: ResultPrinter {
    private let settings: PrintSettings
    private let output: OutputStream
    private var columns = MarkupColumns()
    private var cells: KeptCellBytes
    private var record = 1
    private var rowsSeen = 0
    private var vertical: Bool { settings.expanded == .on }

    init(settings: PrintSettings, output: OutputStream) {
        self.settings = settings
        self.output = output
        cells = KeptCellBytes(nullDisplay: settings.nullDisplay)
    }

    func begin(columns resultColumns: [ResultColumn]) {
        columns = MarkupColumns(resultColumns)
        // A table starts a new paragraph: psql always writes an empty line first.
        output.write(byte: 0x0A)
        if !settings.tuplesOnly, let title = settings.title {
            output.write(".")
            output.write(title)  // psql does not escape the title
            output.write(byte: 0x0A)
        }
        if vertical {
            output.write("[cols=\"h,l\"")
        } else {
            output.write(settings.tuplesOnly ? "[cols=\"" : "[options=\"header\",cols=\"")
            for (i, right) in columns.rightAligned.enumerated() {
                if i > 0 { output.write(",") }
                output.write(right ? ">l" : "<l")
            }
            output.write("\"")
        }
        switch settings.border {
        case 0: output.write(",frame=\"none\",grid=\"none\"")
        case 1: output.write(",frame=\"none\"")
        case 2: output.write(",frame=\"all\",grid=\"all\"")
        default: break
        }
        output.write("]\n|====\n")
        if !vertical && !settings.tuplesOnly {
            for (i, header) in columns.headers.enumerated() {
                if i > 0 { output.write(" ") }
                output.write("^l|")
                escaped(header)
            }
            output.write(byte: 0x0A)
        }
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        printRow(row)
        // With FETCH_COUNT psql prints each fetched group as a table of its own, and asciidoc closes the
        // table after every group, even where print.c's other formats wait for the last one.
        rowsSeen += 1
        if settings.fetchCount > 0 && rowsSeen % settings.fetchCount == 0 { output.write("|====\n") }
    }

    private func printRow(_ row: UnsafeBufferPointer<Cell>) {
        guard row.count > 0 else { return }
        if vertical {
            if settings.tuplesOnly {
                output.write("2+|\n")
            } else {
                output.write("2+^|Record ")
                output.write(decimal: record)
                output.write(byte: 0x0A)
            }
            record += 1
            for (i, cell) in row.enumerated() {
                output.write("<l|")
                escaped(columns.headers[i])
                output.write(columns.rightAligned[i] ? " >l|" : " <l|")
                cells.with(cell) { bytes in
                    if isBlank(bytes) { output.write(" ") } else { escaped(bytes) }
                }
                output.write(byte: 0x0A)
            }
            return
        }
        let last = row.count - 1
        for (i, cell) in row.enumerated() {
            output.write(i > 0 ? " |" : "|")
            cells.with(cell) { bytes in
                if isBlank(bytes) {
                    if i < last { output.write(" ") }
                } else {
                    escaped(bytes)
                }
            }
        }
        output.write(byte: 0x0A)
    }

    func end(rowCount: Int) {
        output.write("|====\n")
        guard !settings.tuplesOnly else { return }
        let footers = settings.footerLines(rowCount: rowCount, vertical: vertical)
        guard !footers.isEmpty else { return }
        output.write("\n....\n")
        for footer in footers {
            output.write(footer)
            output.write(byte: 0x0A)
        }
        output.write("....\n")
    }

    private func escaped(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { escaped($0) }
    }

    /// psql's asciidoc_escaped_print: only the cell separator is escaped.
    private func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        writeEscaped(bytes, to: output) { $0 == UInt8(ascii: "|") ? "\\|" : nil }
    }
}
