/// Receives what one statement produces, on the thread that reads it from the socket (DESIGN.md: rows are
/// printed where they are read; no hand-off between a socket and a row).
public protocol QueryResultHandler: AnyObject {
    /// A result with rows begins: its columns are known. Called before the first row, also for zero rows.
    func resultSetBegan(columns: [ResultColumn])
    /// One row; the cells point into libpq's memory and are valid only during the call.
    func row(_ cells: UnsafeBufferPointer<Cell>)
    /// The result set ended after `rowCount` rows; `commandTag` is e.g. "SELECT 3".
    func resultSetEnded(rowCount: Int, commandTag: String)
    /// A command without rows completed (`INSERT 0 1`, `CREATE TABLE`, …).
    func commandCompleted(commandTag: String)
    /// The server answered with an error; the statement (and any later ones in the same query string) ended.
    func serverError(_ error: ServerError)
    /// The server asked for COPY data (COPY … FROM STDIN). Returns the bytes to send, in chunks, or throws.
    func copyIn(_ connection: Connection) throws
    /// COPY … TO STDOUT started; its data follows through `copyOutData` (none for zero rows).
    func copyOutBegan()
    /// The server sends COPY data (COPY … TO STDOUT).
    func copyOutData(_ bytes: UnsafeRawBufferPointer)
    /// The columns a prepared statement would return (`Connection.describe`, for \gdesc).
    func statementDescribed(_ columns: [DescribedColumn])
}

extension QueryResultHandler {
    public func copyIn(_ connection: Connection) throws {
        connection.endCopyIn(error: "COPY from stdin is not supported here")
    }
    public func copyOutBegan() {}
    public func copyOutData(_ bytes: UnsafeRawBufferPointer) {}
    public func statementDescribed(_ columns: [DescribedColumn]) {}
}

/// How a statement ended, as far as the session's bookkeeping is concerned.
public struct StatementOutcome: Sendable {
    public var succeeded: Bool
    public var lastError: ServerError?
    /// Rows returned by the last result set, or affected by the last command (psql's ROW_COUNT).
    public var rowCount: Int
    public var commandTag: String?
    public var cancelled: Bool
    /// PQoidValue of the last result psql prints a status line for (a command, or INSERT/UPDATE/DELETE …
    /// RETURNING): psql's LASTOID. nil when there was none.
    public var lastOID: UInt32? = nil
}
