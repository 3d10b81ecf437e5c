/// `\d` without a pattern, `\dt`, `\di`, `\dv`, `\dm`, `\ds`, `\dE` and their combinations: psql 15's
/// listTables.
enum RelationLists {
    static func list(types: String, _ run: inout DescribeRun) -> Bool {
        var showTables = types.contains("t")
        let showIndexes = types.contains("i")
        var showViews = types.contains("v")
        var showMatViews = types.contains("m")
        var showSequences = types.contains("s")
        var showForeign = types.contains("E")
        if !(showTables || showIndexes || showViews || showMatViews || showSequences || showForeign) {
            showTables = true; showViews = true; showMatViews = true; showSequences = true; showForeign = true
        }
        let pattern = run.pattern
        let withAccessMethod = showTables || showMatViews || showIndexes

        var sql = """
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' \
            WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' \
            WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
            """
        if showIndexes { sql += ",\n  c2.relname as \"Table\"" }
        if run.verbose {
            sql += ",\n  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as \"Persistence\""
            if withAccessMethod { sql += ",\n  am.amname as \"Access method\"" }
            sql += ",\n  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as \"Size\""
            sql += ",\n  pg_catalog.obj_description(c.oid, 'pg_class') as \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        if withAccessMethod { sql += "\n     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam" }
        if showIndexes {
            sql += "\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
            sql += "\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid"
        }
        sql += "\nWHERE c.relkind IN ("
        if showTables {
            sql += "'r','p',"
            // With S or a pattern, 't' matches TOAST tables too.
            if run.system || pattern != nil { sql += "'t'," }
        }
        if showViews { sql += "'v'," }
        if showMatViews { sql += "'m'," }
        if showIndexes { sql += "'i','I'," }
        if showSequences { sql += "'S'," }
        if run.system || pattern != nil { sql += "'s'," }
        if showForeign { sql += "'f'," }
        sql += "'')\n"
        if !run.system && pattern == nil {
            sql += "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n      AND n.nspname <> 'information_schema'\n"
        }
        guard run.appendPattern(to: &sql, pattern, haveWhere: true, schema: "n.nspname", name: "c.relname",
                                visibility: "pg_catalog.pg_table_is_visible(c.oid)", maxParts: 3) != nil else { return false }
        sql += "ORDER BY 1,2;"
        guard let rows = run.query(sql) else { return false }
        // psql's historical exception: an empty list is an error message unless quiet (still success).
        if rows.rows.isEmpty && !run.quiet {
            if let pattern {
                run.error("Did not find any relation named \"\(pattern)\".")
            } else {
                run.error("Did not find any relations.")
            }
            return true
        }
        run.printQuery(rows, title: "List of relations")
        return true
    }
}
