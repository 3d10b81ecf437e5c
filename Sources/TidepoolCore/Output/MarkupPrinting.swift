/// What the document formats (asciidoc, latex, latex-longtable, troff-ms) share: the column headers and
/// alignments taken from a result, the footer lines psql's print.c would print, and byte-wise escaping.
/// `MarkupDocument` holds these for one result, with the writing steps built on them.
struct MarkupColumns {
    var headers: [[UInt8]] = []
    /// psql's per-column alignment: true for 'r' (numbers), false for 'l'.
    var rightAligned: [Bool] = []

    init(_ columns: [ResultColumn]) {
        headers = columns.map { keptBytes($0.name) }
        rightAligned = columns.map { TypeOID.isRightAligned($0.typeOID) }
    }

    init() {}
}

extension PrintSettings {
    /// print.c's footers_with_default: the explicit footers (describe's), else "(N rows)" when `footer` is on.
    /// Expanded layouts print only explicit footers, never the default one.
    func footerLines(rowCount: Int, vertical: Bool) -> [String] {
        if let explicit = explicitFooters, !explicit.isEmpty { return explicit }
        if vertical || !footer { return [] }
        return [rowCount == 1 ? "(1 row)" : "(\(rowCount) rows)"]
    }
}

/// True when the bytes are only spaces and tabs (or empty): psql prints such cells specially in asciidoc.
@inline(__always)
func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
}

/// Writes `bytes`, replacing each byte for which `replacement` returns a string.
@inline(__always)
func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: OutputStream, _ replacement: (UInt8) -> String?) {
    var start = 0
    for (i, b) in bytes.enumerated() {
        guard let text = replacement(b) else { continue }
        if i > start { output.write(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
        output.write(text)
        start = i + 1
    }
    if start < bytes.count { output.write(UnsafeBufferPointer(rebasing: bytes[start...])) }
}

func writeEscaped(_ bytes: [UInt8], to output: OutputStream, _ replacement: (UInt8) -> String?) {
    bytes.withUnsafeBufferPointer { writeEscaped($0, to: output, replacement) }
}
