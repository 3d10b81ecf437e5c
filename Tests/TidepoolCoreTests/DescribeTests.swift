import Foundation
import Testing
@testable import TidepoolCore

/// psql's pattern rules (processSQLNamePattern), checked against the clauses psql 15 sends (seen with -E).
@Suite("Describe: name patterns")
struct DescribePatternTests {
    let patterns = NamePattern(currentDatabase: "db1")

    private func clauses(_ pattern: String?, schema: String? = "n.nspname", maxParts: Int = 3,
                         visibility: String? = "pg_catalog.pg_table_is_visible(c.oid)") -> String {
        var sql = ""
        guard case .clauses = patterns.append(to: &sql, pattern: pattern, haveWhere: false, schema: schema,
                                              name: "c.relname", visibility: visibility, maxParts: maxParts)
        else { return "<invalid>" }
        return sql
    }

    @Test("a plain name is anchored, lower-cased and visible-only")
    func plainName() {
        #expect(clauses("Child") == "WHERE c.relname OPERATOR(pg_catalog.~) '^(child)$' COLLATE pg_catalog.default\n"
            + "  AND pg_catalog.pg_table_is_visible(c.oid)\n")
    }

    @Test("wildcards, quotes, dollar signs and brackets", arguments: [
        ("x*", "^(x.*)$"), ("a?c", "^(a.c)$"), ("\"MiXed\"", "^(MiXed)$"), ("\"a.b*\"", "^(a\\.b\\*)$"),
        ("a$b", "^(a\\$b)$"), ("int[]", "^(int\\[])$"), ("\"say \"\"hi\"\"\"", "^(say \"hi\")$"),
        ("o'k", "^(o''k)$"),
    ])
    func nameRegex(_ pattern: String, _ regex: String) {
        // psql writes a regex holding a backslash as an E'' literal with the backslashes doubled.
        let literal = regex.contains("\\") ? "E'\(regex.replacingOccurrences(of: "\\", with: "\\\\"))'" : "'\(regex)'"
        #expect(clauses(pattern) == "WHERE c.relname OPERATOR(pg_catalog.~) \(literal) COLLATE pg_catalog.default\n"
            + "  AND pg_catalog.pg_table_is_visible(c.oid)\n")
    }

    @Test("schema.name constrains the schema instead of visibility; * alone is optimised away")
    func schemaQualified() {
        #expect(clauses("Other.*") == "WHERE n.nspname OPERATOR(pg_catalog.~) '^(other)$' COLLATE pg_catalog.default\n")
        #expect(clauses("*.t") == "WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default\n")
        #expect(clauses("db1.s.t") == "WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default\n"
            + "  AND n.nspname OPERATOR(pg_catalog.~) '^(s)$' COLLATE pg_catalog.default\n")
    }

    @Test("too many dots and other databases are psql's errors")
    func invalidNames() {
        var sql = ""
        guard case .invalid(let tooMany) = patterns.append(to: &sql, pattern: "a.b.c.d", haveWhere: false,
                                                            schema: "n.nspname", name: "c.relname", visibility: nil, maxParts: 3)
        else { Issue.record("a.b.c.d accepted"); return }
        #expect(tooMany == "improper qualified name (too many dotted names): a.b.c.d")
        guard case .invalid(let crossDatabase) = patterns.append(to: &sql, pattern: "x.a.b", haveWhere: false,
                                                                 schema: "n.nspname", name: "c.relname", visibility: nil, maxParts: 3)
        else { Issue.record("x.a.b accepted"); return }
        #expect(crossDatabase == "cross-database references are not implemented: x.a.b")
        guard case .invalid(let schemaDots) = patterns.append(to: &sql, pattern: "a.b", haveWhere: false,
                                                              schema: nil, name: "n.nspname", visibility: nil, maxParts: 2)
        else { Issue.record("\\dn a.b accepted"); return }
        #expect(schemaDots == "cross-database references are not implemented: a.b")
    }

    @Test("no pattern: only the visibility rule, appended with AND after an open WHERE")
    func noPattern() {
        var sql = "WHERE x\n"
        guard case .clauses(let open) = patterns.append(to: &sql, pattern: nil, haveWhere: true, schema: "n.nspname",
                                                        name: "c.relname", visibility: "v(c)", maxParts: 3)
        else { Issue.record("rejected"); return }
        #expect(open)
        #expect(sql == "WHERE x\n  AND v(c)\n")
    }

    @Test("a literal with a backslash is an E'' literal with the backslashes doubled, as psql writes it")
    func literals() {
        #expect(NamePattern(currentDatabase: "d").literal("a'b") == "'a''b'")
        #expect(NamePattern(currentDatabase: "d").literal("a\\b'") == "E'a\\\\b'''")
        #expect(NamePattern(currentDatabase: "d", standardStrings: false).literal("a\\b") == "E'a\\\\b'")
    }
}

