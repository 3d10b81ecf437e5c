/// The footers of `\d NAME` (describeOneTableDetails' "Make footers" part), in psql 15's order and words.
extension OneRelation {
    mutating func addFooters(_ table: TableInfo) -> Bool {
        let kind = table.kind
        if table.isPartition {
            var sql = "SELECT inhparent::pg_catalog.regclass,\n  pg_catalog.pg_get_expr(c.relpartbound, c.oid),\n  inhdetachpending"
            if verbose { sql += ",\n  pg_catalog.pg_get_partition_constraintdef(c.oid)" }
            sql += "\nFROM pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON c.oid = inhrelid\nWHERE c.oid = '\(oid)';"
            guard let r = rows(sql) else { return false }
            if let row = r.first {
                footers.append("Partition of: \(row[0] ?? "") \(row[1] ?? "")\(row[2] == "t" ? " DETACH PENDING" : "")")
                if verbose {
                    let constraint = row[3] ?? ""
                    footers.append(constraint.isEmpty ? "No partition constraint" : "Partition constraint: \(constraint)")
                }
            }
        }
        if kind == "p" {
            guard let r = rows("SELECT pg_catalog.pg_get_partkeydef('\(oid)'::pg_catalog.oid);") else { return false }
            if r.count == 1 { footers.append("Partition key: \(r[0][0] ?? "")") }
        }
        if kind == "t" {
            let sql = "SELECT n.nspname, c.relname\nFROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE reltoastrelid = '\(oid)';"
            guard let r = rows(sql) else { return false }
            if r.count == 1 { footers.append("Owning table: \"\(r[0][0] ?? "").\(r[0][1] ?? "")\"") }
        }
        if kind == "i" || kind == "I" {
            guard indexFooter(table) else { return false }
        } else if "rmfpIt".contains(kind) {
            guard tableFooters(table) else { return false }
        }
        if (kind == "v" || kind == "m") && verbose {
            guard viewFooters(table) else { return false }
        }
        if table.hasTriggers {
            guard triggerFooters() else { return false }
        }
        if "rmfpIt".contains(kind) {
            guard finishingFooters(table) else { return false }
        }
        if verbose && !table.options.isEmpty { footers.append("Options: \(table.options)") }
        return true
    }

    private mutating func indexFooter(_ table: TableInfo) -> Bool {
        let constraint = "EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND "
        var sql = "SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid,\n"
        sql += "  (NOT i.indimmediate) AND \(constraint)condeferrable) AS condeferrable,\n"
        sql += "  (NOT i.indimmediate) AND \(constraint)condeferred) AS condeferred,\n"
        sql += "i.indisreplident,\ni.indnullsnotdistinct,\n"
        sql += "  a.amname, c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)\n"
        sql += "FROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_am a\n"
        sql += "WHERE i.indexrelid = c.oid AND c.oid = '\(oid)' AND c.relam = a.oid\nAND i.indrelid = c2.oid;"
        guard let r = rows(sql), r.count == 1 else { return false }
        let row = r[0]
        var text = ""
        if row[1] == "t" {
            text = "primary key, "
        } else if row[0] == "t" {
            text = "unique" + (row[7] == "t" ? " nulls not distinct" : "") + ", "
        }
        text += "\(row[8] ?? ""), for table \"\(schema).\(row[9] ?? "")\""
        if let predicate = row[10], !predicate.isEmpty { text += ", predicate (\(predicate))" }
        if row[2] == "t" { text += ", clustered" }
        if row[3] != "t" { text += ", invalid" }
        if row[4] == "t" { text += ", deferrable" }
        if row[5] == "t" { text += ", initially deferred" }
        if row[6] == "t" { text += ", replica identity" }
        footers.append(text)
        if table.kind == "i" { return tablespaceFooter(table.tablespace, newLine: true) }
        return true
    }

