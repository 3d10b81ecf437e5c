import Testing
import TidepoolCore

/// The queries every configuration prints: numbers and text, NULLs, multi-line cells and headers, wide and
/// combining characters, control characters, empty results, zero columns, long values.
let printQueries: [String] = [
    "select 1 as a, 'hello'::text as b, 2.5::numeric as c, null::int as d",
    "select g as id, repeat('x', g) as t, g * 1.5::float8 as f, (g % 2 = 0) as even, g::oid as o, (g * 100)::money as m from generate_series(1, 12) g",
    "select E'line1\\nline2\\nl3' as \"multi\nhead\", 'x' as y union all select 'a', E'b\\nc\\n' union all select null, E'\\n'",
    "select '日本語' as \"名前\", 'é' as accent, 'a' || U&'\\0301' || 'b' as comb, 1 as n, U&'\\00AD|\\200B|\\3400' as cf union all select 'ｱｲｳ', 'x', '🎉🎉', 22, ''",
    "select 1 as a, 'x' as b where false",
    "select",
    "select from generate_series(1, 3)",
    "select repeat('abcdefghij', 12) as long, 1 as n, rtrim(repeat('word ', 30)) as words, 'short' as s union all select 'tiny', 123456, 'a b', repeat('z', 70)",
    "select E'a\\tb\\rc\\x01d\\x7f' as ctl, U&'\\0085x' as c1, E'\\t\\t' as tabs",
    "select null::text as a, 1 as b union all select 'x', null union all select '', 3",
    "select 'a,b' as \"c,1\", 'say \"hi\"' as q, ' lead' as sp, E'x\\ny' as nl, '\\.' as eod, E'cr\\r' as cr",
    "select '<b>&amp;</b>' as \"h<1>\", '  ' as blank, 1.5::float4 as f",
    "select 'x' as \"a very long column header indeed\", 1 as b",
]

let printConfigs: [PrintConfig] = {
    var configs: [PrintConfig] = []
    for format in [PrintSettings.Format.aligned, .unaligned, .csv, .html] {
        for border in [0, 1, 2] {
            for tuplesOnly in [false, true] {
                for expanded in [PrintSettings.Expanded.off, .on] {
                    if (format == .csv || format == .unaligned) && border != 1 { continue }
                    configs.append(PrintConfig("\(format) border=\(border) t=\(tuplesOnly) x=\(expanded)") {
                        $0.format = format
                        $0.border = border
                        $0.tuplesOnly = tuplesOnly
                        $0.expanded = expanded
                    })
                }
            }
        }
    }
    for style in [PrintSettings.LineStyle.unicode, .oldAscii] {
        for border in [0, 1, 2] {
            for expanded in [PrintSettings.Expanded.off, .on] {
                configs.append(PrintConfig("\(style) border=\(border) x=\(expanded)") {
                    $0.lineStyle = style
                    $0.border = border
                    $0.expanded = expanded
                })
            }
        }
    }
    configs.append(PrintConfig("unicode double styles border=2") {
        $0.lineStyle = .unicode
        $0.border = 2
        $0.unicodeBorderLineStyle = .double
        $0.unicodeHeaderLineStyle = .double
    })
    configs.append(PrintConfig("unicode double column x") {
        $0.lineStyle = .unicode
        $0.expanded = .on
        $0.unicodeColumnLineStyle = .double
    })
    configs.append(PrintConfig("null display and title") {
        $0.nullDisplay = "(null)"
        $0.title = "My Title"
    })
    configs.append(PrintConfig("long title border 2") {
        $0.title = "a title that is much wider than most tables here, surely"
        $0.border = 2
    })
    configs.append(PrintConfig("title expanded") {
        $0.title = "T"
        $0.expanded = .on
    })
    configs.append(PrintConfig("footer off") { $0.footer = false })
    configs.append(PrintConfig("unaligned separators") {
        $0.format = .unaligned
        $0.fieldSeparator = "::"
        $0.recordSeparator = "<R>"
        $0.title = "t"
    })
    configs.append(PrintConfig("unaligned zero separators") {
        $0.format = .unaligned
        $0.fieldSeparatorZero = true
        $0.recordSeparatorZero = true
    })
    configs.append(PrintConfig("unaligned zero separators x") {
        $0.format = .unaligned
        $0.fieldSeparatorZero = true
        $0.recordSeparatorZero = true
        $0.expanded = .on
    })
    configs.append(PrintConfig("csv semicolon") {
        $0.format = .csv
        $0.csvFieldSeparator = ";"
    })
    configs.append(PrintConfig("csv dot separator") {
        $0.format = .csv
        $0.csvFieldSeparator = "."
    })
    configs.append(PrintConfig("csv null display") {
        $0.format = .csv
        $0.nullDisplay = "NULL"
    })
    for columns in [10, 20, 35, 60] {
        for border in [0, 1, 2] {
            configs.append(PrintConfig("wrapped columns=\(columns) border=\(border)") {
                $0.format = .wrapped
                $0.columns = columns
                $0.border = border
            })
        }
        configs.append(PrintConfig("wrapped unicode columns=\(columns)") {
            $0.format = .wrapped
            $0.columns = columns
            $0.lineStyle = .unicode
        })
        configs.append(PrintConfig("wrapped old-ascii columns=\(columns)") {
            $0.format = .wrapped
            $0.columns = columns
            $0.lineStyle = .oldAscii
        })
        configs.append(PrintConfig("wrapped expanded columns=\(columns)") {
            $0.format = .wrapped
            $0.columns = columns
            $0.expanded = .on
        })
        configs.append(PrintConfig("wrapped expanded border 2 columns=\(columns)") {
            $0.format = .wrapped
            $0.columns = columns
            $0.expanded = .on
            $0.border = 2
        })
        configs.append(PrintConfig("expanded auto columns=\(columns)") {
            $0.expanded = .auto
            $0.columns = columns
        })
        configs.append(PrintConfig("wrapped expanded auto columns=\(columns)") {
            $0.format = .wrapped
            $0.expanded = .auto
            $0.columns = columns
        })
    }
    return configs
}()

@Suite("Printers match psql 15 byte for byte")
struct PrintDifferentialTests {
    @Test(arguments: printConfigs)
    func everyQuery(config: PrintConfig) {
        for sql in printQueries {
            let theirs = PrintTestServer.psqlOutput(sql, config.settings)
            let ours = PrintTestServer.ourOutput(sql, config.settings)
            let same = ours == theirs
            #expect(same, "\(config) / \(sql)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(ours))")
        }
    }
}
