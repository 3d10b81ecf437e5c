import Glibc

/// `\pset numericlocale on`: numbers in right-aligned (numeric) columns get the locale's digit grouping and
/// decimal point before any format prints them, as psql's printQuery does (format_numeric_locale): only
/// values made of `0-9+-.eE`, grouped in threes unless the locale says otherwise, and `,` when the locale
/// has no thousands separator (`.` if its decimal point is `,`).
final class NumericLocalePrinter: ResultPrinter {
    private let inner: ResultPrinter
    private let separators: NumericSeparators
    private var numeric: [Bool] = []
    /// The formatted numbers of one row, back to back, and each cell's place in them (nil: as received).
    private var formatted: [UInt8] = []
    private var places: [Range<Int>?] = []
    private var cells: [Cell] = []

    init(wrapping inner: ResultPrinter, separators: NumericSeparators = .fromEnvironment) {
        self.inner = inner
        self.separators = separators
    }

    func begin(columns: [ResultColumn]) {
        numeric = columns.map { TypeOID.isRightAligned($0.typeOID) }
        places = Array(repeating: nil, count: columns.count)
        cells = Array(repeating: .null, count: columns.count)
        inner.begin(columns: columns)
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        guard numeric.contains(true) else { return inner.row(row) }
        formatted.removeAll(keepingCapacity: true)
        for i in row.indices {
            places[i] = nil
            guard numeric[i], !row[i].isNull else { continue }
            let start = formatted.count
            separators.append(UnsafeBufferPointer(start: row[i].base, count: row[i].count), to: &formatted)
            places[i] = start..<formatted.count
        }
        // Pointers into `formatted` are taken only now, once it no longer grows.
        formatted.withUnsafeBufferPointer { buffer in
            for i in row.indices {
                guard let place = places[i], let base = buffer.baseAddress else { cells[i] = row[i]; continue }
                cells[i] = Cell(base: base + place.lowerBound, count: place.count)
            }
            cells.withUnsafeBufferPointer { inner.row($0) }
        }
    }

    func end(rowCount: Int) { inner.end(rowCount: rowCount) }
}

/// The locale's decimal point, thousands separator and group size, read once from the environment's
/// LC_NUMERIC without changing the process's own locale.
struct NumericSeparators: Sendable {
    var decimalPoint: [UInt8]
    var thousandsSeparator: [UInt8]
    var groupDigits: Int

    static let fromEnvironment: NumericSeparators = {
        var decimal = "."
        var thousands = ""
        var group = 3
        // The environment's locale for this thread only, while localeconv() reads it.
        if let locale = newlocale(LC_NUMERIC_MASK, "", nil) {
            let previous = uselocale(locale)
            if let conventions = localeconv() {
                if let point = conventions.pointee.decimal_point, point.pointee != 0 { decimal = String(cString: point) }
                if let separator = conventions.pointee.thousands_sep { thousands = String(cString: separator) }
                if let grouping = conventions.pointee.grouping {
                    let first = Int(grouping.pointee)
                    if first > 0 && first <= 6 { group = first }
                }
            }
            uselocale(previous)
            freelocale(locale)
        }
        if thousands.isEmpty { thousands = decimal == "," ? "." : "," }
        return NumericSeparators(decimalPoint: Array(decimal.utf8), thousandsSeparator: Array(thousands.utf8),
                                 groupDigits: group)
    }()

    private static let numberBytes: Set<UInt8> = Set("0123456789+-.eE".utf8)

    /// psql's format_numeric_locale, appending to `result`: values that are not plain numbers unchanged.
    func append(_ value: UnsafeBufferPointer<UInt8>, to result: inout [UInt8]) {
        guard value.allSatisfy({ Self.numberBytes.contains($0) }) else { result += value; return }
        var index = 0
        if let first = value.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            result.append(first)
            index = 1
        }
        var digits = 0
        while index + digits < value.count, value[index + digits] >= 0x30, value[index + digits] <= 0x39 { digits += 1 }
        var leading = digits % groupDigits
        if leading == 0 { leading = groupDigits }
        for i in 0..<digits {
            if i > 0 {
                leading -= 1
                if leading == 0 {
                    result += thousandsSeparator
                    leading = groupDigits
                }
            }
            result.append(value[index + i])
        }
        index += digits
        if index < value.count, value[index] == UInt8(ascii: ".") {
            result += decimalPoint
            index += 1
        }
        result += value[index...]
    }
}
