/// Streams one query result into an `OutputStream`: `begin`, then `row` for each row, then `end`.
///
/// Printers buffer in the stream and do not flush at the end: call `OutputStream.flush()` when the bytes
/// must be out (before writing to stderr, before a prompt). A printer prints one result; make a new one
/// for the next.
public protocol ResultPrinter: AnyObject {
    func begin(columns: [ResultColumn])
    /// One row; `cells.count == columns.count`. The cells' bytes are only borrowed for the call.
    func row(_ cells: UnsafeBufferPointer<Cell>)
    /// Footer and whatever is still buffered. `rowCount` is the number of rows delivered.
    func end(rowCount: Int)
}

/// The printer for `settings.format`, writing to `output`.
///
/// aligned and wrapped (and expanded aligned) hold rows back to compute widths, in groups bounded by
/// `streamingThreshold` / `streamingByteLimit`, or `fetchCount` when set; the other formats print each row
/// as it arrives.
public func makeResultPrinter(settings: PrintSettings, output: OutputStream) -> ResultPrinter {
    // psql formats numbers for the locale before any format sees them (json is tidepool's, typed, and left as is).
    if settings.numericLocale && settings.format != .json {
        var plain = settings
        plain.numericLocale = false
        return NumericLocalePrinter(wrapping: makeResultPrinter(settings: plain, output: output))
    }
    switch settings.format {
    case .unaligned: return UnalignedPrinter(settings: settings, output: output)
    case .csv: return CSVPrinter(settings: settings, output: output)
    case .json: return JSONPrinter(settings: settings, output: output)
    case .html: return HTMLPrinter(settings: settings, output: output)
    case .asciidoc: return AsciidocPrinter(settings: settings, output: output)
    case .latex: return LatexPrinter(settings: settings, output: output)
    // psql prints an expanded longtable with latex's expanded layout.
    case .latexLongtable where settings.expanded == .on: return LatexPrinter(settings: settings, output: output)
    case .latexLongtable: return LatexLongtablePrinter(settings: settings, output: output)
    case .troffMs: return TroffMsPrinter(settings: settings, output: output)
    case .aligned, .wrapped:
        return AlignedPrinter(settings: settings, output: output)
    }
}

/// Writes the bytes of a cell that psql would print: NULL becomes the null display, bytes psql's UTF-8
/// check drops are dropped. `scratch` is reused when a cell needs repair, so clean cells cost no copy.
struct KeptCellBytes {
    private var scratch: [UInt8] = []
    private let nullDisplay: [UInt8]

    init(nullDisplay: String) {
        self.nullDisplay = Array(nullDisplay.utf8)
    }

    @inline(__always)
    mutating func with<R>(_ cell: Cell, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if cell.isNull { return nullDisplay.withUnsafeBufferPointer(body) }
        let bytes = cell.bytes
        if DisplayWidth.isClean(bytes) { return body(bytes) }
        scratch.removeAll(keepingCapacity: true)
        DisplayWidth.forEachKeptRun(bytes) { scratch.append(contentsOf: $0) }
        return scratch.withUnsafeBufferPointer(body)
    }
}

func keptBytes(_ s: String) -> [UInt8] {
    var kept: [UInt8] = []
    Array(s.utf8).withUnsafeBufferPointer { DisplayWidth.forEachKeptRun($0) { kept.append(contentsOf: $0) } }
    return kept
}
