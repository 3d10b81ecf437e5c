import Testing
import TidepoolCore

/// Grouped printing: with FETCH_COUNT psql prints the aligned formats in groups (header once, widths per
/// group, footer at the end); tidepool does the same with `fetchCount`, and with `streamingThreshold`
/// when a result outgrows its buffer.
@Suite("Printing in groups like psql's FETCH_COUNT")
struct PrintStreamingTests {
    static let configs: [PrintConfig] = {
        var configs: [PrintConfig] = []
        for border in [0, 1, 2] {
            configs.append(PrintConfig("aligned border=\(border)") { $0.border = border })
            configs.append(PrintConfig("expanded border=\(border)") {
                $0.border = border
                $0.expanded = .on
            })
        }
        configs.append(PrintConfig("tuples only") { $0.tuplesOnly = true })
        configs.append(PrintConfig("tuples only expanded") {
            $0.tuplesOnly = true
            $0.expanded = .on
        })
        configs.append(PrintConfig("expanded auto columns=25") {
            $0.expanded = .auto
            $0.columns = 25
        })
        configs.append(PrintConfig("wrapped columns=20") {
            $0.format = .wrapped
            $0.columns = 20
        })
        configs.append(PrintConfig("unicode border 2") {
            $0.lineStyle = .unicode
            $0.border = 2
        })
        configs.append(PrintConfig("unaligned") { $0.format = .unaligned })
        configs.append(PrintConfig("unaligned tuples only") {
            $0.format = .unaligned
            $0.tuplesOnly = true
        })
        configs.append(PrintConfig("csv") { $0.format = .csv })
        return configs
    }()

    static let rowCounts = [0, 1, 2, 3, 6, 7]

    static func query(rows: Int) -> String {
        "select g as n, repeat('ab', g) as t, case when g % 3 = 0 then E'x\\ny' end as m from generate_series(1, \(rows)) g"
    }

    @Test(arguments: configs)
    func fetchCountMatchesPsql(config: PrintConfig) {
        for rows in Self.rowCounts {
            var settings = config.settings
            settings.fetchCount = 3
            let sql = Self.query(rows: rows)
            let theirs = PrintTestServer.psqlOutput(sql, settings)
            let ours = PrintTestServer.ourOutput(sql, settings)
            let same = ours == theirs
            #expect(same, "\(config) rows=\(rows)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(ours))")
        }
    }

    /// Past `streamingThreshold` rows, output is what psql prints with FETCH_COUNT set to the threshold.
    @Test(arguments: configs)
    func thresholdPrintsLikeFetchCount(config: PrintConfig) {
        var ours = config.settings
        ours.streamingThreshold = 4
        var psql = config.settings
        psql.fetchCount = 4
        let sql = Self.query(rows: 11)
        let theirs = PrintTestServer.psqlOutput(sql, psql)
        let mine = PrintTestServer.ourOutput(sql, ours)
        let same = mine == theirs
        #expect(same, "\(config)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(mine))")
    }

    /// A long result under the threshold prints as one table, exactly as psql without FETCH_COUNT.
    @Test func belowThresholdIsOneTable() {
        let sql = "select g, md5(g::text) from generate_series(1, 2500) g"
        let theirs = PrintTestServer.psqlOutput(sql, PrintSettings())
        let ours = PrintTestServer.ourOutput(sql, PrintSettings())
        #expect(ours == theirs)
    }

    /// Rows stream through a memory stream in groups: a million-row feed completes and the output has
    /// one line per row plus header, rule and footer.
    @Test func manyRowsInGroups() {
        var settings = PrintSettings()
        settings.streamingThreshold = 1000
        let out = OutputStream.memory()
        let printer = makeResultPrinter(settings: settings, output: out)
        printer.begin(columns: [ResultColumn(name: "n", typeOID: 23)])
        let value: [UInt8] = Array("12345".utf8)
        let rows = 200_000
        value.withUnsafeBufferPointer { buf in
            let cells = [Cell(base: buf.baseAddress, count: buf.count)]
            for _ in 0..<rows { cells.withUnsafeBufferPointer { printer.row($0) } }
        }
        printer.end(rowCount: rows)
        let text = out.memoryContents
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.count == rows + 2 + 1 + 2)
        #expect(String(decoding: lines[lines.count - 3], as: UTF8.self) == "(200000 rows)")
    }
}
