/// psql's html format, and its expanded variant; streams every row.
final class HTMLPrinter: ResultPrinter {
    private let settings: PrintSettings
    private let output: OutputStream
    private var headers: [[UInt8]] = []
    private var rightAligned: [Bool] = []
    private var cells: KeptCellBytes
    private var record = 1
    private var vertical: Bool { settings.expanded == .on }

    init(settings: PrintSettings, output: OutputStream) {
        self.settings = settings
        self.output = output
        cells = KeptCellBytes(nullDisplay: settings.nullDisplay)
    }

    func begin(columns: [ResultColumn]) {
        headers = columns.map { keptBytes($0.name) }
        rightAligned = columns.map { TypeOID.isRightAligned($0.typeOID) }
        output.write("<table border=\"")
        output.write(decimal: settings.border)
        output.write("\"")
        if let attr = settings.tableAttr {
            output.write(" ")
            output.write(attr)
        }
        output.write(">\n")
        if !settings.tuplesOnly, let title = settings.title {
            output.write("  <caption>")
            escaped(Array(title.utf8))
            output.write("</caption>\n")
        }
        if !vertical && !settings.tuplesOnly {
            output.write("  <tr>\n")
            for header in headers {
                output.write("    <th align=\"center\">")
                escaped(header)
                output.write("</th>\n")
            }
            output.write("  </tr>\n")
        }
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        if vertical {
            guard row.count > 0 else { return }
            if !settings.tuplesOnly {
                output.write("\n  <tr><td colspan=\"2\" align=\"center\">Record ")
                output.write(decimal: record)
                output.write("</td></tr>\n")
            } else {
                output.write("\n  <tr><td colspan=\"2\">&nbsp;</td></tr>\n")
            }
            record += 1
        } else if row.count > 0 {
            output.write("  <tr valign=\"top\">\n")
        }
        for (i, cell) in row.enumerated() {
            if vertical {
                output.write("  <tr valign=\"top\">\n    <th>")
                escaped(headers[i])
                output.write("</th>\n")
            }
            output.write(rightAligned[i] ? "    <td align=\"right\">" : "    <td align=\"left\">")
            cells.with(cell) { bytes in
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    output.write("&nbsp; ")
                } else {
                    escaped(bytes)
                }
            }
            output.write(vertical ? "</td>\n  </tr>\n" : "</td>\n")
        }
        if !vertical && row.count > 0 { output.write("  </tr>\n") }
    }

    func end(rowCount: Int) {
        output.write("</table>\n")
        let footers = settings.tuplesOnly ? [] : settings.footerLines(rowCount: rowCount, vertical: vertical)
        if !footers.isEmpty {
            output.write("<p>")
            for footer in footers {
                escaped(Array(footer.utf8))
                output.write("<br />\n")
            }
            output.write("</p>")
        }
        output.write(byte: 0x0A)
    }

    private func escaped(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { escaped($0) }
    }

    /// psql's html_escaped_print.
    private func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var leadingSpace = true
        for b in bytes {
            switch b {
            case UInt8(ascii: "&"): output.write("&amp;")
            case UInt8(ascii: "<"): output.write("&lt;")
            case UInt8(ascii: ">"): output.write("&gt;")
            case 0x0A: output.write("<br />\n")
            case 0x22: output.write("&quot;")
            case 0x20: if leadingSpace { output.write("&nbsp;") } else { output.write(byte: b) }
            default: output.write(byte: b)
            }
            if b != 0x20 { leadingSpace = false }
        }
    }
}
