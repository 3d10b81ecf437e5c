import Testing
@testable import TidepoolCore

/// Cells full of what each document format must escape: latex's specials, asciidoc's `|`, troff's `\`,
/// and blank cells (asciidoc protects them).
let documentQueries: [String] = printQueries + [
    #"select E'& % $ # _ { } ~ ^ \\ < > |' as "sp&c_1", 'a|b' as "p|pe", E'back\\\\slash' as "b\\s", ' ' as blank, E'\t' as tab"#,
    #"select 'x' as a, '' as b, ' ' as c union all select '', ' ', '' union all select null, null, null"#,
    "select g, E'two\\nlines' as t, g::text || '%' as pct from generate_series(1, 3) g",
    "select 1.5 as n, 'left' as s, 2 as m, 'l2' as s2, 'l3' as s3",
]

let documentConfigs: [PrintConfig] = {
    var configs: [PrintConfig] = []
    for format in [PrintSettings.Format.asciidoc, .latex, .latexLongtable, .troffMs] {
        for border in [0, 1, 2, 3] {
            for tuplesOnly in [false, true] {
                for expanded in [PrintSettings.Expanded.off, .on] {
                    configs.append(PrintConfig("\(format) border=\(border) t=\(tuplesOnly) x=\(expanded)") {
                        $0.format = format
                        $0.border = border
                        $0.tuplesOnly = tuplesOnly
                        $0.expanded = expanded
                    })
                }
            }
        }
        for expanded in [PrintSettings.Expanded.off, .on] {
            for border in [1, 2] {
                configs.append(PrintConfig("\(format) title border=\(border) x=\(expanded)") {
                    $0.format = format
                    $0.border = border
                    $0.expanded = expanded
                    $0.title = "Title & {_x_} | \\ %"
                })
            }
            configs.append(PrintConfig("\(format) title t x=\(expanded)") {
                $0.format = format
                $0.expanded = expanded
                $0.tuplesOnly = true
                $0.title = "Hidden"
            })
            configs.append(PrintConfig("\(format) null display x=\(expanded)") {
                $0.format = format
                $0.expanded = expanded
                $0.nullDisplay = "<null|\\>"
            })
        }
        configs.append(PrintConfig("\(format) footer off") {
            $0.format = format
            $0.footer = false
        })
        configs.append(PrintConfig("\(format) expanded auto") {
            $0.format = format
            $0.expanded = .auto
            $0.columns = 20
        })
    }
    return configs
}()

/// `\pset tableattr` for the formats that use it, and the ones that must ignore it.
let tableAttrCases: [(PrintSettings.Format, Int, PrintSettings.Expanded, String)] = [
    (.html, 1, .off, "class=\"x\" id=t"), (.html, 2, .on, "width=100%"), (.html, 0, .off, ""),
    (.latexLongtable, 1, .off, "0.2 0.3"), (.latexLongtable, 2, .off, " 0.1\t0.4 \n"),
    (.latexLongtable, 3, .off, "0.5"), (.latexLongtable, 0, .off, "   "), (.latexLongtable, 1, .on, "0.2"),
    (.latex, 1, .off, "0.2"), (.asciidoc, 1, .off, "0.2"), (.troffMs, 1, .off, "0.2"),
]

@Suite("Document formats match psql 15 byte for byte")
struct PrintDocumentFormatTests {
    @Test(arguments: documentConfigs)
    func everyQuery(config: PrintConfig) {
        for sql in documentQueries {
            let theirs = PrintTestServer.psqlOutput(sql, config.settings)
            let ours = PrintTestServer.ourOutput(sql, config.settings)
            #expect(ours == theirs, "\(config) / \(sql)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(ours))")
        }
    }

    @Test(arguments: tableAttrCases.indices)
    func tableAttr(index: Int) {
        let (format, border, expanded, attr) = tableAttrCases[index]
        var settings = PrintSettings()
        settings.format = format
        settings.border = border
        settings.expanded = expanded
        settings.tableAttr = attr
        for sql in documentQueries {
            let theirs = PrintTestServer.psqlOutput(sql, settings, extra: ["-P", "tableattr=\(attr)"])
            let ours = PrintTestServer.ourOutput(sql, settings)
            #expect(ours == theirs, "\(format) border=\(border) tableattr=\(attr) / \(sql)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(ours))")
        }
    }
}

