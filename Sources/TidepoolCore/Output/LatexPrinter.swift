/// psql's latex format (a `tabular`), and the expanded layout that latex and latex-longtable share;
/// streams every row.
final class LatexPrinter: ResultPrinter {
    private let settings: PrintSettings
    private let output: OutputStream
    private var columns = MarkupColumns()
    private var cells: KeptCellBytes
    private var record = 1
    private var vertical: Bool { settings.expanded == .on }
    /// psql caps the border at 3 (a rule under every row) in the table layout and at 2 in the expanded one.
    private var border: Int { max(0, min(settings.border, vertical ? 2 : 3)) }

    init(settings: PrintSettings, output: OutputStream) {
        self.settings = settings
        self.output = output
        cells = KeptCellBytes(nullDisplay: settings.nullDisplay)
    }

    func begin(columns resultColumns: [ResultColumn]) {
        columns = MarkupColumns(resultColumns)
        let tuplesOnly = settings.tuplesOnly
        if !tuplesOnly, let title = settings.title {
            output.write("\\begin{center}\n")
            latexEscaped(Array(title.utf8), to: output)
            output.write("\n\\end{center}\n\n")
        }
        output.write("\\begin{tabular}{")
        if vertical {
            output.write(border == 0 ? "cl" : border == 1 ? "c|l" : "|c|l|")
            output.write("}\n")
            return
        }
        if border >= 2 { output.write("| ") }
        for (i, right) in columns.rightAligned.enumerated() {
            if i > 0 && border != 0 { output.write(" | ") }
            output.write(right ? "r" : "l")
        }
        if border >= 2 { output.write(" |") }
        output.write("}\n")
        if !tuplesOnly {
            if border >= 2 { output.write("\\hline\n") }
            for (i, header) in columns.headers.enumerated() {
                if i > 0 { output.write(" & ") }
                output.write("\\textit{")
                latexEscaped(header, to: output)
                output.write("}")
            }
            output.write(" \\\\\n\\hline\n")
        }
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        guard row.count > 0 else { return }
        if vertical {
            if !settings.tuplesOnly {
                if border == 2 {
                    output.write("\\hline\n\\multicolumn{2}{|c|}{\\textit{Record ")
                } else {
                    output.write("\\multicolumn{2}{c}{\\textit{Record ")
                }
                output.write(decimal: record)
                output.write("}} \\\\\n")
            }
            record += 1
            if border >= 1 { output.write("\\hline\n") }
            for (i, cell) in row.enumerated() {
                latexEscaped(columns.headers[i], to: output)
                output.write(" & ")
                cells.with(cell) { latexEscaped($0, to: output) }
                output.write(" \\\\\n")
            }
            return
        }
        for (i, cell) in row.enumerated() {
            if i > 0 { output.write(" & ") }
            cells.with(cell) { latexEscaped($0, to: output) }
        }
        output.write(" \\\\\n")
        if border == 3 { output.write("\\hline\n") }
    }

    func end(rowCount: Int) {
        if border == 2 { output.write("\\hline\n") }
        output.write("\\end{tabular}\n\n\\noindent ")
        if !settings.tuplesOnly {
            for footer in settings.footerLines(rowCount: rowCount, vertical: vertical) {
                latexEscaped(Array(footer.utf8), to: output)
                output.write(" \\\\\n")
            }
        }
        output.write(byte: 0x0A)
    }
}

/// psql's latex_escaped_print: TeX's special characters as Pakin's symbol list writes them; a newline
/// becomes a line break.
func latexEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: OutputStream) {
    writeEscaped(bytes, to: output) { byte in
        switch byte {
        case UInt8(ascii: "#"): return "\\#"
        case UInt8(ascii: "$"): return "\\$"
        case UInt8(ascii: "%"): return "\\%"
        case UInt8(ascii: "&"): return "\\&"
        case UInt8(ascii: "<"): return "\\textless{}"
        case UInt8(ascii: ">"): return "\\textgreater{}"
        case UInt8(ascii: "\\"): return "\\textbackslash{}"
        case UInt8(ascii: "^"): return "\\^{}"
        case UInt8(ascii: "_"): return "\\_"
        case UInt8(ascii: "{"): return "\\{"
        case UInt8(ascii: "|"): return "\\textbar{}"
        case UInt8(ascii: "}"): return "\\}"
        case UInt8(ascii: "~"): return "\\~{}"
        case 0x0A: return "\\\\"
        default: return nil
        }
    }
}

func latexEscaped(_ bytes: [UInt8], to output: OutputStream) {
    bytes.withUnsafeBufferPointer { latexEscaped($0, to: output) }
}
