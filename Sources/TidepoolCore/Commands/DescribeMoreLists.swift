/// `\dp` (`\z`), `\dD`, `\dconfig`, `\dL`, `\dO`, `\dy`: psql 15's permissionsList, listDomains,
/// describeConfigurationParameters, listLanguages, listCollations and listEventTriggers, query text included
/// (so `-E` shows what psql shows).
enum MoreObjectLists {
    static func privileges(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' \
            WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' END as "Type",
              \(ObjectLists.aclColumn("c.relacl")),
              pg_catalog.array_to_string(ARRAY(
                SELECT attname || E':\\n  ' || pg_catalog.array_to_string(attacl, E'\\n  ')
                FROM pg_catalog.pg_attribute a
                WHERE attrelid = c.oid AND NOT attisdropped AND attacl IS NOT NULL
              ), E'\\n') AS "Column privileges",
              pg_catalog.array_to_string(ARRAY(
                SELECT polname
                || CASE WHEN NOT polpermissive THEN
                   E' (RESTRICTIVE)'
                   ELSE '' END
                || CASE WHEN polcmd != '*' THEN
                       E' (' || polcmd::pg_catalog.text || E'):'
                   ELSE E':'
                   END
                || CASE WHEN polqual IS NOT NULL THEN
                       E'\\n  (u): ' || pg_catalog.pg_get_expr(polqual, polrelid)
                   ELSE E''
                   END
                || CASE WHEN polwithcheck IS NOT NULL THEN
                       E'\\n  (c): ' || pg_catalog.pg_get_expr(polwithcheck, polrelid)
                   ELSE E''
                   END    || CASE WHEN polroles <> '{0}' THEN
                       E'\\n  to: ' || pg_catalog.array_to_string(
                           ARRAY(
                               SELECT rolname
                               FROM pg_catalog.pg_roles
                               WHERE oid = ANY (polroles)
                               ORDER BY 1
                           ), E', ')
                   ELSE E''
                   END
                FROM pg_catalog.pg_policy pol
                WHERE polrelid = c.oid), E'\\n')
                AS "Policies"
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r','v','m','S','f','p')

            """
        // System and other sessions' temporary tables only when a schema is named (psql: `\z pg_catalog.*`).
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: true, schema: "n.nspname", name: "c.relname",
                                visibility: "n.nspname !~ '^pg_' AND pg_catalog.pg_table_is_visible(c.oid)",
                                maxParts: 3) != nil else { return false }
        sql += "ORDER BY 1, 2;"
        return run.printList(sql, title: "Access privileges")
    }

    static func domains(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT n.nspname as "Schema",
                   t.typname as "Name",
                   pg_catalog.format_type(t.typbasetype, t.typtypmod) as "Type",
                   (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type bt
                    WHERE c.oid = t.typcollation AND bt.oid = t.typbasetype AND t.typcollation <> bt.typcollation) as "Collation",
                   CASE WHEN t.typnotnull THEN 'not null' END as "Nullable",
                   t.typdefault as "Default",
                   pg_catalog.array_to_string(ARRAY(
                     SELECT pg_catalog.pg_get_constraintdef(r.oid, true) FROM pg_catalog.pg_constraint r WHERE t.oid = r.contypid
                   ), ' ') as "Check"
            """
        if run.verbose {
            sql += ",\n  \(ObjectLists.aclColumn("t.typacl")),\n       d.description as \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_type t\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n"
        if run.verbose {
            sql += "     LEFT JOIN pg_catalog.pg_description d ON d.classoid = t.tableoid AND d.objoid = t.oid AND d.objsubid = 0\n"
        }
        sql += "WHERE t.typtype = 'd'\n"
        if !run.system && run.pattern == nil {
            sql += "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n"
        }
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: true, schema: "n.nspname", name: "t.typname",
                                visibility: "pg_catalog.pg_type_is_visible(t.oid)", maxParts: 3) != nil else { return false }
        sql += "ORDER BY 1, 2;"
        return run.printList(sql, title: "List of domains")
    }

