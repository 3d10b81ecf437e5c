/// Rows held back for the aligned formats, which need every width before the first line prints.
///
/// All cell bytes go into one growing arena, with one end offset per cell: no allocation per cell or per
/// row, and `removeAll` keeps the capacity for the next group. NULLs are stored as the null display text,
/// and bytes psql's UTF-8 validation drops are dropped on the way in, so the arena holds what psql prints.
/// Per-column statistics (widest cell, most lines, summed widths) are gathered as rows arrive.
struct RowBuffer {
    let columnCount: Int
    private(set) var arena: [UInt8] = []
    private(set) var cellEnds: [Int] = []
    private(set) var rowCount = 0
    private(set) var maxWidth: [Int]
    private(set) var maxHeight: [Int]
    private(set) var widthSum: [Int]
    private let nullDisplay: [UInt8]

    init(columnCount: Int, nullDisplay: String) {
        self.columnCount = columnCount
        self.nullDisplay = Array(nullDisplay.utf8)
        maxWidth = Array(repeating: 0, count: columnCount)
        maxHeight = Array(repeating: 1, count: columnCount)
        widthSum = Array(repeating: 0, count: columnCount)
    }

    var byteCount: Int { arena.count }

    mutating func append(_ cells: UnsafeBufferPointer<Cell>) {
        precondition(cells.count == columnCount, "a row must have one cell per column")
        for (column, cell) in cells.enumerated() {
            let start = arena.count
            if cell.isNull {
                arena.append(contentsOf: nullDisplay)
            } else {
                DisplayWidth.forEachKeptRun(cell.bytes) { arena.append(contentsOf: $0) }
            }
            cellEnds.append(arena.count)
            let m = arena.withUnsafeBufferPointer { CellText.measure(UnsafeBufferPointer(rebasing: $0[start...])) }
            if m.width > maxWidth[column] { maxWidth[column] = m.width }
            if m.height > maxHeight[column] { maxHeight[column] = m.height }
            widthSum[column] += m.width
        }
        rowCount += 1
    }

    /// Calls `body` with the bytes of one cell (valid only during the call).
    @inline(__always)
    func withCell<R>(row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let index = row * columnCount + column
        let start = index == 0 ? 0 : cellEnds[index - 1]
        let end = cellEnds[index]
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        cellEnds.removeAll(keepingCapacity: true)
        rowCount = 0
        for i in 0..<columnCount {
            maxWidth[i] = 0
            maxHeight[i] = 1
            widthSum[i] = 0
        }
    }
}
