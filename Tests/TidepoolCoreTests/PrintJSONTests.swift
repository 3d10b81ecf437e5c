import Foundation
import Testing
import TidepoolCore

/// tidepool's json format, read back with JSONSerialization.
@Suite("JSON printer")
struct PrintJSONTests {
    static let sql = """
        select 1 as i, 2.50::numeric as n, 'NaN'::numeric as nan, 'Infinity'::float8 as inf, 1e100::float8 as big,
               true as t, false as f, null::text as nul, '{"a":[1,2,{"b":null}]}'::jsonb as jb,
               E'{\\n  "x": 1\\n}'::json as js, E'say "hi" \\\\ \\t\\n\\x01 é 日本' as s, 42::int8 as big8,
               '2024-01-02'::date as d, -0.5::float4 as neg
        union all
        select -7, null, 0, '-Infinity', 0, null, null, 'x', 'null'::jsonb, '[]', '', null, null, null
        """

    func rows(jsonLines: Bool) throws -> [[String: Any]] {
        var settings = PrintSettings()
        settings.format = .json
        settings.jsonLines = jsonLines
        let bytes = PrintTestServer.ourOutput(Self.sql, settings)
        if jsonLines {
            return try bytes.split(separator: 0x0A).map {
                try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any]
            }
        }
        return try JSONSerialization.jsonObject(with: Data(bytes)) as! [[String: Any]]
    }

    @Test(arguments: [false, true])
    func valuesAreTyped(jsonLines: Bool) throws {
        let rows = try rows(jsonLines: jsonLines)
        #expect(rows.count == 2)
        let r = rows[0]
        #expect((r["i"] as? NSNumber)?.intValue == 1)
        #expect((r["n"] as? NSNumber)?.doubleValue == 2.5)
        #expect(r["nan"] as? String == "NaN")
        #expect(r["inf"] as? String == "Infinity")
        #expect((r["big"] as? NSNumber)?.doubleValue == 1e100)
        #expect(r["t"] as? Bool == true)
        #expect(r["f"] as? Bool == false)
        #expect(r["nul"] is NSNull)
        let jb = r["jb"] as? [String: Any]
        #expect((jb?["a"] as? [Any])?.count == 3)
        #expect(((r["js"] as? [String: Any])?["x"] as? NSNumber)?.intValue == 1)
        #expect(r["s"] as? String == "say \"hi\" \\ \t\n\u{01} é 日本")
        #expect((r["big8"] as? NSNumber)?.intValue == 42)
        #expect(r["d"] as? String == "2024-01-02")
        #expect((r["neg"] as? NSNumber)?.doubleValue == -0.5)
        let r2 = rows[1]
        #expect((r2["i"] as? NSNumber)?.intValue == -7)
        #expect(r2["n"] is NSNull)
        #expect(r2["inf"] as? String == "-Infinity")
        #expect(r2["jb"] is NSNull)
        #expect((r2["js"] as? [Any])?.isEmpty == true)
        #expect(r2["s"] as? String == "")
    }

    @Test func layoutIsOneObjectPerLine() {
        var settings = PrintSettings()
        settings.format = .json
        let text = String(decoding: PrintTestServer.ourOutput("select 1 as a union all select 2", settings), as: UTF8.self)
        #expect(text == "[\n{\"a\":1},\n{\"a\":2}\n]\n")
        let empty = String(decoding: PrintTestServer.ourOutput("select 1 as a where false", settings), as: UTF8.self)
        #expect(empty == "[]\n")
        settings.jsonLines = true
        let lines = String(decoding: PrintTestServer.ourOutput("select 1 as a union all select 2", settings), as: UTF8.self)
        #expect(lines == "{\"a\":1}\n{\"a\":2}\n")
    }

    /// Bytes that are not UTF-8 become U+FFFD, so the document still parses.
    @Test func invalidUTF8IsReplaced() throws {
        var settings = PrintSettings()
        settings.format = .json
        let out = OutputStream.memory()
        let printer = makeResultPrinter(settings: settings, output: out)
        printer.begin(columns: [ResultColumn(name: "x", typeOID: 25)])
        let bad: [UInt8] = [0x61, 0xFF, 0x62, 0xED, 0xA0, 0x80, 0xC3]
        bad.withUnsafeBufferPointer { buf in
            let cells = [Cell(base: buf.baseAddress, count: buf.count)]
            cells.withUnsafeBufferPointer { printer.row($0) }
        }
        printer.end(rowCount: 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(out.memoryContents)) as! [[String: Any]]
        #expect(parsed[0]["x"] as? String == "a\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
    }
}
