/// Database names for the shell completion scripts (`tidepool -d <Tab>`): asks the server libpq's defaults
/// point at, quickly, and quietly gives nothing when it cannot.
public enum DatabaseNameCompletion {
    public static func names(prefix: String) -> [String] {
        var parameters = ConnectionParameters()
        parameters.extra = [("connect_timeout", "2")]
        guard let connection = try? Connection.connect(parameters) else { return [] }
        defer { connection.close() }
        let collector = RowCollector()
        let sql = "select datname from pg_catalog.pg_database where datallowconn order by 1"
        guard (try? connection.execute(Array(sql.utf8), handler: collector)) != nil else { return [] }
        return collector.rows.compactMap { $0.first ?? nil }.filter { $0.hasPrefix(prefix) }
    }
}
