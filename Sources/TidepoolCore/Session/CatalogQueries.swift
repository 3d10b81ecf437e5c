/// psql's back door: queries tidepool makes for itself (\d, completion, \pool's lock counts). They run on a
/// pooled connection with the catalog role, never on the session connection, never count as the user's
/// statement (no ROW_COUNT, no timing), and `-E`/ECHO_HIDDEN shows them as psql does.
public struct CatalogRows: Sendable {
    public var columns: [ResultColumn]
    public var rows: [[String?]]
}

extension Session {
    /// Runs one internal query and collects its (small) result.
    public func catalogQuery(_ sql: String) -> Result<CatalogRows, ServerError> {
        if let echo = variables["ECHO_HIDDEN"], echo != "off" {
            output.write("********* QUERY **********\n\(sql)\n**************************\n\n")  // psql 15's frame
            output.flush()
            log?.query(Array(sql.utf8))
            if echo == "noexec" { return .success(CatalogRows(columns: [], rows: [])) }
        }
        let lease: PoolLease<Connection>
        do {
            lease = try pool.lease(role: .catalog, interrupted: { [signals] in signals.consume() })
        } catch {
            return .failure(ServerError(message: error.message))
        }
        defer { lease.release() }
        lease.setActivity(String(sql.prefix(200)))
        let collector = RowCollector()
        do {
            let outcome = try lease.connection.execute(Array(sql.utf8), handler: collector, interrupt: signals)
            if let error = outcome.lastError { return .failure(error) }
            return .success(CatalogRows(columns: collector.columns, rows: collector.rows))
        } catch {
            lease.markBroken()
            return .failure(ServerError(message: error.message.isEmpty ? "connection to server was lost" : error.message))
        }
    }
}
