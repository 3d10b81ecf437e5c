/// psql's latex-longtable format (a `longtable` that repeats its header on every page); streams every
/// row. Its expanded variant is latex's (`LatexPrinter`), as in psql.
///
/// `\pset tableattr` gives the widths of the left-aligned columns, as fractions of `\textwidth`
/// separated by whitespace; once they run out the last one repeats.
final class LatexLongtablePrinter: ResultPrinter {
    private let doc: MarkupDocument
    private var settings: PrintSettings { doc.settings }
    private var output: OutputStream { doc.output }
    private var border: Int { doc.border(atMost: 3) }

    init(settings: PrintSettings, output: OutputStream) {
        doc = MarkupDocument(settings: settings, output: output, escaping: latexReplacement)
    }

    func begin(columns: [ResultColumn]) {
        doc.begin(columns: columns)
        output.write("\\begin{longtable}{")
        if border >= 2 { output.write("| ") }
        var widths = Self.widths(settings.tableAttr)[...]
        var lastWidth: Substring?
        // Not `writeAlignments`: a left-aligned column may take its width from tableattr.
        let rightAligned = doc.columns.rightAligned
        for (i, right) in rightAligned.enumerated() {
            if right {
                output.write("r")
            } else if settings.tableAttr != nil, let width = widths.popFirst() ?? lastWidth {
                output.write("p{")
                output.write(String(width))
                output.write("\\textwidth}")
                lastWidth = width
            } else {
                output.write("l")
            }
            if border != 0 && i < rightAligned.count - 1 { output.write(" | ") }
        }
        if border >= 2 { output.write(" |") }
        output.write("}\n")
        guard !settings.tuplesOnly else { return }
        headerRow(first: true)
        headerRow(first: false)
        if let title = doc.title {
            let escapedTitle = OutputStream.memory()
            writeEscaped(Array(title.utf8), to: escapedTitle, latexReplacement)
            escapedTitle.flush()
            let text = escapedTitle.memoryContents
            if border == 2 { output.write("\\bottomrule\n") }
            output.write("\\caption[")
            output.write(text)
            output.write(" (Continued)]{")
            output.write(text)
            output.write("}\n\\endfoot\n")
            if border == 2 { output.write("\\bottomrule\n") }
            output.write("\\caption[")
            output.write(text)
            output.write("]{")
            output.write(text)
            output.write("}\n\\endlastfoot\n")
        } else if border >= 2 {
            output.write("\\bottomrule\n\\endfoot\n\\bottomrule\n\\endlastfoot\n")
        }
    }

    /// The header of the first page (`\endfirsthead`) or of the following ones (`\endhead`).
    private func headerRow(first: Bool) {
        if border >= 2 { output.write("\\toprule\n") }
        doc.writeHeaders(separator: " & ", prefix: "\\small\\textbf{\\textit{", suffix: "}}")
        output.write(" \\\\\n")
        if first {
            output.write("\\midrule\n\\endfirsthead\n")
        } else {
            // With a rule under every row (border 3) the header's own rule is already there.
            if border != 3 { output.write("\\midrule\n") }
            output.write("\\endhead\n")
        }
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        guard row.count > 0 else { return }
        doc.writeCells(row, separator: "\n&\n", prefix: "\\raggedright{", suffix: "}")
        output.write(" \\tabularnewline\n")
        if border == 3 { output.write(" \\hline\n") }
    }

    /// No footer, not even "(N rows)": psql's longtable ends with the environment.
    func end(rowCount: Int) {
        output.write("\\end{longtable}\n")
    }

    /// The whitespace-separated width tokens of `\pset tableattr` (psql splits at space, tab and newline).
    private static func widths(_ attr: String?) -> [Substring] {
        guard let attr else { return [] }
        return attr.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
    }
}
