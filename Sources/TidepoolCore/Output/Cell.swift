/// One cell of the row being delivered to a printer.
///
/// The bytes are borrowed: they are valid only during the `row(_:)` call that hands them over (typically
/// they point into a libpq `PGresult`). `base == nil` means SQL NULL; an empty string has a non-nil base and
/// `count == 0`.
public struct Cell {
    public var base: UnsafePointer<UInt8>?
    public var count: Int

    public init(base: UnsafePointer<UInt8>?, count: Int) {
        self.base = base
        self.count = count
    }

    /// SQL NULL. (Computed: a pointer-holding struct cannot be a Sendable global.)
    public static var null: Cell { Cell(base: nil, count: 0) }

    public var isNull: Bool { base == nil }

    /// The cell's bytes; empty for NULL.
    @inlinable
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base, count: base == nil ? 0 : count)
    }
}

/// A result column as printers need it: its name (the header) and its type, which decides alignment in the
/// aligned formats and value typing in JSON.
public struct ResultColumn: Sendable {
    public var name: String
    public var typeOID: UInt32

    public init(name: String, typeOID: UInt32) {
        self.name = name
        self.typeOID = typeOID
    }
}

/// The type OIDs printers care about (pg_type.h).
enum TypeOID {
    static let bool: UInt32 = 16
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let oid: UInt32 = 26
    static let xid: UInt32 = 28
    static let cid: UInt32 = 29
    static let json: UInt32 = 114
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let money: UInt32 = 790
    static let numeric: UInt32 = 1700
    static let jsonb: UInt32 = 3802
    static let xid8: UInt32 = 5069

    /// psql right-aligns exactly these types (print.c, column_type_alignment).
    static func isRightAligned(_ type: UInt32) -> Bool {
        switch type {
        case int2, int4, int8, float4, float8, numeric, oid, xid, xid8, cid, money: return true
        default: return false
        }
    }
}
