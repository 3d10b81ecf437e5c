/// How psql measures and lays out one (already validated) cell or header: newlines split it into lines,
/// tabs expand to the next multiple of 8, CR shows as `\r`, other control characters as `\xNN` (ASCII)
/// or `\uNNNN` (C1 controls). psql's pg_wcssize and pg_wcsformat.
struct CellMetrics {
    /// Display width of the widest line.
    var width = 0
    /// Number of lines.
    var height = 1
}

enum CellText {
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> CellMetrics {
        var m = CellMetrics()
        guard var p = bytes.baseAddress else { return m }
        let end = p + bytes.count
        var line = 0
        while p < end {
            let c = p[0]
            if c >= 0x20 && c < 0x7F {
                line += 1
                p += 1
                continue
            }
            if c < 0x80 {
                switch c {
                case 0x0A:
                    if line > m.width { m.width = line }
                    line = 0
                    m.height += 1
                case 0x0D: line += 2
                case 0x09: line = (line / 8 + 1) * 8
                default: line += 4
                }
                p += 1
                continue
            }
            let n = DisplayWidth.sequenceLength(lead: c)
            if end - p < n { break }
            let w = DisplayWidth.of(DisplayWidth.scalar(p, length: n))
            line += w < 0 ? 6 : w
            p += n
        }
        if line > m.width { m.width = line }
        return m
    }

    /// Bytes and display width of the longest prefix of `line[from...]` that fits in `target` columns;
    /// at least one character even if it is wider (psql's strlen_max_width). `line` holds formatted text.
    @inline(__always)
    static func prefix(of line: UnsafeBufferPointer<UInt8>, from: Int, fitting target: Int) -> (bytes: Int, width: Int) {
        guard let base = line.baseAddress else { return (0, 0) }
        let start = base + from
        let end = base + line.count
        var p = start
        var width = 0
        while p < end {
            let c = p[0]
            let n: Int
            let w: Int
            if c < 0x80 {
                n = 1
                w = 1
            } else {
                n = DisplayWidth.sequenceLength(lead: c)
                w = Swift.max(0, DisplayWidth.of(DisplayWidth.scalar(p, length: Swift.min(n, end - p))))
            }
            if target < width + w && width != 0 { break }
            width += w
            p = Swift.min(p + n, end)
        }
        return (p - start, width)
    }
}

/// A cell laid out for display: printable bytes split into lines, each with its display width.
/// One per column is reused for every row, so formatting allocates nothing once capacities settle.
struct FormattedText {
    private(set) var bytes: [UInt8] = []
    private(set) var lineStart: [Int] = []
    private(set) var lineWidth: [Int] = []

    var lineCount: Int { lineWidth.count }

    func lineEnd(_ i: Int) -> Int { i + 1 < lineStart.count ? lineStart[i + 1] : bytes.count }

    func withLine<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let s = lineStart[i], e = lineEnd(i)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[s..<e])) }
    }

    mutating func format(_ source: UnsafeBufferPointer<UInt8>) {
        bytes.removeAll(keepingCapacity: true)
        lineStart.removeAll(keepingCapacity: true)
        lineWidth.removeAll(keepingCapacity: true)
        lineStart.append(0)
        var width = 0
        guard var p = source.baseAddress else {
            lineWidth.append(0)
            return
        }
        let end = p + source.count
        while p < end {
            let c = p[0]
            if c >= 0x20 && c < 0x7F {
                bytes.append(c)
                width += 1
                p += 1
                continue
            }
            if c < 0x80 {
                switch c {
                case 0x0A:
                    lineWidth.append(width)
                    width = 0
                    lineStart.append(bytes.count)
                case 0x0D:
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(UInt8(ascii: "r"))
                    width += 2
                case 0x09:
                    repeat {
                        bytes.append(UInt8(ascii: " "))
                        width += 1
                    } while width % 8 != 0
                default:
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(UInt8(ascii: "x"))
                    appendHex(UInt32(c), digits: 2)
                    width += 4
                }
                p += 1
                continue
            }
            let n = DisplayWidth.sequenceLength(lead: c)
            if end - p < n { break }
            let scalar = DisplayWidth.scalar(p, length: n)
            let w = DisplayWidth.of(scalar)
            if w < 0 {
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "u"))
                appendHex(scalar, digits: 4)
                width += 6
            } else {
                bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
                width += w
            }
            p += n
        }
        lineWidth.append(width)
    }

    private mutating func appendHex(_ value: UInt32, digits: Int) {
        let hex: StaticString = "0123456789ABCDEF"
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            bytes.append(hex.utf8Start[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