    private mutating func tableFooters(_ table: TableInfo) -> Bool {
        if table.hasIndex {
            var sql = "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, "
            sql += "pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n  pg_catalog.pg_get_constraintdef(con.oid, true), "
            sql += "contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace\n"
            sql += "FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n"
            sql += "  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))\n"
            sql += "WHERE c.oid = '\(oid)' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\n"
            sql += "ORDER BY i.indisprimary DESC, c2.relname;"
            guard let r = rows(sql) else { return false }
            if !r.isEmpty { footers.append("Indexes:") }
            for row in r {
                var text = "    \"\(row[0] ?? "")\""
                if row[7] == "x" {
                    text += " \(row[6] ?? "")"
                } else {
                    if row[1] == "t" {
                        text += " PRIMARY KEY,"
                    } else if row[2] == "t" {
                        text += row[7] == "u" ? " UNIQUE CONSTRAINT," : " UNIQUE,"
                    }
                    // Everything after " USING " is echoed verbatim.
                    var definition = row[5] ?? ""
                    if let using = definition.firstRange(of: " USING ") {
                        definition = String(definition[using.upperBound...])
                    }
                    text += " \(definition)"
                    if row[8] == "t" { text += " DEFERRABLE" }
                    if row[9] == "t" { text += " INITIALLY DEFERRED" }
                }
                if row[3] == "t" { text += " CLUSTER" }
                if row[4] != "t" { text += " INVALID" }
                if row[10] == "t" { text += " REPLICA IDENTITY" }
                footers.append(text)
                guard tablespaceFooter(row[11] ?? "0", newLine: false) else { return false }
            }
        }
        if table.checks > 0 {
            let sql = "SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\nFROM pg_catalog.pg_constraint r\n"
                + "WHERE r.conrelid = '\(oid)' AND r.contype = 'c'\nORDER BY 1;"
            guard let r = rows(sql) else { return false }
            if !r.isEmpty { footers.append("Check constraints:") }
            for row in r { footers.append("    \"\(row[0] ?? "")\" \(row[1] ?? "")") }
        }
        if table.hasTriggers || table.kind == "p" {
            var sql: String
            if table.isPartition || table.kind == "p" {
                sql = "SELECT conrelid = '\(oid)'::pg_catalog.regclass AS sametable,\n       conname,\n"
                sql += "       pg_catalog.pg_get_constraintdef(oid, true) AS condef,\n       conrelid::pg_catalog.regclass AS ontable\n"
                sql += "  FROM pg_catalog.pg_constraint,\n       pg_catalog.pg_partition_ancestors('\(oid)')\n"
                sql += " WHERE conrelid = relid AND contype = 'f' AND conparentid = 0\nORDER BY sametable DESC, conname;"
            } else {
                sql = "SELECT true as sametable, conname,\n  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,\n"
                sql += "  conrelid::pg_catalog.regclass AS ontable\nFROM pg_catalog.pg_constraint r\n"
                sql += "WHERE r.conrelid = '\(oid)' AND r.contype = 'f'\n     AND conparentid = 0\nORDER BY conname"
            }
            guard let r = rows(sql) else { return false }
            if !r.isEmpty { footers.append("Foreign-key constraints:") }
            for row in r {
                if row[0] == "f" {
                    footers.append("    TABLE \"\(row[3] ?? "")\" CONSTRAINT \"\(row[1] ?? "")\" \(row[2] ?? "")")
                } else {
                    footers.append("    \"\(row[1] ?? "")\" \(row[2] ?? "")")
                }
            }
            var incoming = "SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n"
            incoming += "       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n  FROM pg_catalog.pg_constraint c\n"
            incoming += " WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('\(oid)')\n"
            incoming += "                     UNION ALL VALUES ('\(oid)'::pg_catalog.regclass))\n"
            incoming += "       AND contype = 'f' AND conparentid = 0\nORDER BY conname;"
            guard let refs = rows(incoming) else { return false }
            if !refs.isEmpty { footers.append("Referenced by:") }
            for row in refs {
                footers.append("    TABLE \"\(row[1] ?? "")\" CONSTRAINT \"\(row[0] ?? "")\" \(row[2] ?? "")")
            }
        }
        guard policyFooters(table), statisticsFooters() else { return false }
        if table.hasRules && table.kind != "m" {
            let sql = "SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true)), ev_enabled\n"
                + "FROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = '\(oid)' ORDER BY 1;"
            guard let r = rows(sql) else { return false }
            for (state, heading) in [("O", "Rules:"), ("D", "Disabled rules:"), ("A", "Rules firing always:"),
                                     ("R", "Rules firing on replica only:")] {
                let matching = r.filter { ($0[2] ?? "").hasPrefix(state) }
                if !matching.isEmpty { footers.append(heading) }
                // Everything after "CREATE RULE " is echoed verbatim.
                for row in matching { footers.append("    " + String((row[1] ?? "").dropFirst(12))) }
            }
        }
        return publicationFooters()
    }

