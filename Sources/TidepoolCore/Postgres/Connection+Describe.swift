import CLibPQ

/// A column of the result a statement would return: what psql's `\gdesc` shows.
public struct DescribedColumn: Sendable, Equatable {
    public var name: String
    public var typeOID: UInt32
    public var typeModifier: Int32
}

extension Connection {
    /// Parses and plans `sql` as the unnamed prepared statement and describes its result, without running it
    /// (psql's DescribeQuery: the unnamed statement is invisible to the user and replaced by the next one).
    /// Empty columns: the statement returns no rows. A parse error is the server's error, as for a statement.
    public func describe(_ sql: [UInt8], interrupt: InterruptWatcher?) throws(ConnectionError)
        -> Result<[DescribedColumn], ServerError> {
        let collector = DescriptionCollector()
        let prepared = try perform(handler: collector, interrupt: interrupt) {
            withCString(sql) { PQsendPrepare(pg, "", $0, 0, nil) } == 1
        }
        if !prepared.succeeded { return .failure(prepared.lastError ?? ServerError(message: "could not prepare the statement")) }
        let described = try perform(handler: collector, interrupt: interrupt) { PQsendDescribePrepared(pg, "") == 1 }
        if !described.succeeded { return .failure(described.lastError ?? ServerError(message: "could not describe the statement")) }
        return .success(collector.columns)
    }

    func describedColumns(of result: OpaquePointer) -> [DescribedColumn] {
        (0..<PQnfields(result)).map { i in
            DescribedColumn(name: String(cString: PQfname(result, i)), typeOID: UInt32(PQftype(result, i)),
                            typeModifier: PQfmod(result, i))
        }
    }
}

/// Keeps the description; errors are the caller's to show (they come back in the outcome).
private final class DescriptionCollector: QueryResultHandler {
    var columns: [DescribedColumn] = []
    func resultSetBegan(columns: [ResultColumn]) {}
    func row(_ cells: UnsafeBufferPointer<Cell>) {}
    func resultSetEnded(rowCount: Int, commandTag: String) {}
    func commandCompleted(commandTag: String) {}
    func serverError(_ error: ServerError) {}
    func statementDescribed(_ columns: [DescribedColumn]) { self.columns = columns }
}