    static func configuration(_ run: inout DescribeRun) -> Bool {
        var sql = "SELECT s.name AS \"Parameter\", pg_catalog.current_setting(s.name) AS \"Value\""
        if run.verbose {
            sql += ", s.vartype AS \"Type\", s.context AS \"Context\", \(ObjectLists.aclColumn("p.paracl"))"
        }
        sql += "\nFROM pg_catalog.pg_settings s\n"
        if run.verbose {
            sql += "  LEFT JOIN pg_catalog.pg_parameter_acl p\n  ON pg_catalog.lower(s.name) = p.parname\n"
        }
        if run.pattern != nil {
            guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil,
                                    name: "pg_catalog.lower(s.name)", visibility: nil, maxParts: 1) != nil else { return false }
        } else {
            sql += "WHERE s.source <> 'default' AND\n      s.setting IS DISTINCT FROM s.boot_val\n"
        }
        sql += "ORDER BY 1;"
        guard let rows = run.query(sql) else { return false }
        run.printQuery(rows, title: run.pattern == nil ? "List of non-default configuration parameters"
                                                       : "List of configuration parameters")
        return true
    }

    static func languages(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT l.lanname AS "Name",
                   pg_catalog.pg_get_userbyid(l.lanowner) as "Owner",
                   l.lanpltrusted AS "Trusted"
            """
        if run.verbose {
            sql += """
                ,
                       NOT l.lanispl AS "Internal language",
                       l.lanplcallfoid::pg_catalog.regprocedure AS "Call handler",
                       l.lanvalidator::pg_catalog.regprocedure AS "Validator",
                       l.laninline::pg_catalog.regprocedure AS "Inline handler",
                       \(ObjectLists.aclColumn("l.lanacl"))
                """
        }
        sql += """
            ,
                   d.description AS "Description"
            FROM pg_catalog.pg_language l
            LEFT JOIN pg_catalog.pg_description d
              ON d.classoid = l.tableoid AND d.objoid = l.oid
              AND d.objsubid = 0

            """
        if run.pattern != nil {
            guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "l.lanname",
                                    visibility: nil, maxParts: 2) != nil else { return false }
        }
        if !run.system && run.pattern == nil { sql += "WHERE l.lanplcallfoid != 0\n" }
        sql += "ORDER BY 1;"
        return run.printList(sql, title: "List of languages")
    }

    static func collations(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT n.nspname AS "Schema",
                   c.collname AS "Name",
                   c.collcollate AS "Collate",
                   c.collctype AS "Ctype",
                   c.colliculocale AS "ICU Locale",
                   CASE c.collprovider WHEN 'd' THEN 'default' WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Provider",
                   CASE WHEN c.collisdeterministic THEN 'yes' ELSE 'no' END AS "Deterministic?"
            """
        if run.verbose {
            sql += ",\n       pg_catalog.obj_description(c.oid, 'pg_collation') AS \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_collation c, pg_catalog.pg_namespace n\nWHERE n.oid = c.collnamespace\n"
        if !run.system && run.pattern == nil {
            sql += "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'\n"
        }
        // Collations that cannot be used with the database's encoding are hidden (psql's comment: they would
        // only confuse).
        sql += "      AND c.collencoding IN (-1, pg_catalog.pg_char_to_encoding(pg_catalog.getdatabaseencoding()))\n"
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: true, schema: "n.nspname", name: "c.collname",
                                visibility: "pg_catalog.pg_collation_is_visible(c.oid)", maxParts: 3) != nil else { return false }
        sql += "ORDER BY 1, 2;"
        return run.printList(sql, title: "List of collations")
    }

    static func eventTriggers(_ run: inout DescribeRun) -> Bool {
        var sql = """
            SELECT evtname as "Name", evtevent as "Event", pg_catalog.pg_get_userbyid(e.evtowner) as "Owner",
             case evtenabled when 'O' then 'enabled'  when 'R' then 'replica'  when 'A' then 'always'  when 'D' then 'disabled' end as "Enabled",
             e.evtfoid::pg_catalog.regproc as "Function", pg_catalog.array_to_string(array(select x from pg_catalog.unnest(evttags) as t(x)), ', ') as "Tags"
            """
        if run.verbose {
            sql += ",\npg_catalog.obj_description(e.oid, 'pg_event_trigger') as \"Description\""
        }
        sql += "\nFROM pg_catalog.pg_event_trigger e "
        guard run.appendPattern(to: &sql, run.pattern, haveWhere: false, schema: nil, name: "evtname",
                                visibility: nil, maxParts: 1) != nil else { return false }
        sql += "ORDER BY 1"
        return run.printList(sql, title: "List of event triggers")
    }
}
