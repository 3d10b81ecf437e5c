import Testing
import TidepoolCore

/// Results that outgrow the streaming threshold: csv, unaligned, json and html print each row as it
/// arrives, so their output must not change at all when a result crosses the threshold (row count or byte
/// limit); the aligned formats switch to groups, which must be exactly psql's FETCH_COUNT layout.
@Suite("Streamed output equals buffered output across the threshold")
struct StreamingThresholdTests {
    static let rowStreamed: [PrintConfig] = [
        PrintConfig("csv") { $0.format = .csv },
        PrintConfig("csv tuples only") { $0.format = .csv; $0.tuplesOnly = true },
        PrintConfig("unaligned") { $0.format = .unaligned },
        PrintConfig("unaligned expanded") { $0.format = .unaligned; $0.expanded = .on },
        PrintConfig("json") { $0.format = .json },
        PrintConfig("html") { $0.format = .html },
        PrintConfig("html expanded") { $0.format = .html; $0.expanded = .on },
    ]

    static let grouped: [PrintConfig] = [
        PrintConfig("aligned") { _ in },
        PrintConfig("aligned border 2") { $0.border = 2 },
        PrintConfig("expanded") { $0.expanded = .on },
        PrintConfig("wrapped columns=30") { $0.format = .wrapped; $0.columns = 30 },
    ]

    /// Crosses a threshold of 4 rows several times, with NULLs, multi-line and wide cells.
    static let sql = "select g as n, repeat('xy', g % 7) as t, case when g % 5 = 0 then null else E'a\\nb' end as m, "
        + "case when g % 3 = 0 then '漢字' end as w from generate_series(1, 23) g"

    @Test(arguments: rowStreamed)
    func rowByRowFormatsIgnoreTheThreshold(config: PrintConfig) {
        var buffered = config.settings
        buffered.streamingThreshold = 1_000_000
        var streamed = config.settings
        streamed.streamingThreshold = 4
        var byBytes = config.settings
        byBytes.streamingByteLimit = 16
        let reference = PrintTestServer.ourOutput(Self.sql, buffered)
        #expect(!reference.isEmpty)
        #expect(PrintTestServer.ourOutput(Self.sql, streamed) == reference, "\(config): row threshold")
        #expect(PrintTestServer.ourOutput(Self.sql, byBytes) == reference, "\(config): byte limit")
        if config.settings.format != .json {  // psql has no json format
            #expect(PrintTestServer.psqlOutput(Self.sql, config.settings) == reference, "\(config): psql's bytes")
        }
    }

    @Test(arguments: grouped)
    func alignedFormatsPrintPsqlsFetchCountGroups(config: PrintConfig) {
        var streamed = config.settings
        streamed.streamingThreshold = 4
        var psql = config.settings
        psql.fetchCount = 4
        let ours = PrintTestServer.ourOutput(Self.sql, streamed)
        let theirs = PrintTestServer.psqlOutput(Self.sql, psql)
        #expect(ours == theirs, "\(config)\n--- psql:\n\(PrintTestServer.show(theirs))\n--- tidepool:\n\(PrintTestServer.show(ours))")
        // Below the threshold nothing is grouped: psql's plain layout.
        var whole = config.settings
        whole.streamingThreshold = 1_000
        #expect(PrintTestServer.ourOutput(Self.sql, whole) == PrintTestServer.psqlOutput(Self.sql, config.settings))
    }
}
