import Glibc

/// `\pset numericlocale on`: numbers in right-aligned (numeric) columns get the locale's digit grouping and
/// decimal point before any format prints them, as psql's printQuery does (format_numeric_locale): only
/// values made of `0-9+-.eE`, grouped in threes unless the locale says otherwise, and `,` when the locale
/// has no thousands separator (`.` if its decimal point is `,`).
final class NumericLocalePrinter: ResultPrinter {
    private let inner: ResultPrinter
    private let separators: NumericSeparators
    private var numeric: [Bool] = []
    private var storage: [[UInt8]] = []
    private var cells: [Cell] = []

    init(wrapping inner: ResultPrinter, separators: NumericSeparators = .fromEnvironment) {
        self.inner = inner
        self.separators = separators
    }

    func begin(columns: [ResultColumn]) {
        numeric = columns.map { TypeOID.isRightAligned($0.typeOID) }
        storage = Array(repeating: [], count: columns.count)
        cells = Array(repeating: .null, count: columns.count)
        inner.begin(columns: columns)
    }

    func row(_ row: UnsafeBufferPointer<Cell>) {
        guard numeric.contains(true) else { return inner.row(row) }
        for i in row.indices {
            let cell = row[i]
            guard numeric[i], !cell.isNull else { cells[i] = cell; continue }
            storage[i] = separators.format(Array(UnsafeBufferPointer(start: cell.base, count: cell.count)))
        }
        // The formatted bytes must stay put while the inner printer reads them: point at them only now.
        withCells(row, index: 0, into: &cells)
    }

    private func withCells(_ row: UnsafeBufferPointer<Cell>, index: Int, into cells: inout [Cell]) {
        if index == row.count {
            cells.withUnsafeBufferPointer { inner.row($0) }
            return
        }
        if numeric[index] && !row[index].isNull {
            storage[index].withUnsafeBufferPointer { buffer in
                cells[index] = Cell(base: buffer.baseAddress ?? UnsafePointer(bitPattern: 1), count: buffer.count)
                withCells(row, index: index + 1, into: &cells)
            }
        } else {
            withCells(row, index: index + 1, into: &cells)
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

    func format(_ value: [UInt8]) -> [UInt8] {
        let allowed: Set<UInt8> = Set("0123456789+-.eE".utf8)
        guard value.allSatisfy({ allowed.contains($0) }) else { return value }
        var result: [UInt8] = []
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
        return result
    }
}
