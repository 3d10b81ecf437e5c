/// What a job produced, kept to be printed later in whatever format the session uses by then: result sets as
/// raw cell bytes with their columns, command tags, errors and notices, in the order they arrived.
public struct JobResult: Sendable {
    public enum Event: Sendable {
        case resultSet(StoredResultSet)
        case command(tag: String)
        case error(ServerError)
        case notice(ServerError)
        /// tidepool's own words about the job: why it failed (a lease that timed out, a lost connection)…
        case failure(String)
        /// …or what it did on the job's behalf (rolled back a block left open).
        case warning(String)
    }

    public var events: [Event] = []
    /// Rows the job returned, kept or not, over all its result sets.
    public var totalRows = 0
    /// Rows stored for printing; less than `totalRows` when a limit cut the result.
    public var keptRows = 0
    /// Which bound cut the result, if one did.
    public var cutBy: Cut?

    public enum Cut: Sendable, Equatable { case rows(Int), bytes(Int) }

    public init() {}

    /// The last command tag (`INSERT 0 3`), for a job that returned no rows at all.
    public var lastCommandTag: String? {
        for event in events.reversed() {
            if case .command(let tag) = event { return tag }
            if case .resultSet(let set) = event { return set.commandTag }
        }
        return nil
    }

    public var hasResultSets: Bool {
        events.contains { if case .resultSet = $0 { return true } else { return false } }
    }

    /// The first error the server sent, if any.
    public var firstError: ServerError? {
        for event in events { if case .error(let error) = event { return error } }
        return nil
    }
}

/// One result set: every kept cell's bytes in one arena, one end offset per cell, NULLs marked apart.
public struct StoredResultSet: Sendable {
    public var columns: [ResultColumn]
    var arena: [UInt8] = []
    var cellEnds: [Int] = []
    var nulls: [Bool] = []
    public private(set) var keptRows = 0
    /// Set when the result set ended normally (`SELECT 3`); nil when an error cut it short.
    public var commandTag: String?

    init(columns: [ResultColumn]) {
        self.columns = columns
    }

    mutating func append(_ cells: UnsafeBufferPointer<Cell>) {
        for cell in cells {
            nulls.append(cell.isNull)
            if !cell.isNull { arena.append(contentsOf: cell.bytes) }
            cellEnds.append(arena.count)
        }
        keptRows += 1
    }

    /// Hands each kept row to `body` as cells pointing into the arena (valid only during the call).
    func forEachRow(_ body: (UnsafeBufferPointer<Cell>) -> Void) {
        let width = columns.count
        guard width > 0 else {
            for _ in 0..<keptRows { body(UnsafeBufferPointer(start: nil, count: 0)) }
            return
        }
        arena.withUnsafeBufferPointer { bytes in
            // An empty arena has no base address; empty cells must still be non-NULL, so point them somewhere.
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            var cells = [Cell](repeating: .null, count: width)
            for row in 0..<keptRows {
                for column in 0..<width {
                    let index = row * width + column
                    if nulls[index] {
                        cells[column] = .null
                    } else {
                        let start = index == 0 ? 0 : cellEnds[index - 1]
                        cells[column] = Cell(base: base + start, count: cellEnds[index] - start)
                    }
                }
                cells.withUnsafeBufferPointer(body)
            }
        }
    }
}
