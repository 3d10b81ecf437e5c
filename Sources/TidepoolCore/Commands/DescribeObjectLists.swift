/// `\df`, `\do`, `\dT`, `\dn`, `\du`, `\l`, `\dx`, `\db`: psql 15's describeFunctions, describeTypes,
/// describeOperators, listSchemas, describeRoles, listAllDbs, listExtensions / listExtensionContents, describeTablespaces.
enum ObjectLists {
    /// psql's printACLColumn.
    static func aclColumn(_ column: String) -> String {
        "pg_catalog.array_to_string(\(column), E'\\n') AS \"Access privileges\""
    }

    static func functions(_ run: inout DescribeRun) -> Bool {
        let kinds = run.letters.dropFirst()  // after the "f"
        var showAggregate = kinds.contains("a"), showNormal = kinds.contains("n")
        var showProcedure = kinds.contains("p"), showTrigger = kinds.contains("t"), showWindow = kinds.contains("w")
        if !(showAggregate || showNormal || showProcedure || showTrigger || showWindow) {
            showAggregate = true; showNormal = true; showProcedure = true; showTrigger = true; showWindow = true
        }
        var sql = """
            SELECT n.nspname as "Schema",
              p.proname as "Name",
              pg_catalog.pg_get_function_result(p.oid) as "Result data type",
              pg_catalog.pg_get_function_arguments(p.oid) as "Argument data types",
             CASE p.prokind
              WHEN 'a' THEN 'agg'
              WHEN 'w' THEN 'window'
              WHEN 'p' THEN 'proc'
              ELSE 'func'
             END as "Type"
            """
        if run.verbose {
            sql += """
                ,
                 CASE
                  WHEN p.provolatile = 'i' THEN 'immutable'
                  WHEN p.provolatile = 's' THEN 'stable'
                  WHEN p.provolatile = 'v' THEN 'volatile'
                 END as "Volatility",
                 CASE
                  WHEN p.proparallel = 'r' THEN 'restricted'
                  WHEN p.proparallel = 's' THEN 'safe'
                  WHEN p.proparallel = 'u' THEN 'unsafe'
                 END as "Parallel",
                 pg_catalog.pg_get_userbyid(p.proowner) as "Owner",
                 CASE WHEN prosecdef THEN 'definer' ELSE 'invoker' END AS "Security",
                 \(aclColumn("p.proacl")),
                 l.lanname as "Language",
                 COALESCE(pg_catalog.pg_get_function_sqlbody(p.oid), p.prosrc) as "Source code",
                 pg_catalog.obj_description(p.oid, 'pg_proc') as "Description"
                """
        }
        sql += "\nFROM pg_catalog.pg_proc p\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\n"
        // `\df NAME TYPE…`: the types of the first arguments, in order (psql 14+).
        let argumentTypes = run.argumentPatterns(max: 100)
        for i in argumentTypes.indices {
            sql += joinType(i, on: "p.proargtypes[\(i)]")
        }
        if run.verbose { sql += "     LEFT JOIN pg_catalog.pg_language l ON l.oid = p.prolang\n" }

        var haveWhere = false
        func condition(_ text: String) {
            sql += haveWhere ? "      AND " : "WHERE "
            haveWhere = true
            sql += text + "\n"
        }
        if showNormal && showAggregate && showProcedure && showTrigger && showWindow {
            // no filter
        } else if showNormal {
            if !showAggregate { condition("p.prokind <> 'a'") }
            if !showProcedure { condition("p.prokind <> 'p'") }
            if !showTrigger { condition("p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype") }
            if !showWindow { condition("p.prokind <> 'w'") }
        } else {
            sql += "WHERE (\n       "
            haveWhere = true
            var needsOr = false
            for (shown, text) in [(showAggregate, "p.prokind = 'a'"),
                                  (showTrigger, "p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype"),
                                  (showProcedure, "p.prokind = 'p'"), (showWindow, "p.prokind = 'w'")] where shown {
                if needsOr { sql += "       OR " }
                sql += text + "\n"
                needsOr = true
            }
            sql += "      )\n"
        }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: haveWhere, schema: "n.nspname", name: "p.proname",
                                visibility: "pg_catalog.pg_function_is_visible(p.oid)", maxParts: 3) != nil else { return false }
        guard appendArgumentTypes(argumentTypes, to: &sql, &run) else { return false }
        if !run.system && run.pattern == nil {
            sql += "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n"
        }
        sql += "ORDER BY 1, 2, 4;"
        return run.printList(sql, title: "List of functions")
    }

    /// `\do[S+] [OPPTRN [TYPEPTRN [TYPEPTRN]]]`: psql 15's describeOperators. One type pattern means a prefix
    /// operator's right operand; two, the left and right operands; more are read and ignored.
    static func operators(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT n.nspname as "Schema",
              o.oprname AS "Name",
              CASE WHEN o.oprkind='l' THEN NULL ELSE pg_catalog.format_type(o.oprleft, NULL) END AS "Left arg type",
              CASE WHEN o.oprkind='r' THEN NULL ELSE pg_catalog.format_type(o.oprright, NULL) END AS "Right arg type",
              pg_catalog.format_type(o.oprresult, NULL) AS "Result type",

            """
        if run.verbose { sql += "  o.oprcode AS \"Function\",\n" }
        sql += """
              coalesce(pg_catalog.obj_description(o.oid, 'pg_operator'),
                       pg_catalog.obj_description(o.oprcode, 'pg_proc')) AS "Description"
            FROM pg_catalog.pg_operator o
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace

            """
        var argumentTypes = run.argumentPatterns(max: 100)
        if argumentTypes.count >= 2 {
            argumentTypes.removeSubrange(2...)
            sql += joinType(0, on: "o.oprleft") + joinType(1, on: "o.oprright")
        } else if argumentTypes.count == 1 {
            sql += joinType(0, on: "o.oprright")
        }
        let hidden = !run.system && run.pattern == nil
        if hidden { sql += "WHERE n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n" }
        switch run.patterns.append(to: &sql, pattern: run.pattern, haveWhere: hidden, forceEscape: true,
                                   schema: "n.nspname", name: "o.oprname",
                                   visibility: "pg_catalog.pg_operator_is_visible(o.oid)", maxParts: 3) {
        case .clauses: break
        case .invalid(let message):
            run.error(message)
            return false
        }
        if argumentTypes.count == 1 { sql += "  AND o.oprleft = 0\n" }
        guard appendArgumentTypes(argumentTypes, to: &sql, &run) else { return false }
        sql += "ORDER BY 1, 2, 3, 4;"
        return run.printList(sql, title: "List of operators")
    }

    /// The joins that give argument `i`'s type and its schema (`t0`, `nt0` …) for a type pattern.
    private static func joinType(_ i: Int, on column: String) -> String {
        "     LEFT JOIN pg_catalog.pg_type t\(i) ON t\(i).oid = \(column)\n"
            + "     LEFT JOIN pg_catalog.pg_namespace nt\(i) ON nt\(i).oid = t\(i).typnamespace\n"
    }

    /// Type patterns matched against either the internal or the external name, as `\dT` does; `-` means
    /// "no argument here".
    private static func appendArgumentTypes(_ patterns: [String], to sql: inout String,
                                            _ run: inout DescribeRun) -> Bool {
        for (i, pattern) in patterns.enumerated() {
            if pattern == "-" {
                sql += "  AND t\(i).typname IS NULL\n"
                continue
            }
            guard run.appendPattern(to: &sql, mapTypeName(pattern), haveWhere: true, schema: "nt\(i).nspname",
                                    name: "t\(i).typname", altName: "pg_catalog.format_type(t\(i).oid, NULL)",
                                    visibility: "pg_catalog.pg_type_is_visible(t\(i).oid)", maxParts: 3) != nil
            else { return false }
        }
        return true
    }

    /// psql's map_typename_pattern: the grammar's names for types (`int`, `float[]` …) as pg_type's.
    private static func mapTypeName(_ pattern: String) -> String {
        let folded = String(decoding: pattern.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        return typeNameMap.first { $0.0 == folded }?.1 ?? pattern
    }

    /// Type names the grammar accepts that are neither pg_type's nor format_type's (psql's
    /// map_typename_pattern).
    private static let typeNameMap: [(String, String)] = [
        ("decimal", "numeric"), ("float", "double precision"), ("int", "integer"),
        ("bool[]", "boolean[]"), ("decimal[]", "numeric[]"), ("float[]", "double precision[]"),
        ("float4[]", "real[]"), ("float8[]", "double precision[]"), ("int[]", "integer[]"),
        ("int2[]", "smallint[]"), ("int4[]", "integer[]"), ("int8[]", "bigint[]"),
        ("time[]", "time without time zone[]"), ("timetz[]", "time with time zone[]"),
        ("timestamp[]", "timestamp without time zone[]"), ("timestamptz[]", "timestamp with time zone[]"),
        ("varbit[]", "bit varying[]"), ("varchar[]", "character varying[]"),
    ]

    static func types(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT n.nspname as \"Schema\",\n  pg_catalog.format_type(t.oid, NULL) AS \"Name\",\n"
        if run.verbose {
            sql += """
                  t.typname AS "Internal name",
                  CASE WHEN t.typrelid != 0
                      THEN CAST('tuple' AS pg_catalog.text)
                    WHEN t.typlen < 0
                      THEN CAST('var' AS pg_catalog.text)
                    ELSE CAST(t.typlen AS pg_catalog.text)
                  END AS "Size",
                  pg_catalog.array_to_string(
                      ARRAY(
                          SELECT e.enumlabel
                          FROM pg_catalog.pg_enum e
                          WHERE e.enumtypid = t.oid
                          ORDER BY e.enumsortorder
                      ),
                      E'\\n'
                  ) AS "Elements",
                  pg_catalog.pg_get_userbyid(t.typowner) AS "Owner",

                """
            sql += aclColumn("t.typacl") + ",\n  "
        }
        sql += "  pg_catalog.obj_description(t.oid, 'pg_type') as \"Description\"\n"
        sql += "FROM pg_catalog.pg_type t\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n"
        sql += "WHERE (t.typrelid = 0 OR (SELECT c.relkind = 'c' FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid))\n"
        // Array types only when the pattern asks for them with "[]".
        if run.pattern?.contains("[]") != true {
            sql += "  AND NOT EXISTS(SELECT 1 FROM pg_catalog.pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid)\n"
        }
        if !run.system && run.pattern == nil {
            sql += "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n"
        }
        let mapped = run.pattern.map(mapTypeName)
        guard run.appendPattern(to: &sql, mapped, haveWhere: true, schema: "n.nspname", name: "t.typname",
                                altName: "pg_catalog.format_type(t.oid, NULL)",
                                visibility: "pg_catalog.pg_type_is_visible(t.oid)", maxParts: 3) != nil else { return false }
        sql += "ORDER BY 1, 2;"
        return run.printList(sql, title: "List of data types")
    }

    static func schemas(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT n.nspname AS \"Name\",\n  pg_catalog.pg_get_userbyid(n.nspowner) AS \"Owner\""
        if run.verbose {
            sql += ",\n  \(aclColumn("n.nspacl"))"
            sql += ",\n  pg_catalog.obj_description(n.oid, 'pg_namespace') AS \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_namespace n\n"
        let hidden = !run.system && run.pattern == nil
        if hidden { sql += "WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'\n" }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: hidden, schema: nil, name: "n.nspname",
                                visibility: nil, maxParts: 2) != nil else { return false }
        sql += "ORDER BY 1;"
        guard let rows = run.query(sql) else { return false }
        var footers: [String] = []
        if run.verbose, let pattern = run.pattern {
            // psql 15 puts the pattern into this query as typed.
            let publications = """
                SELECT pubname 
                FROM pg_catalog.pg_publication p
                     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
                     JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid 
                WHERE n.nspname = '\(pattern)'
                ORDER BY 1
                """
            guard let names = run.query(publications) else { return false }
            if !names.rows.isEmpty {
                footers.append("Publications:")
                footers += names.rows.map { "    \"\($0[0] ?? "")\"" }
            }
        }
        run.printQuery(rows, title: "List of schemas", footers: footers)
        return true
    }

    static func roles(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT r.rolname, r.rolsuper, r.rolinherit,
              r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
              r.rolconnlimit, r.rolvaliduntil,
              ARRAY(SELECT b.rolname
                    FROM pg_catalog.pg_auth_members m
                    JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
                    WHERE m.member = r.oid) as memberof
            """
        if run.verbose { sql += "\n, pg_catalog.shobj_description(r.oid, 'pg_authid') AS description" }
        sql += "\n, r.rolreplication\n, r.rolbypassrls\nFROM pg_catalog.pg_roles r\n"
        if !run.system && run.pattern == nil { sql += "WHERE r.rolname !~ '^pg_'\n" }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "r.rolname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1;"
        guard let result = run.query(sql) else { return false }
        let v = run.verbose ? 1 : 0
        let rows: [[String?]] = result.rows.map { row in
            func flag(_ i: Int) -> Bool { row[i] == "t" }
            var attributes: [String] = []
            if flag(1) { attributes.append("Superuser") }
            if !flag(2) { attributes.append("No inheritance") }
            if flag(3) { attributes.append("Create role") }
            if flag(4) { attributes.append("Create DB") }
            if !flag(5) { attributes.append("Cannot login") }
            if flag(9 + v) { attributes.append("Replication") }
            if flag(10 + v) { attributes.append("Bypass RLS") }
            var text = attributes.joined(separator: ", ")
            let connections = Int(row[6] ?? "") ?? 0
            if connections >= 0 {
                if !text.isEmpty { text += "\n" }
                text += connections == 0 ? "No connections" : connections == 1 ? "1 connection" : "\(connections) connections"
            }
            if let until = row[7], !until.isEmpty {
                if !text.isEmpty { text += "\n" }
                text += "Password valid until " + until
            }
            var cells: [String?] = [row[0] ?? "", text, row[8] ?? ""]
            if run.verbose { cells.append(row[9] ?? "") }
            return cells
        }
        var headers = ["Role name", "Attributes", "Member of"]
        if run.verbose { headers.append("Description") }
        run.printTable(FooterTable(title: "List of roles", columns: FooterTable.textColumns(headers), rows: rows,
                                   defaultFooter: false))
        return true
    }

    static func databases(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT d.datname as "Name",
                   pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
                   pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
                   d.datcollate as "Collate",
                   d.datctype as "Ctype",
                   d.daticulocale as "ICU Locale",
                   CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
                   \(aclColumn("d.datacl"))
            """
        if run.verbose {
            sql += """
                ,
                       CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')
                            THEN pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(d.datname))
                            ELSE 'No Access'
                       END as "Size",
                       t.spcname as "Tablespace",
                       pg_catalog.shobj_description(d.oid, 'pg_database') as "Description"
                """
        }
        sql += "\nFROM pg_catalog.pg_database d\n"
        if run.verbose { sql += "  JOIN pg_catalog.pg_tablespace t on d.dattablespace = t.oid\n" }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "d.datname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1;"
        return run.printList(sql, title: "List of databases")
    }

    static func extensions(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT e.extname AS \"Name\", e.extversion AS \"Version\", n.nspname AS \"Schema\", c.description AS \"Description\"\n"
        sql += "FROM pg_catalog.pg_extension e LEFT JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
        sql += "LEFT JOIN pg_catalog.pg_description c ON c.objoid = e.oid AND c.classoid = 'pg_catalog.pg_extension'::pg_catalog.regclass\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "e.extname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1;"
        return run.printList(sql, title: "List of installed extensions")
    }

    static func extensionContents(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT e.extname, e.oid\nFROM pg_catalog.pg_extension e\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "e.extname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1;"
        guard let found = run.query(sql) else { return false }
        if found.rows.isEmpty {
            if !run.quiet {
                if let pattern = run.pattern {
                    run.error("Did not find any extension named \"\(pattern)\".")
                } else {
                    run.error("Did not find any extensions.")
                }
            }
            return false
        }
        for row in found.rows {
            let name = row[0] ?? "", oid = row[1] ?? ""
            let contents = """
                SELECT pg_catalog.pg_describe_object(classid, objid, 0) AS "Object description"
                FROM pg_catalog.pg_depend
                WHERE refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND refobjid = '\(oid)' AND deptype = 'e'
                ORDER BY 1;
                """
            guard let rows = run.query(contents) else { return false }
            run.printQuery(rows, title: "Objects in extension \"\(name)\"")
        }
        return true
    }

    static func tablespaces(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT spcname AS "Name",
              pg_catalog.pg_get_userbyid(spcowner) AS "Owner",
              pg_catalog.pg_tablespace_location(oid) AS "Location"
            """
        if run.verbose {
            sql += ",\n  \(aclColumn("spcacl"))"
            sql += ",\n  spcoptions AS \"Options\""
            sql += ",\n  pg_catalog.pg_size_pretty(pg_catalog.pg_tablespace_size(oid)) AS \"Size\""
            sql += ",\n  pg_catalog.shobj_description(oid, 'pg_tablespace') AS \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_tablespace\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "spcname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1;"
        return run.printList(sql, title: "List of tablespaces")
    }
}
