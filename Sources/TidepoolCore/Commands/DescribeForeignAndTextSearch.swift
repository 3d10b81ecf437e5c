/// `\des`, `\dew`, `\det`, `\deu` (foreign servers, wrappers, tables, user mappings) and `\dF`, `\dFd`, `\dFp`,
/// `\dFt` (text search configurations, dictionaries, parsers, templates): psql 15's queries and titles, so
/// `-E` echoes the same text. `\dF+` and `\dFp+` (one table per object) are not done.
enum ForeignAndTextSearchLists {
    /// psql's rendering of a generic options array: `(name 'value', …)`.
    private static func options(_ column: String) -> String {
        "CASE WHEN \(column) IS NULL THEN '' ELSE   '(' || pg_catalog.array_to_string(ARRAY(SELECT   "
            + "pg_catalog.quote_ident(option_name) ||  ' ' ||   pg_catalog.quote_literal(option_value)  FROM   "
            + "pg_catalog.pg_options_to_table(\(column))),  ', ') || ')'   END AS \"FDW options\""
    }

    private static func finish(_ run: inout DescribeRun, _ sql: String, title: String) -> Bool {
        return run.printList(sql, title: title)
    }

    static func servers(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT s.srvname AS \"Name\",\n  pg_catalog.pg_get_userbyid(s.srvowner) AS \"Owner\",\n"
            + "  f.fdwname AS \"Foreign-data wrapper\""
        if run.verbose {
            sql += ",\n  \(ObjectLists.aclColumn("s.srvacl")),"
                + "\n  s.srvtype AS \"Type\",\n  s.srvversion AS \"Version\",\n  \(options("srvoptions")),"
                + "\n  d.description AS \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_foreign_server s\n     JOIN pg_catalog.pg_foreign_data_wrapper f ON f.oid=s.srvfdw\n"
        if run.verbose {
            sql += "LEFT JOIN pg_catalog.pg_description d\n       ON d.classoid = s.tableoid AND d.objoid = s.oid AND d.objsubid = 0\n"
        }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "s.srvname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        return run.printList(sql + "ORDER BY 1;", title: "List of foreign servers")
    }

    static func wrappers(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT fdw.fdwname AS \"Name\",\n  pg_catalog.pg_get_userbyid(fdw.fdwowner) AS \"Owner\",\n"
            + "  fdw.fdwhandler::pg_catalog.regproc AS \"Handler\",\n  fdw.fdwvalidator::pg_catalog.regproc AS \"Validator\""
        if run.verbose {
            sql += ",\n  \(ObjectLists.aclColumn("fdwacl")),\n \(options("fdwoptions")),"
                + "\n  d.description AS \"Description\" "
        }
        sql += "\nFROM pg_catalog.pg_foreign_data_wrapper fdw\n"
        if run.verbose {
            sql += "LEFT JOIN pg_catalog.pg_description d\n       ON d.classoid = fdw.tableoid AND d.objoid = fdw.oid AND d.objsubid = 0\n"
        }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "fdwname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        return run.printList(sql + "ORDER BY 1;", title: "List of foreign-data wrappers")
    }

    static func foreignTables(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT n.nspname AS \"Schema\",\n  c.relname AS \"Table\",\n  s.srvname AS \"Server\""
        if run.verbose { sql += ",\n \(options("ftoptions")),\n  d.description AS \"Description\"" }
        sql += "\nFROM pg_catalog.pg_foreign_table ft\n  INNER JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid\n"
            + "  INNER JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
            + "  INNER JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver\n"
        if run.verbose {
            sql += "   LEFT JOIN pg_catalog.pg_description d\n          ON d.classoid = c.tableoid AND d.objoid = c.oid AND d.objsubid = 0\n"
        }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: "n.nspname", name: "c.relname",
                                visibility: "pg_catalog.pg_table_is_visible(c.oid)", maxParts: 3) != nil else { return false }
        return finish(&run, sql + "ORDER BY 1, 2;", title: "List of foreign tables")
    }

    static func userMappings(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT um.srvname AS \"Server\",\n  um.usename AS \"User name\""
        if run.verbose { sql += ",\n \(options("umoptions"))" }
        sql += "\nFROM pg_catalog.pg_user_mappings um\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "um.srvname",
                                altName: "um.usename", visibility: nil, maxParts: 1) != nil else { return false }
        return finish(&run, sql + "ORDER BY 1, 2;", title: "List of user mappings")
    }

    static func configurations(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT\n   n.nspname as \"Schema\",\n   c.cfgname as \"Name\",\n"
            + "   pg_catalog.obj_description(c.oid, 'pg_ts_config') as \"Description\"\n"
            + "FROM pg_catalog.pg_ts_config c\nLEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: "n.nspname", name: "c.cfgname",
                                visibility: "pg_catalog.pg_ts_config_is_visible(c.oid)", maxParts: 3) != nil else { return false }
        return finish(&run, sql + "ORDER BY 1, 2;", title: "List of text search configurations")
    }

    static func dictionaries(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT\n  n.nspname as \"Schema\",\n  d.dictname as \"Name\",\n"
        if run.verbose {
            sql += "  ( SELECT COALESCE(nt.nspname, '(null)')::pg_catalog.text || '.' || t.tmplname FROM\n"
                + "    pg_catalog.pg_ts_template t\n"
                + "    LEFT JOIN pg_catalog.pg_namespace nt ON nt.oid = t.tmplnamespace\n"
                + "    WHERE d.dicttemplate = t.oid ) AS  \"Template\",\n"
                + "  d.dictinitoption as \"Init options\",\n"
        }
        sql += "  pg_catalog.obj_description(d.oid, 'pg_ts_dict') as \"Description\"\n"
            + "FROM pg_catalog.pg_ts_dict d\nLEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: "n.nspname", name: "d.dictname",
                                visibility: "pg_catalog.pg_ts_dict_is_visible(d.oid)", maxParts: 3) != nil else { return false }
        return finish(&run, sql + "ORDER BY 1, 2;", title: "List of text search dictionaries")
    }

    static func parsers(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT\n  n.nspname as \"Schema\",\n  p.prsname as \"Name\",\n"
            + "  pg_catalog.obj_description(p.oid, 'pg_ts_parser') as \"Description\"\n"
            + "FROM pg_catalog.pg_ts_parser p\nLEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: "n.nspname", name: "p.prsname",
                                visibility: "pg_catalog.pg_ts_parser_is_visible(p.oid)", maxParts: 3) != nil else { return false }
        return finish(&run, sql + "ORDER BY 1, 2;", title: "List of text search parsers")
    }

    static func templates(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT\n  n.nspname AS \"Schema\",\n  t.tmplname AS \"Name\",\n"
        if run.verbose {
            sql += "  t.tmplinit::pg_catalog.regproc AS \"Init\",\n  t.tmpllexize::pg_catalog.regproc AS \"Lexize\",\n"
        }
        sql += "  pg_catalog.obj_description(t.oid, 'pg_ts_template') AS \"Description\"\n"
            + "FROM pg_catalog.pg_ts_template t\nLEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: "n.nspname", name: "t.tmplname",
                                visibility: "pg_catalog.pg_ts_template_is_visible(t.oid)", maxParts: 3) != nil else { return false }
        return finish(&run, sql + "ORDER BY 1, 2;", title: "List of text search templates")
    }
}
