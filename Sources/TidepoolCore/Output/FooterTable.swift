/// A small, fully materialised table with a title and footers: what psql's describe.c hands to
/// printTable/printQuery (`Table "public.t"` above, `Indexes:` lines below).
///
/// It is printed by the ordinary result printers (so every format and `\pset` option behaves as for a
/// query), into memory first; the footers are then placed where psql's print.c puts them. Describe
/// output is small, so buffering it costs nothing.
struct FooterTable {
    var title: String?
    var columns: [ResultColumn]
    var rows: [[String?]]
    /// Lines printed after the rows (each may hold newlines, e.g. a view definition).
    var footers: [String] = []
    /// printQuery's "(N rows)", shown only when there are no footers (psql's footers_with_default).
    /// describe.c turns it off for `\d` tables, sequences and `\du`.
    var defaultFooter = true

    init(title: String?, columns: [ResultColumn], rows: [[String?]], footers: [String] = [], defaultFooter: Bool = true) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footers = footers
        self.defaultFooter = defaultFooter
    }

    /// Columns named `names`, all left-aligned (describe.c adds its hand-built cells with align 'l').
    static func textColumns(_ names: [String]) -> [ResultColumn] {
        names.map { ResultColumn(name: $0, typeOID: 25) }
    }

    func print(settings base: PrintSettings, to output: OutputStream) {
        var settings = base
        settings.title = title
        settings.fetchCount = 0  // psql fetches through a cursor only for queries, never for describe's tables
        settings.footer = base.footer && defaultFooter && footers.isEmpty
        // html and the document formats print footers themselves, where print.c does, escaped like cells.
        let printsFooters = [.asciidoc, .latex, .latexLongtable, .troffMs, .html].contains(settings.format)
        if printsFooters && !footers.isEmpty { settings.explicitFooters = footers }
        let memory = OutputStream.memory()
        let printer = makeResultPrinter(settings: settings, output: memory)
        printer.begin(columns: columns)
        for row in rows { Self.deliver(row, to: printer) }
        printer.end(rowCount: rows.count)
        var bytes = memory.memoryContents
        if !footers.isEmpty && !settings.tuplesOnly && !printsFooters { placeFooters(in: &bytes, settings: settings) }
        bytes.withUnsafeBufferPointer { output.write($0) }
    }

    private func placeFooters(in bytes: inout [UInt8], settings: PrintSettings) {
        switch settings.format {
        case .csv, .json:
            return  // csv never prints footers; json is not one of psql's formats
        case .unaligned:
            // print_unaligned_text: each footer after a record separator; the last line ends with '\n'
            // (or a zero byte with -0).
            let end: UInt8 = settings.recordSeparatorZero ? 0 : 0x0A
            if bytes.last == end { bytes.removeLast() }
            let separator = settings.recordSeparatorZero ? [0] : Array(settings.recordSeparator.utf8)
            // print_unaligned_vertical leaves an empty record between the last field and the footers.
            if settings.expanded == .on { bytes += separator }
            for footer in footers {
                bytes += separator
                bytes += Array(footer.utf8)
            }
            bytes.append(end)
        default:
            // print_aligned_text: footers after the table, then the blank line; the expanded layout
            // (print_aligned_vertical) puts an empty line before them when the border is below 2.
            if bytes.last == 0x0A { bytes.removeLast() }
            if settings.expanded == .on && settings.border < 2 { bytes.append(0x0A) }
            for footer in footers {
                bytes += Array(footer.utf8)
                bytes.append(0x0A)
            }
            bytes.append(0x0A)
        }
    }

    /// Hands one row of strings to a printer as borrowed cells (nil is SQL NULL).
    private static func deliver(_ row: [String?], to printer: ResultPrinter) {
        var storage: [UInt8] = []
        var spans: [(Int, Int)?] = []
        for value in row {
            guard let value else {
                spans.append(nil)
                continue
            }
            let start = storage.count
            storage += Array(value.utf8)
            spans.append((start, storage.count - start))
        }
        storage.append(0)  // never empty, so an empty string still gets a non-nil base
        storage.withUnsafeBufferPointer { buffer in
            let cells = spans.map { span -> Cell in
                guard let (start, count) = span else { return Cell.null }
                return Cell(base: buffer.baseAddress! + start, count: count)
            }
            cells.withUnsafeBufferPointer { printer.row($0) }
        }
    }
}
