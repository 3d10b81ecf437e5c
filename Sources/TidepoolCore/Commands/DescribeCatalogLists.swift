/// `\dX`, `\dc`, `\dA`, `\dl` (`\lo_list`), `\dRp`, `\dRs`, `\drds`: psql 15's listExtendedStats,
/// listConversions, describeAccessMethods, listLargeObjects, listPublications, describeSubscriptions and
/// listDbRoleSettings, query text included (so `-E` shows what psql shows).
enum CatalogLists {
    static func extendedStatistics(_ run: inout DescribeRun) -> Bool {
        // psql 15 builds this one with trailing spaces on several lines; kept, so -E prints the same text.
        var sql = "SELECT \n"
            + "es.stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS \"Schema\", \n"
            + "es.stxname AS \"Name\", \n"
            + "pg_catalog.format('%s FROM %s', \n"
            + "  pg_catalog.pg_get_statisticsobjdef_columns(es.oid), \n"
            + "  es.stxrelid::pg_catalog.regclass) AS \"Definition\",\n"
            + "CASE WHEN 'd' = any(es.stxkind) THEN 'defined' \nEND AS \"Ndistinct\", \n"
            + "CASE WHEN 'f' = any(es.stxkind) THEN 'defined' \nEND AS \"Dependencies\",\n"
            + "CASE WHEN 'm' = any(es.stxkind) THEN 'defined' \nEND AS \"MCV\"  \n"
            + "FROM pg_catalog.pg_statistic_ext es \n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: "es.stxnamespace::pg_catalog.regnamespace::pg_catalog.text",
                                name: "es.stxname", visibility: "pg_catalog.pg_statistics_obj_is_visible(es.oid)",
                                maxParts: 3) != nil else { return false }
        sql += "ORDER BY 1, 2;"
        return run.printList(sql, title: "List of extended statistics")
    }

    static func conversions(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT n.nspname AS "Schema",
                   c.conname AS "Name",
                   pg_catalog.pg_encoding_to_char(c.conforencoding) AS "Source",
                   pg_catalog.pg_encoding_to_char(c.contoencoding) AS "Destination",
                   CASE WHEN c.condefault THEN 'yes'
                   ELSE 'no' END AS "Default?"
            """
        if run.verbose { sql += ",\n       d.description AS \"Description\"" }
        sql += "\nFROM pg_catalog.pg_conversion c\n     JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace\n"
        if run.verbose {
            sql += "LEFT JOIN pg_catalog.pg_description d ON d.classoid = c.tableoid\n"
                + "          AND d.objoid = c.oid AND d.objsubid = 0\n"
        }
        sql += "WHERE true\n"
        if !run.system && run.pattern == nil {
            sql += "  AND n.nspname <> 'pg_catalog'\n  AND n.nspname <> 'information_schema'\n"
        }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: true, schema: "n.nspname", name: "c.conname",
                                visibility: "pg_catalog.pg_conversion_is_visible(c.oid)", maxParts: 3) != nil else { return false }
        sql += "ORDER BY 1, 2;"
        return run.printList(sql, title: "List of conversions")
    }

    static func accessMethods(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT amname AS \"Name\",\n  CASE amtype WHEN 'i' THEN 'Index' WHEN 't' THEN 'Table' END AS \"Type\""
        if run.verbose {
            sql += ",\n  amhandler AS \"Handler\",\n  pg_catalog.obj_description(oid, 'pg_am') AS \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_am\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "amname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1;"
        return run.printList(sql, title: "List of access methods")
    }

    static func largeObjects(_ run: inout DescribeRun) -> Bool {
        let sql = """
            SELECT oid as "ID",
              pg_catalog.pg_get_userbyid(lomowner) as "Owner",
              pg_catalog.obj_description(oid, 'pg_largeobject') as "Description"
            FROM pg_catalog.pg_largeobject_metadata
            ORDER BY oid
            """
        return run.printList(sql, title: "Large objects")
    }

    static func publications(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT pubname AS "Name",
              pg_catalog.pg_get_userbyid(pubowner) AS "Owner",
              puballtables AS "All tables",
              pubinsert AS "Inserts",
              pubupdate AS "Updates",
              pubdelete AS "Deletes",
              pubtruncate AS "Truncates",
              pubviaroot AS "Via root"
            FROM pg_catalog.pg_publication

            """
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "pubname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1;"
        return run.printList(sql, title: "List of publications")
    }

    static func subscriptions(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT subname AS "Name"
            ,  pg_catalog.pg_get_userbyid(subowner) AS "Owner"
            ,  subenabled AS "Enabled"
            ,  subpublications AS "Publication"

            """
        if run.verbose {
            sql += """
                , subbinary AS "Binary"
                , substream AS "Streaming"
                , subtwophasestate AS "Two-phase commit"
                , subdisableonerr AS "Disable on error"
                ,  subsynccommit AS "Synchronous commit"
                ,  subconninfo AS "Conninfo"
                , subskiplsn AS "Skip LSN"

                """
        }
        sql += """
            FROM pg_catalog.pg_subscription
            WHERE subdbid = (SELECT oid
                             FROM pg_catalog.pg_database
                             WHERE datname = pg_catalog.current_database())
            """
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: true, schema: nil, name: "subname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1;"
        return run.printList(sql, title: "List of subscriptions")
    }

    static func roleDatabaseSettings(_ run: inout DescribeRun) -> Bool {
        let databasePattern = run.argumentPatterns(max: 1).first
        var sql = """
            SELECT rolname AS "Role", datname AS "Database",
            pg_catalog.array_to_string(setconfig, E'\\n') AS "Settings"
            FROM pg_catalog.pg_db_role_setting s
            LEFT JOIN pg_catalog.pg_database d ON d.oid = setdatabase
            LEFT JOIN pg_catalog.pg_roles r ON r.oid = setrole

            """
        guard let haveWhere = run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "r.rolname",
                                                visibility: nil, maxParts: 1),
              run.appendPattern(to: &sql, databasePattern, haveWhere: haveWhere, schema: nil, name: "d.datname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1, 2;"
        guard let rows = run.query(sql) else { return false }
        if rows.rows.isEmpty && !run.quiet {
            if let role = run.pattern, let database = databasePattern {
                run.error("Did not find any settings for role \"\(role)\" and database \"\(database)\".")
            } else if let role = run.pattern {
                run.error("Did not find any settings for role \"\(role)\".")
            } else {
                run.error("Did not find any settings.")
            }
        } else {
            run.printQuery(rows, title: "List of settings")
        }
        return true
    }
}

extension CatalogLists {
    /// `\dC[+] [PATTERN]`: psql 15's listCasts. The pattern matches either side's type, by its name or by its
    /// format_type spelling, each side under its own visibility rule.
    static func casts(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT pg_catalog.format_type(castsource, NULL) AS "Source type",
                   pg_catalog.format_type(casttarget, NULL) AS "Target type",
                   CASE WHEN c.castmethod = 'b' THEN '(binary coercible)'
                        WHEN c.castmethod = 'i' THEN '(with inout)'
                        ELSE p.proname
                   END AS "Function",
                   CASE WHEN c.castcontext = 'e' THEN 'no'
                        WHEN c.castcontext = 'a' THEN 'in assignment'
                        ELSE 'yes'
                   END AS "Implicit?"
            """
        if run.verbose { sql += ",\n       d.description AS \"Description\"" }
        sql += """

            FROM pg_catalog.pg_cast c LEFT JOIN pg_catalog.pg_proc p
                 ON c.castfunc = p.oid
                 LEFT JOIN pg_catalog.pg_type ts
                 ON c.castsource = ts.oid
                 LEFT JOIN pg_catalog.pg_namespace ns
                 ON ns.oid = ts.typnamespace
                 LEFT JOIN pg_catalog.pg_type tt
                 ON c.casttarget = tt.oid
                 LEFT JOIN pg_catalog.pg_namespace nt
                 ON nt.oid = tt.typnamespace

            """
        if run.verbose {
            sql += "     LEFT JOIN pg_catalog.pg_description d\n     ON d.classoid = c.tableoid AND d.objoid = c.oid AND d.objsubid = 0\n"
        }
        sql += "WHERE ( (true"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: true, schema: "ns.nspname", name: "ts.typname",
                                altName: "pg_catalog.format_type(ts.oid, NULL)",
                                visibility: "pg_catalog.pg_type_is_visible(ts.oid)", maxParts: 3) != nil else { return false }
        sql += ") OR (true"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: true, schema: "nt.nspname", name: "tt.typname",
                                altName: "pg_catalog.format_type(tt.oid, NULL)",
                                visibility: "pg_catalog.pg_type_is_visible(tt.oid)", maxParts: 3) != nil else { return false }
        sql += ") )\nORDER BY 1, 2;"
        return run.printList(sql, title: "List of casts")
    }
}