/// FooterTable against psql's own printTable/printQuery output for the same objects, in every format.
@Suite("Describe: titled tables with footers match psql", .serialized)
struct DescribeFooterTableTests {
    static let database: String = {
        let name = "describe_tests_footers"
        PrintTestServer.runPsql(["-d", "postgres", "-c", "drop database if exists \(name)"], sql: nil)
        PrintTestServer.runPsql(["-d", "postgres", "-c", "create database \(name)"], sql: nil)
        PrintTestServer.runPsql(["-d", name, "-c",
                                 "create table t (id int primary key, note text default 'n/a'); create sequence s owned by t.id"],
                                sql: nil)
        return name
    }()

    static var variants: [PrintSettings] {
        var list: [PrintSettings] = []
        for border in 0...2 {
            var s = PrintSettings()
            s.border = border
            list.append(s)
        }
        var unicode = PrintSettings(); unicode.lineStyle = .unicode; unicode.border = 2; list.append(unicode)
        var unaligned = PrintSettings(); unaligned.format = .unaligned; list.append(unaligned)
        var csv = PrintSettings(); csv.format = .csv; list.append(csv)
        var tuples = PrintSettings(); tuples.tuplesOnly = true; list.append(tuples)
        var noFooter = PrintSettings(); noFooter.footer = false; list.append(noFooter)
        var expanded = PrintSettings(); expanded.expanded = .on; list.append(expanded)
        var expandedUnaligned = PrintSettings(); expandedUnaligned.expanded = .on; expandedUnaligned.format = .unaligned
        list.append(expandedUnaligned)
        var separators = PrintSettings(); separators.format = .unaligned; separators.recordSeparator = "@"; list.append(separators)
        return list
    }

    private func psql(_ command: String, _ settings: PrintSettings) -> String {
        let bytes = PrintTestServer.runPsql(["-d", Self.database] + PrintTestServer.psqlArguments(settings), sql: command)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func ours(_ table: FooterTable, _ settings: PrintSettings) -> String {
        let out = OutputStream.memory()
        table.print(settings: settings, to: out)
        out.flush()
        return String(decoding: out.memoryContents, as: UTF8.self)
    }

    @Test("\\d of a table (printTable: left-aligned, footers, never expanded)", arguments: variants)
    func table(_ settings: PrintSettings) {
        let table = FooterTable(
            title: "Table \"public.t\"",
            columns: FooterTable.textColumns(["Column", "Type", "Collation", "Nullable", "Default"]),
            rows: [["id", "integer", "", "not null", ""], ["note", "text", "", "", "'n/a'::text"]],
            footers: ["Indexes:", "    \"t_pkey\" PRIMARY KEY, btree (id)"], defaultFooter: false)
        var forced = settings
        forced.expanded = .off
        #expect(ours(table, forced) == psql("\\d t", settings))
    }

    @Test("\\d of a sequence (printQuery: typed columns, a footer instead of the row count)", arguments: variants)
    func sequence(_ settings: PrintSettings) {
        let int8 = { (name: String) in ResultColumn(name: name, typeOID: 20) }
        let table = FooterTable(
            title: "Sequence \"public.s\"",
            columns: [ResultColumn(name: "Type", typeOID: 25), int8("Start"), int8("Minimum"), int8("Maximum"),
                      int8("Increment"), ResultColumn(name: "Cycles?", typeOID: 25), int8("Cache")],
            rows: [["bigint", "1", "1", "9223372036854775807", "1", "no", "1"]],
            footers: ["Owned by: public.t.id"], defaultFooter: false)
        #expect(ours(table, settings) == psql("\\d s", settings))
    }

    @Test("a list without footers keeps printQuery's row count (or drops it with footer off)", arguments: variants)
    func list(_ settings: PrintSettings) {
        var nullFree = settings
        nullFree.nullDisplay = ""
        let table = FooterTable(
            title: "List of schemas",
            columns: [ResultColumn(name: "Name", typeOID: 19), ResultColumn(name: "Owner", typeOID: 19)],
            rows: [["public", "pg_database_owner"]])
        #expect(ours(table, nullFree) == psql("\\dn", settings))
    }
}
