/// psql's latex format (a `tabular`), and the expanded layout that latex and latex-longtable share;
/// streams every row.
final class LatexPrinter: ResultPrinter {
    private let doc: MarkupDocument
    private var output: OutputStream { doc.output }
    /// psql caps the border at 3 (a rule under every row) in the table layout and at 2 in the expanded one.
    private var border: Int { doc.border(atMost: doc.vertical ? 2 : 3) }

    init(settings: PrintSettings, output: OutputStream) {
        doc = MarkupDocument(settings: settings, output: output, escaping: latexReplacement)
    }

    func begin(columns: [ResultColumn]) {
        doc.begin(columns: columns)
        doc.writeTitle(before: "\\begin{center}\n", after: "\n\\end{center}\n\n")
        output.write("\\begin{tabular}{")
        if doc.vertical {
            output.write(border == 0 ? "cl" : border == 1 ? "c|l" : "|c|l|")
            output.write("}\n")
            return
        }
        if border >= 2 { output.write("| ") }
        doc.writeAlignments(separator: border != 0 ? " | " : "", right: "r", left: "l")
        if border >= 2 { output.write(" |") }
        output.write("}\n")
        if !doc.settings.tuplesOnly {
            if border >= 2 { output.write("\\hline\n") }
            doc.writeHeaders(separator: " & ", prefix: "\\textit{", suffix: "}")
            output.write(" \\\\\n\\hline\n")
        }
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        guard row.count > 0 else { return }
        if doc.vertical {
            let record = doc.nextRecord()
            if !doc.settings.tuplesOnly {
                if border == 2 {
                    output.write("\\hline\n\\multicolumn{2}{|c|}{\\textit{Record ")
                } else {
                    output.write("\\multicolumn{2}{c}{\\textit{Record ")
                }
                output.write(decimal: record)
                output.write("}} \\\\\n")
            }
            if border >= 1 { output.write("\\hline\n") }
            doc.writeFields(row, between: " & ", after: " \\\\\n")
            return
        }
        doc.writeCells(row, separator: " & ")
        output.write(" \\\\\n")
        if border == 3 { output.write("\\hline\n") }
    }

    func end(rowCount: Int) {
        if border == 2 { output.write("\\hline\n") }
        output.write("\\end{tabular}\n\n\\noindent ")
        doc.writeFooters(rowCount: rowCount, after: " \\\\\n")
        output.write(byte: 0x0A)
    }
}

/// psql's latex_escaped_print, for `writeEscaped`: TeX's special characters as Pakin's symbol list writes
/// them; a newline becomes a line break.
func latexReplacement(_ byte: UInt8) -> String? {
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