    private mutating func policyFooters(_ table: TableInfo) -> Bool {
        var sql = "SELECT pol.polname, pol.polpermissive,\n"
        sql += "  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n"
        sql += "  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n"
        sql += "  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n"
        sql += "    WHEN 'd' THEN 'DELETE'\n    END AS cmd\nFROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '\(oid)' ORDER BY 1;"
        guard let r = rows(sql) else { return false }
        switch (table.rowSecurity, table.forceRowSecurity, r.isEmpty) {
        case (true, false, false): footers.append("Policies:")
        case (true, true, false): footers.append("Policies (forced row security enabled):")
        case (true, false, true): footers.append("Policies (row security enabled): (none)")
        case (true, true, true): footers.append("Policies (forced row security enabled): (none)")
        case (false, _, false): footers.append("Policies (row security disabled):")
        default: break
        }
        for row in r {
            var text = "    POLICY \"\(row[0] ?? "")\""
            if row[1] == "f" { text += " AS RESTRICTIVE" }
            if let command = row[5] { text += " FOR \(command)" }
            if let roles = row[2] { text += "\n      TO \(roles)" }
            if let using = row[3] { text += "\n      USING (\(using))" }
            if let check = row[4] { text += "\n      WITH CHECK (\(check))" }
            footers.append(text)
        }
        return true
    }

    private mutating func statisticsFooters() -> Bool {
        var sql = "SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\n"
        sql += "pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n"
        sql += "  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\n"
        sql += "stxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '\(oid)'\nORDER BY nsp, stxname;"
        guard let r = rows(sql) else { return false }
        if !r.isEmpty { footers.append("Statistics objects:") }
        for row in r {
            let kinds = [(row[5] == "t", "ndistinct"), (row[6] == "t", "dependencies"), (row[7] == "t", "mcv")]
            let chosen = kinds.filter(\.0).map(\.1)
            var text = "    \"\(row[2] ?? "").\(row[3] ?? "")\""
            // Kinds are shown unless none (a single expression) or all (the default) are set.
            if !chosen.isEmpty && chosen.count < 3 { text += " (" + chosen.joined(separator: ", ") + ")" }
            text += " ON \(row[4] ?? "") FROM \(row[1] ?? "")"
            if let target = row[8], target != "-1" { text += "; STATISTICS \(target)" }
            footers.append(text)
        }
        return true
    }

    private mutating func publicationFooters() -> Bool {
        let sql = """
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
                 JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
            WHERE pc.oid ='\(oid)' and pg_catalog.pg_relation_is_publishable('\(oid)')
            UNION
            SELECT pubname
                 , pg_get_expr(pr.prqual, c.oid)
                 , (CASE WHEN pr.prattrs IS NOT NULL THEN
                     (SELECT string_agg(attname, ', ')
                       FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                            pg_catalog.pg_attribute
                      WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
                    ELSE NULL END) FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
                 JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
            WHERE pr.prrelid = '\(oid)'
            UNION
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
            WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('\(oid)')
            ORDER BY 1;
            """
        guard let r = rows(sql) else { return false }
        if !r.isEmpty { footers.append("Publications:") }
        for row in r {
            var text = "    \"\(row[0] ?? "")\""
            if let columns = row[2] { text += " (\(columns))" }
            if let filter = row[1] { text += " WHERE \(filter)" }
            footers.append(text)
        }
        return true
    }

    private mutating func viewFooters(_ table: TableInfo) -> Bool {
        guard let r = rows("SELECT pg_catalog.pg_get_viewdef('\(oid)'::pg_catalog.oid, true);") else { return false }
        guard let definition = r.first?[0] else { return true }
        footers.append("View definition:")
        footers.append(definition)
        if table.hasRules {
            let sql = "SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true))\n"
                + "FROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = '\(oid)' AND r.rulename != '_RETURN' ORDER BY 1;"
            guard let rules = rows(sql) else { return false }
            if !rules.isEmpty { footers.append("Rules:") }
            for row in rules { footers.append(" " + String((row[1] ?? "").dropFirst(12))) }
        }
        return true
    }

    private mutating func triggerFooters() -> Bool {
        var sql = "SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,\n"
        sql += "  CASE WHEN t.tgparentid != 0 THEN\n    (SELECT u.tgrelid::pg_catalog.regclass\n"
        sql += "     FROM pg_catalog.pg_trigger AS u,\n"
        sql += "          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n"
        sql += "     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n           AND u.tgparentid = 0\n"
        sql += "     ORDER BY a.depth LIMIT 1)\n  END AS parent\nFROM pg_catalog.pg_trigger t\n"
        sql += "WHERE t.tgrelid = '\(oid)' AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))\nORDER BY 1;"
        guard let r = rows(sql) else { return false }
        let categories: [(String, ([String?]) -> Bool)] = [
            ("Triggers:", { $0[2] == "O" || $0[2] == "t" }),
            ("Disabled user triggers:", { ($0[2] == "D" || $0[2] == "f") && $0[3] == "f" }),
            ("Disabled internal triggers:", { ($0[2] == "D" || $0[2] == "f") && $0[3] == "t" }),
            ("Triggers firing always:", { $0[2] == "A" }),
            ("Triggers firing on replica only:", { $0[2] == "R" }),
        ]
        for (heading, belongs) in categories {
            let matching = r.filter(belongs)
            if !matching.isEmpty { footers.append(heading) }
            for row in matching {
                // Everything after " TRIGGER " is echoed verbatim.
                var definition = row[1] ?? ""
                if let range = definition.firstRange(of: " TRIGGER ") {
                    definition = String(definition[range.upperBound...])
                }
                var text = "    " + definition
                if let parent = row[4] { text += ", ON TABLE \(parent)" }
                footers.append(text)
            }
        }
        return true
    }

