/// `\gdesc`: the columns a statement would return, without running it (psql's DescribeQuery).
extension Session {
    /// Describes `sql` under the transaction rules (a statement that does not parse fails a block as it would
    /// if it ran) and prints psql's table of names and types, or psql's line when there is no result.
    public func describeResult(_ sql: [UInt8], output target: OutputStream? = nil) -> StatementStatus {
        underTransactionRules(.other, sql: sql, output: target) { describeAndPrint(sql, output: target) }
    }

    private func describeAndPrint(_ sql: [UInt8], output target: OutputStream?) -> StatementStatus {
        log?.query(sql)
        applyErrorDisplay()
        lastSentSQL = sql
        lease.setActivity(String(decoding: sql.prefix(200), as: UTF8.self))
        let description: Result<[DescribedColumn], ServerError>
        do {
            description = try connection.describe(sql, interrupt: signals)
        } catch {
            lease.setActivity(nil)
            handleLostConnection(error)
            return .connectionLost
        }
        lease.setActivity(nil)
        switch description {
        case .failure(let error):
            diagnostics.server(error.formatted)
            recordOutcome(StatementOutcome(succeeded: false, lastError: error, rowCount: 0, commandTag: nil, cancelled: false))
            return .failed
        case .success(let columns) where columns.isEmpty:
            let out = target ?? resultOutput
            out.write("The command has no result, or the result has no columns.\n")
            out.flush()
            recordOutcome(StatementOutcome(succeeded: true, lastError: nil, rowCount: 0, commandTag: nil, cancelled: false))
            return .succeeded
        case .success(let columns):
            // psql's own query turns the type OIDs and modifiers into names, and prints like any result.
            var values: [String] = []
            for column in columns {
                guard let name = connection.escapeLiteral(column.name) else {
                    diagnostics.error("could not quote the column name \(column.name)")
                    return .failed
                }
                values.append("(\(name), '\(column.typeOID)'::pg_catalog.oid, \(column.typeModifier))")
            }
            let query = "SELECT name AS \"Column\", pg_catalog.format_type(tp, tpm) AS \"Type\"\n"
                + "FROM (VALUES " + values.joined(separator: ",") + ") s(name, tp, tpm)"
            return send(Array(query.utf8), settings: nil, output: target)
        }
    }
}
