/// psql's asciidoc format, and its expanded variant; streams every row.
final class AsciidocPrinter: ResultPrinter {
    private let doc: MarkupDocument
    private var settings: PrintSettings { doc.settings }
    private var output: OutputStream { doc.output }
    private var rowsSeen = 0

    init(settings: PrintSettings, output: OutputStream) {
        doc = MarkupDocument(settings: settings, output: output, escaping: Self.replacement)
    }

    func begin(columns: [ResultColumn]) {
        doc.begin(columns: columns)
        // A table starts a new paragraph: psql always writes an empty line first.
        output.write(byte: 0x0A)
        doc.writeTitle(before: ".", after: "\n", escaping: false)  // psql does not escape the title
        if doc.vertical {
            output.write("[cols=\"h,l\"")
        } else {
            output.write(settings.tuplesOnly ? "[cols=\"" : "[options=\"header\",cols=\"")
            doc.writeAlignments(separator: ",", right: ">l", left: "<l")
            output.write("\"")
        }
        switch settings.border {
        case 0: output.write(",frame=\"none\",grid=\"none\"")
        case 1: output.write(",frame=\"none\"")
        case 2: output.write(",frame=\"all\",grid=\"all\"")
        default: break
        }
        output.write("]\n|====\n")
        if !doc.vertical && !settings.tuplesOnly {
            doc.writeHeaders(separator: " ", prefix: "^l|", suffix: "")
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

    /// Not `writeCells`/`writeFields`: psql writes a blank cell (spaces and tabs only) as one space, or
    /// as nothing in a table row's last column, and an expanded field carries its column's alignment.
    private func printRow(_ row: UnsafeBufferPointer<Cell>) {
        guard row.count > 0 else { return }
        if doc.vertical {
            let record = doc.nextRecord()
            if settings.tuplesOnly {
                output.write("2+|\n")
            } else {
                output.write("2+^|Record ")
                output.write(decimal: record)
                output.write(byte: 0x0A)
            }
            let columns = doc.columns
            doc.forEachCell(row) { i, bytes in
                output.write("<l|")
                doc.escaped(columns.headers[i])
                output.write(columns.rightAligned[i] ? " >l|" : " <l|")
                if isBlank(bytes) { output.write(" ") } else { doc.escaped(bytes) }
                output.write(byte: 0x0A)
            }
            return
        }
        let last = row.count - 1
        doc.forEachCell(row) { i, bytes in
            output.write(i > 0 ? " |" : "|")
            if isBlank(bytes) {
                if i < last { output.write(" ") }
            } else {
                doc.escaped(bytes)
            }
        }
        output.write(byte: 0x0A)
    }

    func end(rowCount: Int) {
        output.write("|====\n")
        let footers = doc.footers(rowCount: rowCount)
        guard !footers.isEmpty else { return }
        output.write("\n....\n")
        for footer in footers {
            output.write(footer)  // unescaped, as psql writes it
            output.write(byte: 0x0A)
        }
        output.write("....\n")
    }

    /// psql's asciidoc_escaped_print: only the cell separator is escaped.
    private static func replacement(_ byte: UInt8) -> String? {
        byte == UInt8(ascii: "|") ? "\\|" : nil
    }
}
