import Testing
import TidepoolCore

/// Display width of every code point in the given ranges, as psql 15 measures it: one aligned table of
/// (character, code point) rows per range, where each row's padding shows the width psql gave the character.
@Suite("Display width matches psql 15")
struct PrintWidthTests {
    static let ranges: [ClosedRange<Int>] = [0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x1FFFF, 0x20000...0x3FFFD,
                                             0xE0000...0x10FFFF]

    @Test(arguments: ranges)
    func codePoints(range: ClosedRange<Int>) {
        let sql = "select '[' || chr(cp) || ']' as c, cp from generate_series(\(range.lowerBound), \(range.upperBound)) cp"
        var settings = PrintSettings()
        settings.streamingThreshold = .max  // one table, as psql prints it
        let theirs = PrintTestServer.psqlOutput(sql, settings)
        let ours = PrintTestServer.ourOutput(sql, settings)
        let theirLines = theirs.split(separator: 0x0A, omittingEmptySubsequences: false)
        let ourLines = ours.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(theirLines.count == ourLines.count)
        var mismatches: [String] = []
        for (a, b) in zip(theirLines, ourLines) where a != b {
            mismatches.append(String(decoding: a, as: UTF8.self))
            if mismatches.count == 10 { break }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    /// psql drops bytes that are not UTF-8 before measuring (mbvalidate); a server with a UTF-8 client
    /// encoding never sends them, but a SQL_ASCII database can.
    @Test func invalidBytesAreDropped() {
        let out = OutputStream.memory()
        let printer = makeResultPrinter(settings: PrintSettings(), output: out)
        printer.begin(columns: [ResultColumn(name: "x", typeOID: 25), ResultColumn(name: "y", typeOID: 23)])
        let bad: [UInt8] = [0x61, 0xFF, 0x62, 0xC3]
        let one: [UInt8] = [0x31]
        bad.withUnsafeBufferPointer { b in
            one.withUnsafeBufferPointer { o in
                let cells = [Cell(base: b.baseAddress, count: b.count), Cell(base: o.baseAddress, count: 1)]
                cells.withUnsafeBufferPointer { printer.row($0) }
            }
        }
        printer.end(rowCount: 1)
        #expect(String(decoding: out.memoryContents, as: UTF8.self) == " x  | y \n----+---\n ab | 1\n(1 row)\n\n")
    }
}
