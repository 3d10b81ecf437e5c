/// `\dd[S] [PATTERN]`: psql 15's objectDescription — comments on the objects `\d` and friends do not show
/// (table and domain constraints, operator classes and families, rules, triggers), one query of six parts.
enum ObjectDescriptions {
    private struct Part {
        var select: String
        /// Whether `select` already ends in a WHERE (or a join condition the filters can extend with AND).
        var haveWhere: Bool
        var nameColumn: String
        var visibility: String
    }

    private static let parts: [Part] = [
        Part(select: """
              SELECT pgc.oid as oid, pgc.tableoid AS tableoid,
              n.nspname as nspname,
              CAST(pgc.conname AS pg_catalog.text) as name,  CAST('table constraint' AS pg_catalog.text) as object
              FROM pg_catalog.pg_constraint pgc
                JOIN pg_catalog.pg_class c ON c.oid = pgc.conrelid
                LEFT JOIN pg_catalog.pg_namespace n     ON n.oid = c.relnamespace

            """, haveWhere: false, nameColumn: "pgc.conname", visibility: "pg_catalog.pg_table_is_visible(c.oid)"),
        Part(select: """
              SELECT pgc.oid as oid, pgc.tableoid AS tableoid,
              n.nspname as nspname,
              CAST(pgc.conname AS pg_catalog.text) as name,  CAST('domain constraint' AS pg_catalog.text) as object
              FROM pg_catalog.pg_constraint pgc
                JOIN pg_catalog.pg_type t ON t.oid = pgc.contypid
                LEFT JOIN pg_catalog.pg_namespace n     ON n.oid = t.typnamespace

            """, haveWhere: false, nameColumn: "pgc.conname", visibility: "pg_catalog.pg_type_is_visible(t.oid)"),
        Part(select: """
              SELECT o.oid as oid, o.tableoid as tableoid,
              n.nspname as nspname,
              CAST(o.opcname AS pg_catalog.text) as name,
              CAST('operator class' AS pg_catalog.text) as object
              FROM pg_catalog.pg_opclass o
                JOIN pg_catalog.pg_am am ON o.opcmethod = am.oid
                JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace

            """, haveWhere: true, nameColumn: "o.opcname", visibility: "pg_catalog.pg_opclass_is_visible(o.oid)"),
        Part(select: """
              SELECT opf.oid as oid, opf.tableoid as tableoid,
              n.nspname as nspname,
              CAST(opf.opfname AS pg_catalog.text) AS name,
              CAST('operator family' AS pg_catalog.text) as object
              FROM pg_catalog.pg_opfamily opf
                JOIN pg_catalog.pg_am am ON opf.opfmethod = am.oid
                JOIN pg_catalog.pg_namespace n ON opf.opfnamespace = n.oid

            """, haveWhere: true, nameColumn: "opf.opfname", visibility: "pg_catalog.pg_opfamily_is_visible(opf.oid)"),
        Part(select: """
              SELECT r.oid as oid, r.tableoid as tableoid,
              n.nspname as nspname,
              CAST(r.rulename AS pg_catalog.text) as name,  CAST('rule' AS pg_catalog.text) as object
              FROM pg_catalog.pg_rewrite r
                   JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
                   LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE r.rulename != '_RETURN'

            """, haveWhere: true, nameColumn: "r.rulename", visibility: "pg_catalog.pg_table_is_visible(c.oid)"),
        Part(select: """
              SELECT t.oid as oid, t.tableoid as tableoid,
              n.nspname as nspname,
              CAST(t.tgname AS pg_catalog.text) as name,  CAST('trigger' AS pg_catalog.text) as object
              FROM pg_catalog.pg_trigger t
                   JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
                   LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace

            """, haveWhere: false, nameColumn: "t.tgname", visibility: "pg_catalog.pg_table_is_visible(c.oid)"),
    ]

    static func list(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT DISTINCT tt.nspname AS \"Schema\", tt.name AS \"Name\", tt.object AS \"Object\", "
            + "d.description AS \"Description\"\nFROM (\n"
        let hideSystem = !run.system && run.pattern == nil
        for (index, part) in parts.enumerated() {
            if index > 0 { sql += "UNION ALL\n" }
            sql += part.select
            var haveWhere = part.haveWhere
            if hideSystem {
                sql += (haveWhere ? "      AND" : "WHERE") + " n.nspname <> 'pg_catalog'\n"
                    + "      AND n.nspname <> 'information_schema'\n"
                haveWhere = true
            }
            guard run.appendPattern(to: &sql, run.pattern, haveWhere: haveWhere, schema: "n.nspname",
                                    name: part.nameColumn, visibility: part.visibility, maxParts: 3) != nil else { return false }
        }
        sql += ") AS tt\n  JOIN pg_catalog.pg_description d ON (tt.oid = d.objoid AND tt.tableoid = d.classoid AND d.objsubid = 0)\n"
            + "ORDER BY 1, 2, 3;"
        return run.printList(sql, title: "Object descriptions")
    }
}