/// Describe's titled tables with footers (FooterTable) in the document formats and html, against psql's
/// `\d` output for the same objects.
@Suite("Document formats: describe footers match psql", .serialized)
struct DocumentFooterTableTests {
    static let database: String = {
        let name = "document_format_footers"
        PrintTestServer.runPsql(["-d", "postgres", "-c", "drop database if exists \(name)"], sql: nil)
        PrintTestServer.runPsql(["-d", "postgres", "-c", "create database \(name)"], sql: nil)
        PrintTestServer.runPsql(["-d", name, "-c",
                                 "create table t (id int primary key, note text default 'n/a'); create sequence s owned by t.id"],
                                sql: nil)
        return name
    }()

    static var variants: [PrintSettings] {
        var list: [PrintSettings] = []
        for format in [PrintSettings.Format.asciidoc, .latex, .latexLongtable, .troffMs, .html] {
            for border in 0...2 {
                for expanded in [PrintSettings.Expanded.off, .on] {
                    var s = PrintSettings()
                    s.format = format
                    s.border = border
                    s.expanded = expanded
                    list.append(s)
                }
            }
            var tuples = PrintSettings(); tuples.format = format; tuples.tuplesOnly = true; list.append(tuples)
            var noFooter = PrintSettings(); noFooter.format = format; noFooter.footer = false; list.append(noFooter)
            var fetch = PrintSettings(); fetch.format = format; fetch.fetchCount = 1; list.append(fetch)
        }
        return list
    }

    private func psql(_ command: String, _ settings: PrintSettings) -> [UInt8] {
        PrintTestServer.runPsql(["-d", Self.database] + PrintTestServer.psqlArguments(settings), sql: command)
    }

    private func ours(_ table: FooterTable, _ settings: PrintSettings) -> [UInt8] {
        let out = OutputStream.memory()
        table.print(settings: settings, to: out)
        out.flush()
        return out.memoryContents
    }

    @Test("\\d of a table", arguments: variants)
    func table(_ settings: PrintSettings) {
        let table = FooterTable(
            title: "Table \"public.t\"",
            columns: FooterTable.textColumns(["Column", "Type", "Collation", "Nullable", "Default"]),
            rows: [["id", "integer", "", "not null", ""], ["note", "text", "", "", "'n/a'::text"]],
            footers: ["Indexes:", "    \"t_pkey\" PRIMARY KEY, btree (id)"], defaultFooter: false)
        var forced = settings
        forced.expanded = .off
        let theirs = psql("\\d t", settings)
        let ours = ours(table, forced)
        #expect(ours == theirs, "\(settings.format)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(ours))")
    }

    @Test("\\d of a sequence", arguments: variants)
    func sequence(_ settings: PrintSettings) {
        let int8 = { (name: String) in ResultColumn(name: name, typeOID: 20) }
        let table = FooterTable(
            title: "Sequence \"public.s\"",
            columns: [ResultColumn(name: "Type", typeOID: 25), int8("Start"), int8("Minimum"), int8("Maximum"),
                      int8("Increment"), ResultColumn(name: "Cycles?", typeOID: 25), int8("Cache")],
            rows: [["bigint", "1", "1", "9223372036854775807", "1", "no", "1"]],
            footers: ["Owned by: public.t.id"], defaultFooter: false)
        let theirs = psql("\\d s", settings)
        let ours = ours(table, settings)
        #expect(ours == theirs, "\(settings.format)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(ours))")
    }
}

/// FETCH_COUNT: psql prints each fetched group as its own table (asciidoc closes every one).
@Suite("Document formats with FETCH_COUNT match psql")
struct DocumentFetchCountTests {
    @Test(arguments: [PrintSettings.Format.asciidoc, .latex, .latexLongtable, .troffMs, .html])
    func groups(format: PrintSettings.Format) {
        for count in [1, 2, 3] {
            for expanded in [PrintSettings.Expanded.off, .on] {
                var settings = PrintSettings()
                settings.format = format
                settings.fetchCount = count
                settings.expanded = expanded
                for rows in [0, 1, 4, 5] {
                    let sql = "select g, 'v' || g as v from generate_series(1, \(rows)) g"
                    let theirs = PrintTestServer.psqlOutput(sql, settings)
                    let ours = PrintTestServer.ourOutput(sql, settings)
                    #expect(ours == theirs, "\(format) FETCH_COUNT=\(count) x=\(expanded) rows=\(rows)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(ours))")
                }
            }
        }
    }
}
