/// psql's back door: queries tidepool makes for itself (\d, \sf, \pool's lock counts). They never count as the
/// user's statement (no ROW_COUNT, no timing), and `-E`/ECHO_HIDDEN shows them as psql does.
public struct CatalogRows: Sendable {
    public var columns: [ResultColumn]
    public var rows: [[String?]]
}

/// Where an internal query runs.
public enum CatalogConnection: Sendable {
    /// The session's own connection, as psql does: `\d` must see what the session sees — its search_path,
    /// its temporary tables, and what its open transaction block has created but not yet committed.
    case session
    /// A pooled connection of its own (the catalog role): for questions about the session from outside it
    /// (\pool's lock counts, PgBouncer's pooling mode).
    case pooled
}

extension Session {
    /// Runs one internal query and collects its (small) result.
    public func catalogQuery(_ sql: String, on place: CatalogConnection = .session) -> Result<CatalogRows, ServerError> {
        if let echo = variables["ECHO_HIDDEN"], echo != "off" {
            output.write("********* QUERY **********\n\(sql)\n**************************\n\n")  // psql 15's frame
            output.flush()
            log?.query(Array(sql.utf8))
            if echo == "noexec" { return .success(CatalogRows(columns: [], rows: [])) }
        }
        switch place {
        case .session: return sessionCatalogQuery(sql)
        case .pooled: return pooledCatalogQuery(sql)
        }
    }

    private func sessionCatalogQuery(_ sql: String) -> Result<CatalogRows, ServerError> {
        if ensureLiveConnection() != nil {
            // ensureLiveConnection has said what happened; an empty message tells callers not to repeat it.
            return .failure(ServerError(message: ""))
        }
        lease.setActivity(String(sql.prefix(200)))
        defer { lease.setActivity(nil) }
        // Inside a block a failing catalog query would abort the user's transaction (psql lets it); a
        // savepoint keeps the block whole, whatever the query does.
        let inBlock = connection.transactionState == .inTransaction
        if inBlock && !quietly("SAVEPOINT tidepool_catalog") { return .failure(ServerError(message: "could not set a savepoint")) }
        let collector = RowCollector()
        do {
            let outcome = try connection.execute(Array(sql.utf8), handler: collector, interrupt: signals)
            if inBlock {
                // As Session+Transactions does for ON_ERROR_ROLLBACK: undo only what failed, else let it go.
                _ = quietly(connection.transactionState == .inFailedTransaction ? "ROLLBACK TO SAVEPOINT tidepool_catalog"
                                                                                 : "RELEASE SAVEPOINT tidepool_catalog")
            }
            if let error = outcome.lastError { return .failure(error) }
            return .success(CatalogRows(columns: collector.columns, rows: collector.rows))
        } catch {
            let message = error.message.isEmpty ? "connection to server was lost" : error.message
            lease.markBroken()
            isDisconnected = true
            return .failure(ServerError(message: message))
        }
    }

    private func pooledCatalogQuery(_ sql: String) -> Result<CatalogRows, ServerError> {
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
