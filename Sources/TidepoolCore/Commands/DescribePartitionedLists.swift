/// `\dP[tin][+] [PATTERN]`: psql 15's listPartitionedTables — partitioned tables (`t`), partitioned indexes
/// (`i`), both by default; `n` adds the nested ones with their parent; `+` their sizes and descriptions.
enum PartitionedLists {
    static func list(_ run: inout DescribeRun) -> Bool {
        let kinds = run.letters.dropFirst()  // after the "P"
        var showTables = kinds.contains("t"), showIndexes = kinds.contains("i")
        let showNested = kinds.contains("n")
        if !showTables && !showIndexes { showTables = true; showIndexes = true }
        let mixed = showTables && showIndexes
        let title = mixed ? "List of partitioned relations"
            : showTables ? "List of partitioned tables" : "List of partitioned indexes"
        let withParent = showNested || run.pattern != nil

        var sql = "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n"
            + "  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\""
        if mixed {
            sql += ",\n  CASE c.relkind WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as \"Type\""
        }
        if withParent { sql += ",\n  inh.inhparent::pg_catalog.regclass as \"Parent name\"" }
        if showIndexes { sql += ",\n c2.oid::pg_catalog.regclass as \"Table\"" }
        if run.verbose {
            if showNested { sql += ",\n  s.dps as \"Leaf partition size\"" }
            sql += ",\n  s.tps as \"Total size\""
            sql += ",\n  pg_catalog.obj_description(c.oid, 'pg_class') as \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        if showIndexes {
            sql += "\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
                + "\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid"
        }
        if withParent { sql += "\n     LEFT JOIN pg_catalog.pg_inherits inh ON c.oid = inh.inhrelid" }
        if run.verbose {
            sql += ",\n     LATERAL (SELECT pg_catalog.pg_size_pretty(sum("
                + "\n                 CASE WHEN ppt.isleaf AND ppt.level = 1"
                + "\n                      THEN pg_catalog.pg_table_size(ppt.relid) ELSE 0 END)) AS dps"
                + ",\n                     pg_catalog.pg_size_pretty(sum(pg_catalog.pg_table_size(ppt.relid))) AS tps"
                + "\n              FROM pg_catalog.pg_partition_tree(c.oid) ppt) s"
        }
        sql += "\nWHERE c.relkind IN (" + (showTables ? "'p'," : "") + (showIndexes ? "'I'," : "") + "'')\n"
        if !withParent { sql += " AND NOT c.relispartition\n" }
        if run.pattern == nil {
            sql += "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n"
                + "      AND n.nspname <> 'information_schema'\n"
        }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: true, schema: "n.nspname", name: "c.relname",
                                visibility: "pg_catalog.pg_table_is_visible(c.oid)", maxParts: 3) != nil else { return false }
        sql += "ORDER BY \"Schema\", " + (mixed ? "\"Type\" DESC, " : "")
            + (withParent ? "\"Parent name\" NULLS FIRST, " : "") + "\"Name\";"
        return run.printList(sql, title: title)
    }

    /// `\dP` and `\dP` followed by any of `t`, `i`, `n` (each once, any order), with or without `+`; psql 15
    /// takes no `S` here.
    static func names() -> [String] {
        var stems = ["dP"]
        var frontier = [("dP", Set<Character>())]
        for _ in 0..<3 {
            var next: [(String, Set<Character>)] = []
            for (stem, used) in frontier {
                for letter in "tin" where !used.contains(letter) { next.append((stem + String(letter), used.union([letter]))) }
            }
            stems += next.map(\.0)
            frontier = next
        }
        return stems.flatMap { [$0, $0 + "+"] }
    }
}
