/// tidepool's json format (psql has none); streams every row.
///
/// Layout: `[` then one object per line, `,` ending every line but the last, then `]`:
///
///     [
///     {"a":1,"b":"x"},
///     {"a":2,"b":null}
///     ]
///
/// An empty result prints `[]`. With `jsonLines`, one object per line and nothing else (an empty result
/// prints nothing). Keys are the column names in order (duplicate names stay duplicate keys).
///
/// Values follow the column type: NULL → `null`; bool → `true`/`false`; integer, float and numeric
/// types → a JSON number when the text is one, else a string (`"NaN"`, `"Infinity"`); json and jsonb →
/// embedded as is (line breaks between tokens become spaces so each object stays on one line);
/// everything else → a string. Strings escape `"` and `\`, use `\n` `\r` `\t` `\b` `\f` and `\u00XX`
/// for other control characters, and replace each byte that is not valid UTF-8 with `\uFFFD`, so the
/// output is always valid UTF-8 JSON. Title, footer and tuples-only do not apply.
final class JSONPrinter: ResultPrinter {
    private enum Kind { case string, number, bool, json }

    private let settings: PrintSettings
    private let output: OutputStream
    private var keys: [[UInt8]] = []
    private var kinds: [Kind] = []
    private var rowsPrinted = 0
    private var begun = false

    init(settings: PrintSettings, output: OutputStream) {
        self.settings = settings
        self.output = output
    }

    func begin(columns: [ResultColumn]) {
        keys = columns.map { column in
            var key: [UInt8] = []
            Array(column.name.utf8).withUnsafeBufferPointer { JSONPrinter.appendString($0, to: &key) }
            key.append(UInt8(ascii: ":"))
            return key
        }
        kinds = columns.map { column in
            switch column.typeOID {
            case TypeOID.bool: return .bool
            case TypeOID.int2, TypeOID.int4, TypeOID.int8, TypeOID.oid, TypeOID.xid, TypeOID.xid8, TypeOID.cid,
                 TypeOID.float4, TypeOID.float8, TypeOID.numeric: return .number
            case TypeOID.json, TypeOID.jsonb: return .json
            default: return .string
            }
        }
        if !settings.jsonLines { output.write(byte: UInt8(ascii: "[")) }
        begun = true
    }

    private var scratch: [UInt8] = []

    func row(_ row: UnsafeBufferPointer<Cell>) {
        if !settings.jsonLines { output.write(rowsPrinted == 0 ? "\n" : ",\n") }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(UInt8(ascii: "{"))
        for (i, cell) in row.enumerated() {
            if i > 0 { scratch.append(UInt8(ascii: ",")) }
            scratch.append(contentsOf: keys[i])
            if cell.isNull {
                scratch.append(contentsOf: "null".utf8)
                continue
            }
            let bytes = cell.bytes
            switch kinds[i] {
            case .bool where bytes.count == 1 && bytes[0] == UInt8(ascii: "t"):
                scratch.append(contentsOf: "true".utf8)
            case .bool where bytes.count == 1 && bytes[0] == UInt8(ascii: "f"):
                scratch.append(contentsOf: "false".utf8)
            case .number where JSONPrinter.isNumber(bytes):
                scratch.append(contentsOf: bytes)
            case .json where !bytes.isEmpty:
                for b in bytes { scratch.append(b == 0x0A || b == 0x0D ? UInt8(ascii: " ") : b) }
            default:
                JSONPrinter.appendString(bytes, to: &scratch)
            }
        }
        scratch.append(UInt8(ascii: "}"))
        if settings.jsonLines { scratch.append(0x0A) }
        output.write(scratch)
        rowsPrinted += 1
    }

    func end(rowCount: Int) {
        if !begun { begin(columns: []) }
        if !settings.jsonLines { output.write(rowsPrinted == 0 ? "]\n" : "\n]\n") }
    }

    /// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    static func isNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        func digit(_ i: Int) -> Bool { i < n && b[i] >= 0x30 && b[i] <= 0x39 }
        if i < n && b[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else { return false }
        if b[i] == UInt8(ascii: "0") { i += 1 } else { while digit(i) { i += 1 } }
        if i < n && b[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        return i == n
    }

    /// Appends `bytes` as a quoted JSON string.
    static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(0x22)
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c >= 0x20 && c < 0x80 {
                if c == 0x22 || c == 0x5C { out.append(0x5C) }
                out.append(c)
                i += 1
                continue
            }
            if c < 0x20 {
                out.append(0x5C)
                switch c {
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(contentsOf: "u00".utf8)
                    out.append(hex[Int(c >> 4)])
                    out.append(hex[Int(c & 0xF)])
                }
                i += 1
                continue
            }
            let length = validUTF8Length(bytes, i)
            if length == 0 {
                out.append(contentsOf: "\\ufffd".utf8)
                i += 1
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                i += length
            }
        }
        out.append(0x22)
    }

    /// Length of the well-formed UTF-8 sequence at `i` (Unicode's table 3-7), or 0.
    static func validUTF8Length(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let n = b.count
        let c0 = b[i]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < n && b[i + k] >= lo && b[i + k] <= hi }
        switch c0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
