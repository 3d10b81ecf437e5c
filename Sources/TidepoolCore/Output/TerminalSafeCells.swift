/// Data must not repaint the screen: at a terminal, control characters in values (ESC sequences, backspace,
/// carriage return, C1 controls) are shown escaped in the formats that would print them raw. psql prints them
/// raw in unaligned and csv output; tidepool does so too when the output is a file or a pipe, byte for byte.
/// The aligned formats escape them already (as psql's do) and json escapes them by its own rules.
enum TerminalSafeCells {
    /// Whether a result in this format, written to a terminal, needs the cells escaped.
    static func applies(to format: PrintSettings.Format) -> Bool {
        switch format {
        case .aligned, .wrapped, .json: return false
        default: return true
        }
    }

    /// True when some cell holds a byte that could move the cursor or start an escape sequence.
    static func needsEscaping(_ cells: UnsafeBufferPointer<Cell>) -> Bool {
        for cell in cells {
            guard let base = cell.base else { continue }
            for i in 0..<cell.count {
                let b = base[i]
                if b < 0x20 && b != 0x0A && b != 0x09 { return true }
                if b == 0x7F { return true }
                if b == 0xC2, i + 1 < cell.count, (0x80...0x9F).contains(base[i + 1]) { return true }
            }
        }
        return false
    }

    /// The cell's bytes with controls written as `\r`, `\xNN` or `\u00NN` (C1), newlines and tabs kept.
    static func escaped(_ cell: Cell) -> [UInt8] {
        guard let base = cell.base else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(cell.count + 8)
        var i = 0
        while i < cell.count {
            let b = base[i]
            if b == 0x0D {
                out += Array("\\r".utf8)
            } else if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F {
                out += Array("\\x".utf8) + hex(b)
            } else if b == 0xC2, i + 1 < cell.count, (0x80...0x9F).contains(base[i + 1]) {
                out += Array("\\u00".utf8) + hex(base[i + 1])
                i += 1
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    private static func hex(_ b: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(b >> 4)], digits[Int(b & 0x0F)]]
    }

    /// Calls `body` with the row escaped (only when something needs it; otherwise with the row as is).
    static func withSafeRow(_ cells: UnsafeBufferPointer<Cell>, _ body: (UnsafeBufferPointer<Cell>) -> Void) {
        guard needsEscaping(cells) else { return body(cells) }
        let copies = cells.map { $0.isNull ? nil : escaped($0) }
        var safe: [Cell] = []
        safe.reserveCapacity(cells.count)
        func build(_ index: Int) {
            if index == copies.count {
                safe.withUnsafeBufferPointer(body)
                return
            }
            guard let bytes = copies[index] else {
                safe.append(.null)
                return build(index + 1)
            }
            bytes.withUnsafeBufferPointer { buffer in
                safe.append(Cell(base: buffer.baseAddress ?? UnsafePointer(bitPattern: 1), count: buffer.count))
                build(index + 1)
            }
        }
        build(0)
    }
}
