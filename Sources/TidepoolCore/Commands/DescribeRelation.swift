/// `\d[S+] PATTERN`: psql 15's describeTableDetails and describeOneTableDetails — a table, view,
/// materialized view, index, sequence, composite type, foreign table or TOAST table, with its footers.
enum RelationDescriber {
    static func describe(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n"
        sql += "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
        let hidden = !run.system && run.pattern == nil
        if hidden { sql += "WHERE n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n" }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: hidden, schema: "n.nspname", name: "c.relname",
                                visibility: "pg_catalog.pg_table_is_visible(c.oid)", maxParts: 3) != nil else { return false }
        sql += "ORDER BY 2, 3;"
        guard let found = run.query(sql) else { return false }
        if found.rows.isEmpty {
            if !run.quiet {
                if let pattern = run.pattern {
                    run.error("Did not find any relation named \"\(pattern)\".")
                } else {
                    run.error("Did not find any relations.")
                }
            }
            return false
        }
        for row in found.rows {
            var one = OneRelation(run: run, oid: row[0] ?? "", schema: row[1] ?? "", name: row[2] ?? "")
            guard one.describe() else { return false }
        }
        return true
    }
}

/// pg_class facts describe.c reads first (its `tableinfo`).
struct TableInfo {
    var checks: Int
    var kind: Character
    var hasIndex, hasRules, hasTriggers, rowSecurity, forceRowSecurity, isPartition: Bool
    var options: String
    var tablespace: String
    var ofType: String?
    var persistence: Character
    var replicaIdentity: Character
    var accessMethod: String?

    init(_ r: [String?]) {
        func flag(_ i: Int) -> Bool { r[i] == "t" }
        checks = Int(r[0] ?? "") ?? 0
        kind = r[1]?.first ?? "?"
        hasIndex = flag(2); hasRules = flag(3); hasTriggers = flag(4)
        rowSecurity = flag(5); forceRowSecurity = flag(6); isPartition = flag(8)
        options = r[9] ?? ""
        tablespace = r[10] ?? "0"
        ofType = (r[11] ?? "").isEmpty ? nil : r[11]
        persistence = r[12]?.first ?? "p"
        replicaIdentity = r[13]?.first ?? "d"
        accessMethod = r[14]
    }
}

struct OneRelation {
    let run: DescribeRun
    let oid: String
    let schema: String
    let name: String
    var footers: [String] = []

    init(run: DescribeRun, oid: String, schema: String, name: String) {
        self.run = run
        self.oid = oid
        self.schema = schema
        self.name = name
    }

    var verbose: Bool { run.verbose }

    func rows(_ sql: String) -> [[String?]]? { run.query(sql)?.rows }

