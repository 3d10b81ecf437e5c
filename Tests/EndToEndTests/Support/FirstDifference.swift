/// A readable account of where two outputs part: the first differing line (1-based), both versions of
/// it with control characters and invalid bytes made visible, and the line before it for context.
struct FirstDifference: Sendable, CustomStringConvertible {
    let lineNumber: Int
    let expectedLine: String
    let actualLine: String
    let contextLine: String?
    let expectedLineCount: Int
    let actualLineCount: Int

    /// nil when the two are identical.
    init?(expected: [UInt8], actual: [UInt8]) {
        guard expected != actual else { return nil }
        let expectedLines = Self.lines(expected)
        let actualLines = Self.lines(actual)
        var index = 0
        while index < expectedLines.count, index < actualLines.count, expectedLines[index] == actualLines[index] {
            index += 1
        }
        lineNumber = index + 1
        let expectedSlice = index < expectedLines.count ? expectedLines[index] : nil
        let actualSlice = index < actualLines.count ? actualLines[index] : nil
        let column = Self.firstDifferingColumn(expectedSlice ?? [], actualSlice ?? [])
        expectedLine = expectedSlice.map { Self.visible($0, around: column) } ?? "<end of output>"
        actualLine = actualSlice.map { Self.visible($0, around: column) } ?? "<end of output>"
        contextLine = index > 0 ? Self.visible(expectedLines[index - 1], around: 0) : nil
        expectedLineCount = expectedLines.count
        actualLineCount = actualLines.count
    }

    var description: String {
        var text = "first difference at line \(lineNumber)"
        text += " (psql has \(expectedLineCount) lines, candidate \(actualLineCount))\n"
        if let contextLine { text += "  both:      \(contextLine)\n" }
        text += "  psql:      \(expectedLine)\n"
        text += "  candidate: \(actualLine)"
        return text
    }

    /// Lines keep their terminating newline, so "a" and "a\n" differ visibly ("a⏎" vs "a").
    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    private static func firstDifferingColumn(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        var offset = 0
        var ai = a.startIndex, bi = b.startIndex
        while ai < a.endIndex, bi < b.endIndex, a[ai] == b[bi] { ai += 1; bi += 1; offset += 1 }
        return offset
    }

    /// Escapes what would be invisible; cuts very long lines to a window around `column`.
    private static func visible(_ line: ArraySlice<UInt8>, around column: Int) -> String {
        let window = 160
        var slice = line
        var prefix = "", suffix = ""
        if line.count > window {
            let start = line.startIndex + max(0, min(column - window / 2, line.count - window))
            slice = line[start..<(start + window)]
            if start > line.startIndex { prefix = "…[\(start - line.startIndex) bytes]" }
            if slice.endIndex < line.endIndex { suffix = "…[\(line.endIndex - slice.endIndex) more bytes]" }
        }
        var text = ""
        var index = slice.startIndex
        while index < slice.endIndex {
            let length = validSequenceLength(slice[index...])
            if length == 0 {
                text += "\\x" + String(slice[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            } else {
                for scalar in String(decoding: slice[index..<(index + length)], as: UTF8.self).unicodeScalars {
                    text += escape(scalar)
                }
                index += length
            }
        }
        return prefix + text + suffix
    }

    /// The length of the well-formed UTF-8 sequence at the start of `bytes`, or 0 if it is not one.
    private static func validSequenceLength(_ bytes: ArraySlice<UInt8>) -> Int {
        guard let lead = bytes.first else { return 0 }
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard bytes.count >= length else { return 0 }
        let sequence = Array(bytes.prefix(length))
        guard sequence.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) else { return 0 }
        // Overlong forms, surrogates and values past U+10FFFF would decode to U+FFFD: show them raw.
        return String(validating: sequence, as: UTF8.self) == nil ? 0 : length
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "⏎"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\0": return "\\0"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}" {
                return "\\u{\(String(scalar.value, radix: 16))}"
            }
            return String(scalar)
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