    private mutating func finishingFooters(_ table: TableInfo) -> Bool {
        let kind = table.kind
        let partitioned = kind == "p" || kind == "I"
        if kind == "f" {
            var sql = "SELECT s.srvname,\n  pg_catalog.array_to_string(ARRAY(\n"
            sql += "    SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)\n"
            sql += "    FROM pg_catalog.pg_options_to_table(ftoptions)),  ', ')\n"
            sql += "FROM pg_catalog.pg_foreign_table f,\n     pg_catalog.pg_foreign_server s\n"
            sql += "WHERE f.ftrelid = '\(oid)' AND s.oid = f.ftserver;"
            guard let r = rows(sql), r.count == 1 else { return false }
            footers.append("Server: \(r[0][0] ?? "")")
            if let options = r[0][1], !options.isEmpty { footers.append("FDW options: (\(options))") }
        }
        var sql = "SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\n"
        sql += "WHERE c.oid = i.inhparent AND i.inhrelid = '\(oid)'\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;"
        guard let parents = rows(sql) else { return false }
        for (i, row) in parents.enumerated() {
            var text = i == 0 ? "Inherits: \(row[0] ?? "")" : "          \(row[0] ?? "")"
            if i < parents.count - 1 { text += "," }
            footers.append(text)
        }
        var childSQL = "SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)\n"
        childSQL += "FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhrelid AND i.inhparent = '\(oid)'\n"
        childSQL += "ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;"
        guard let children = rows(childSQL) else { return false }
        if partitioned && children.isEmpty {
            footers.append("Number of partitions: 0")
        } else if !verbose {
            if !children.isEmpty {
                footers.append(partitioned
                    ? "Number of partitions: \(children.count) (Use \\d+ to list them.)"
                    : "Number of child tables: \(children.count) (Use \\d+ to list them.)")
            }
        } else {
            let label = partitioned ? "Partitions" : "Child tables"
            for (i, row) in children.enumerated() {
                var text = i == 0 ? "\(label): \(row[0] ?? "")"
                    : String(repeating: " ", count: label.count) + "  \(row[0] ?? "")"
                if let bound = row[3] { text += " \(bound)" }
                if row[1] == "p" || row[1] == "I" {
                    text += ", PARTITIONED"
                } else if row[1] == "f" {
                    text += ", FOREIGN"
                }
                if row[2] == "t" { text += " (DETACH PENDING)" }
                if i < children.count - 1 { text += "," }
                footers.append(text)
            }
        }
        if let ofType = table.ofType { footers.append("Typed table of type: \(ofType)") }
        let identity = table.replicaIdentity
        if verbose && (kind == "r" || kind == "m") && identity != "i"
            && ((schema != "pg_catalog" && identity != "d") || (schema == "pg_catalog" && identity != "n")) {
            footers.append("Replica Identity: " + (identity == "f" ? "FULL" : identity == "d" ? "NOTHING" : "???"))
        }
        guard tablespaceFooter(table.tablespace, newLine: true, kind: kind) else { return false }
        if verbose, let method = table.accessMethod { footers.append("Access method: \(method)") }
        return true
    }

    /// psql's add_tablespace_footer: the database's default tablespace (0) is not mentioned.
    private mutating func tablespaceFooter(_ tablespace: String, newLine: Bool, kind: Character = "i") -> Bool {
        guard "rmipIt".contains(kind), tablespace != "0", !tablespace.isEmpty else { return true }
        guard let r = rows("SELECT spcname FROM pg_catalog.pg_tablespace\nWHERE oid = '\(tablespace)';") else { return true }
        guard let spcname = r.first?[0] else { return true }
        if newLine || footers.isEmpty {
            footers.append("Tablespace: \"\(spcname)\"")
        } else {
            footers[footers.count - 1] += ", tablespace \"\(spcname)\""
        }
        return true
    }
}