    mutating func describe() -> Bool {
        let optionsColumn = verbose
            ? "pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')\n"
            : "''"
        let infoSQL = "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, "
            + "c.relforcerowsecurity, false AS relhasoids, c.relispartition, \(optionsColumn), c.reltablespace, "
            + "CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, "
            + "c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n "
            + "LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\n"
            + "LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '\(oid)';"
        guard let info = rows(infoSQL) else { return false }
        guard let first = info.first else {
            if !run.quiet { run.error("Did not find any relation with OID \(oid).") }
            return false
        }
        let table = TableInfo(first)
        if table.kind == "S" { return describeSequence(table) }

        let kind = table.kind
        let showDetails = "rvmfcp".contains(kind)
        let isIndex = kind == "i" || kind == "I"
        var sql = "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod)"
        if showDetails {
            sql += ",\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n"
            sql += "   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull"
            sql += ",\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n"
            sql += "   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation"
            sql += ",\n  a.attidentity,\n  a.attgenerated"
        }
        if isIndex {
            sql += ",\n  CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = '\(oid)') THEN 'yes' ELSE 'no' END AS is_key"
            sql += ",\n  pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, TRUE) AS indexdef"
        }
        if kind == "f" {
            sql += ",\n  CASE WHEN attfdwoptions IS NULL THEN '' ELSE   '(' || pg_catalog.array_to_string(ARRAY(SELECT "
            sql += "pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)  FROM   "
            sql += "pg_catalog.pg_options_to_table(attfdwoptions)), ', ') || ')' END AS attfdwoptions"
        }
        let showCompression = verbose && "rpm".contains(kind)
        let showStatsTarget = verbose && "riImfp".contains(kind)
        let showDescription = verbose && "rvmfcp".contains(kind)
        if verbose {
            sql += ",\n  a.attstorage"
            if showCompression { sql += ",\n  a.attcompression AS attcompression" }
            if showStatsTarget { sql += ",\n  CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget" }
            if showDescription { sql += ",\n  pg_catalog.col_description(a.attrelid, a.attnum)" }
        }
        sql += "\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '\(oid)' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;"
        guard let columns = rows(sql) else { return false }

        var headers = ["Column", "Type"]
        if showDetails { headers += ["Collation", "Nullable", "Default"] }
        if isIndex { headers += ["Key?", "Definition"] }
        if kind == "f" { headers.append("FDW options") }
        if verbose { headers.append("Storage") }
        if showCompression { headers.append("Compression") }
        if showStatsTarget { headers.append("Stats target") }
        if showDescription { headers.append("Description") }

        let cells: [[String?]] = columns.map { r in
            var out: [String?] = [r[0] ?? "", r[1] ?? ""]
            var i = 2
            if showDetails {
                let defaultValue = r[2] ?? "", notNull = r[3] == "t", collation = r[4] ?? ""
                let identity = r[5] ?? "", generated = r[6] ?? ""
                i = 7
                out.append(collation)
                out.append(notNull ? "not null" : "")
                if identity == "a" {
                    out.append("generated always as identity")
                } else if identity == "d" {
                    out.append("generated by default as identity")
                } else if generated == "s" {
                    out.append("generated always as (\(defaultValue)) stored")
                } else {
                    out.append(defaultValue)
                }
            }
            if isIndex {
                out.append(r[i] ?? ""); out.append(r[i + 1] ?? "")
                i += 2
            }
            if kind == "f" {
                out.append(r[i] ?? "")
                i += 1
            }
            if verbose {
                switch r[i] ?? "" {
                case "p": out.append("plain")
                case "m": out.append("main")
                case "x": out.append("extended")
                case "e": out.append("external")
                default: out.append("???")
                }
                i += 1
                if showCompression {
                    switch r[i] ?? "" {
                    case "p": out.append("pglz")
                    case "l": out.append("lz4")
                    case "": out.append("")
                    default: out.append("???")
                    }
                    i += 1
                }
                if showStatsTarget { out.append(r[i] ?? ""); i += 1 }
                if showDescription { out.append(r[i] ?? ""); i += 1 }
            }
            return out
        }

        guard addFooters(table) else { return false }
        run.printTable(FooterTable(title: title(table), columns: FooterTable.textColumns(headers), rows: cells,
                                   footers: footers, defaultFooter: false), expandedAllowed: false)
        return true
    }

    private func title(_ table: TableInfo) -> String {
        let unlogged = table.persistence == "u"
        let qualified = "\"\(schema).\(name)\""
        switch table.kind {
        case "r": return (unlogged ? "Unlogged table " : "Table ") + qualified
        case "v": return "View " + qualified
        case "m": return "Materialized view " + qualified
        case "i": return (unlogged ? "Unlogged index " : "Index ") + qualified
        case "I": return (unlogged ? "Unlogged partitioned index " : "Partitioned index ") + qualified
        case "t": return "TOAST table " + qualified
        case "c": return "Composite type " + qualified
        case "f": return "Foreign table " + qualified
        case "p": return (unlogged ? "Unlogged partitioned table " : "Partitioned table ") + qualified
        default: return "?\(table.kind)? " + qualified
        }
    }

    // MARK: sequences

    private func describeSequence(_ table: TableInfo) -> Bool {
        let sql = """
            SELECT pg_catalog.format_type(seqtypid, NULL) AS "Type",
                   seqstart AS "Start",
                   seqmin AS "Minimum",
                   seqmax AS "Maximum",
                   seqincrement AS "Increment",
                   CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS "Cycles?",
                   seqcache AS "Cache"
            FROM pg_catalog.pg_sequence
            WHERE seqrelid = '\(oid)';
            """
        guard let sequence = run.query(sql) else { return false }
        let ownerSQL = """
            SELECT pg_catalog.quote_ident(nspname) || '.' ||
               pg_catalog.quote_ident(relname) || '.' ||
               pg_catalog.quote_ident(attname),
               d.deptype
            FROM pg_catalog.pg_class c
            INNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid
            INNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace
            INNER JOIN pg_catalog.pg_attribute a ON (
             a.attrelid=c.oid AND
             a.attnum=d.refobjsubid)
            WHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass
             AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass
             AND d.objid='\(oid)'
             AND d.deptype IN ('a', 'i')
            """
        guard let owner = rows(ownerSQL) else { return false }
        var footers: [String] = []
        if owner.count == 1 {
            switch owner[0][1] ?? "" {
            case "a": footers.append("Owned by: \(owner[0][0] ?? "")")
            case "i": footers.append("Sequence for identity column: \(owner[0][0] ?? "")")
            default: break
            }
        }
        let title = (table.persistence == "u" ? "Unlogged sequence " : "Sequence ") + "\"\(schema).\(name)\""
        run.printQuery(sequence, title: title, footers: footers, defaultFooter: false)
        return true
    }
}
