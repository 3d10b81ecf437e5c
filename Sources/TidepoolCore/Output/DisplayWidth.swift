/// Display width of text as psql 15 measures it (libpq's PQdsplen for UTF-8), and psql's UTF-8 validation.
///
/// The client encoding is assumed to be UTF-8.
enum DisplayWidth {
    /// Columns taken by one code point: -1 for control characters (psql prints them escaped), 0 for NUL and
    /// combining marks, 2 for East Asian wide and fullwidth characters, else 1.
    @inline(__always)
    static func of(_ scalar: UInt32) -> Int {
        if scalar < 0x7F { return scalar >= 0x20 ? 1 : (scalar == 0 ? 0 : -1) }
        if scalar < 0xA0 || scalar > 0x10FFFF { return -1 }
        if contains(DisplayWidthTables.zeroWidth, scalar) { return 0 }
        if contains(DisplayWidthTables.doubleWidth, scalar) { return 2 }
        return 1
    }

    private static func contains(_ table: [(UInt32, UInt32)], _ value: UInt32) -> Bool {
        guard let first = table.first, let last = table.last,
              value >= first.0, value <= last.1 else { return false }
        var lo = 0, hi = table.count - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            if value > table[mid].1 { lo = mid + 1 } else if value < table[mid].0 { hi = mid - 1 } else { return true }
        }
        return false
    }

    /// Length of the UTF-8 sequence a lead byte announces (libpq's pg_utf_mblen).
    @inline(__always)
    static func sequenceLength(lead: UInt8) -> Int {
        if lead & 0x80 == 0 { return 1 }
        if lead & 0xE0 == 0xC0 { return 2 }
        if lead & 0xF0 == 0xE0 { return 3 }
        if lead & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    /// Decodes the sequence of `length` bytes at `p`.
    @inline(__always)
    static func scalar(_ p: UnsafePointer<UInt8>, length: Int) -> UInt32 {
        switch length {
        case 2: return UInt32(p[0] & 0x1F) << 6 | UInt32(p[1] & 0x3F)
        case 3: return UInt32(p[0] & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F)
        case 4: return UInt32(p[0] & 0x07) << 18 | UInt32(p[1] & 0x3F) << 12 | UInt32(p[2] & 0x3F) << 6
                    | UInt32(p[3] & 0x3F)
        default: return UInt32(p[0])
        }
    }

    /// Length of the character at `p` if psql keeps it, 0 if psql drops this byte (psql's utf_charcheck,
    /// which printTableAddCell applies to every header and cell). Bytes past `end` read as NUL, as psql
    /// reads its terminator.
    @inline(__always)
    static func legalLength(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        let c0 = p[0]
        if c0 & 0x80 == 0 { return 1 }
        @inline(__always) func at(_ i: Int) -> UInt8 { p + i < end ? p[i] : 0 }
        let c1 = at(1)
        if c0 & 0xE0 == 0xC0 {
            return (c1 & 0xC0 == 0x80 && c0 & 0x1F > 0x01) ? 2 : 0
        }
        if c0 & 0xF0 == 0xE0 {
            let c2 = at(2)
            guard c1 & 0xC0 == 0x80, (c0 & 0x0F != 0 || c1 & 0x20 == 0x20), c2 & 0xC0 == 0x80 else { return 0 }
            // psql's check mixes the first and second bytes here; keeping it keeps the same bytes.
            let z = Int(c0 & 0x0F)
            let yx = (Int(c1 & 0x3F) << 6) | Int(c0 & 0x3F)
            let lx = yx & 0x7F
            if (z == 0x0F && ((yx & 0xFFE) == 0xFFE || ((yx & 0xF80) == 0xD80 && lx >= 0x30 && lx <= 0x4F)))
                || (z == 0x0D && (yx & 0xB00) == 0x800) {
                return 0
            }
            return 3
        }
        if c0 & 0xF8 == 0xF0 {
            let c2 = at(2), c3 = at(3)
            let u = (Int(c0 & 0x07) << 2) | (Int(c1 & 0x30) >> 4)
            guard c1 & 0xC0 == 0x80, u > 0, u <= 0x10, c2 & 0xC0 == 0x80, c3 & 0xC0 == 0x80 else { return 0 }
            if c1 & 0x0F == 0x0F && c2 & 0x3F == 0x3F && c3 & 0x3E == 0x3E { return 0 }
            return 4
        }
        return 0
    }

    /// True when every byte is kept by psql's validation, so the cell can be used as is.
    @inline(__always)
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var p = bytes.baseAddress else { return true }
        let end = p + bytes.count
        while p < end {
            if p[0] < 0x80 { p += 1; continue }
            let n = legalLength(p, end)
            if n == 0 { return false }
            p += n
        }
        return true
    }

    /// Calls `body` with each run of kept bytes, in order (one call for a clean cell).
    @inline(__always)
    static func forEachKeptRun(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let start = bytes.baseAddress else { return }
        let end = start + bytes.count
        var runStart = start
        var p = start
        while p < end {
            if p[0] < 0x80 { p += 1; continue }
            let n = legalLength(p, end)
            if n > 0 { p += n; continue }
            if p > runStart { body(UnsafeBufferPointer(start: runStart, count: p - runStart)) }
            p += 1
            runStart = p
        }
        if end > runStart { body(UnsafeBufferPointer(start: runStart, count: end - runStart)) }
    }
}
