/// psql's aligned and wrapped formats, and expanded aligned (`\x`), with bounded memory.
///
/// Rows are held in a `RowBuffer` until the group is full, then printed with widths computed for that
/// group, exactly as psql prints with FETCH_COUNT: header before the first group only, footer after the
/// last, row numbers of `\x` records continuing across groups. A result that fits in one group prints
/// exactly as psql prints it without FETCH_COUNT.
final class AlignedPrinter: ResultPrinter {
    private let settings: PrintSettings
    private let output: OutputStream
    private var layout: TableLayout?
    private var buffer: RowBuffer?
    private var tableRenderer: AlignedTableRenderer?
    private var printedRows = 0
    private var printedGroups = 0
    private var forceExpanded = false
    private let groupSize: Int
    private let byteLimit: Int

    init(settings: PrintSettings, output: OutputStream) {
        self.settings = settings
        self.output = output
        if settings.fetchCount > 0 {
            groupSize = settings.fetchCount
            byteLimit = Int.max
        } else {
            groupSize = max(1, settings.streamingThreshold)
            byteLimit = max(1, settings.streamingByteLimit)
        }
    }

    func begin(columns: [ResultColumn]) {
        let layout = TableLayout(columns: columns, settings: settings)
        self.layout = layout
        buffer = RowBuffer(columnCount: columns.count, nullDisplay: settings.nullDisplay)
        tableRenderer = AlignedTableRenderer(layout: layout)
    }

    func row(_ cells: UnsafeBufferPointer<Cell>) {
        buffer!.append(cells)
        if buffer!.rowCount >= groupSize || buffer!.byteCount >= byteLimit {
            printGroup(isLast: false)
            if settings.fetchCount > 0 { output.flush() }
        }
    }

    func end(rowCount: Int) {
        if layout == nil { begin(columns: []) }
        printGroup(isLast: true)
    }

    private func printGroup(isLast: Bool) {
        let position = GroupPosition(isFirst: printedGroups == 0, isLast: isLast, priorRows: printedRows)
        // psql decides `\x auto` per group, except that once a result needs more than one group it
        // switches to its pager path, which forces the expanded layout for the rest of the result.
        if !isLast { forceExpanded = true }
        if settings.expanded == .on || (settings.expanded == .auto && forceExpanded) {
            var renderer = ExpandedRenderer(layout: layout!)
            renderer.render(buffer!, at: position, to: output)
        } else {
            tableRenderer!.render(buffer!, at: position, to: output)
        }
        printedRows += buffer!.rowCount
        printedGroups += 1
        buffer!.removeAll()
    }
}
