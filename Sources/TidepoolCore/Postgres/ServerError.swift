import CLibPQ

/// An error reported by the server (or by libpq on its behalf), with every field PostgreSQL sends.
///
/// `formatted` is libpq's own rendering (`ERROR:  …` plus `LINE n:` and the caret for syntax errors), which is
/// what psql prints; the separate fields feed `\errverbose`, the `SQLSTATE` variables and auto-rollback.
public struct ServerError: Error, Sendable, Equatable {
    public var severity: String
    public var sqlState: String
    public var message: String
    public var detail: String?
    public var hint: String?
    public var position: String?
    public var context: String?
    public var formatted: String
    public var verboseFormatted: String?

    public init(severity: String = "ERROR", sqlState: String = "", message: String,
                detail: String? = nil, hint: String? = nil, position: String? = nil,
                context: String? = nil, formatted: String? = nil) {
        self.severity = severity
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.context = context
        self.formatted = formatted ?? "\(severity):  \(message)\n"
    }

    /// Reads every field of an error result. The result stays owned by the caller.
    init(result: OpaquePointer) {
        func field(_ code: Int32) -> String? {
            guard let p = PQresultErrorField(result, code) else { return nil }
            return String(cString: p)
        }
        severity = field(Int32(UInt8(ascii: "S"))) ?? "ERROR"
        sqlState = field(Int32(UInt8(ascii: "C"))) ?? ""
        message = field(Int32(UInt8(ascii: "M"))) ?? ""
        detail = field(Int32(UInt8(ascii: "D")))
        hint = field(Int32(UInt8(ascii: "H")))
        position = field(Int32(UInt8(ascii: "P")))
        context = field(Int32(UInt8(ascii: "W")))
        formatted = String(cString: PQresultErrorMessage(result))
        if let verbose = PQresultVerboseErrorMessage(result, PQERRORS_VERBOSE, PQSHOW_CONTEXT_ALWAYS) {
            verboseFormatted = String(cString: verbose)
            PQfreemem(verbose)
        }
        if message.isEmpty { message = formatted }
    }

    /// True when the error says the connection itself is gone rather than the statement failing.
    public var isConnectionFailure: Bool { sqlState.isEmpty || sqlState.hasPrefix("08") }
}

/// A failure of the client side of a connection: could not connect, connection lost, interrupted.
/// Described by its message alone, so wrappers (the pool's errors) show what libpq said.
public struct ConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String { message }

    public enum Kind: Sendable, Equatable { case connectFailed, connectionLost, interrupted, timedOut }
    public var kind: Kind
    /// libpq's message, as psql would print it (may span several lines, ends without a newline).
    public var message: String
    /// The server asked for a password that was not given (psql then prompts and tries again).
    public var needsPassword = false

    public init(_ kind: Kind, _ message: String, needsPassword: Bool = false) {
        self.kind = kind
        self.needsPassword = needsPassword
        var text = message
        while text.hasSuffix("\n") { text.removeLast() }
        self.message = text
    }
}
