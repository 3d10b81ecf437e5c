/// A psql variable reference met outside quotes and comments: `:name`, `:'name'`, `:"name"`, `:{?name}`
/// (and, in backtick arguments of meta-commands only, `:'name'` quoted for the shell).
///
/// Scanners ask the caller for its replacement through a closure `(VariableReference) -> [UInt8]?`:
/// - `.plain`: the value's bytes (in SQL they are scanned again, as psql does, so a value may hold
///   several statements or open a quote);
/// - `.literal`: the value already quoted as a SQL literal (psql uses `PQescapeLiteral`);
/// - `.identifier`: the value quoted as a SQL identifier (`PQescapeIdentifier`);
/// - `.existenceTest`: the text to emit, `TRUE` or `FALSE` — psql emits `FALSE` for an unknown
///   variable, so return `"FALSE"` rather than nil to match it;
/// - `.shellArgument`: the value quoted for a shell (psql's `appendShellString`), backticks only.
/// Returning nil leaves the reference exactly as typed.
public struct VariableReference: Sendable, Equatable {
    public var name: String
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        case plain
        case literal
        case identifier
        case existenceTest
        case shellArgument
    }

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// How scanners ask for variable values; see `VariableReference`.
public typealias VariableLookup = (VariableReference) -> [UInt8]?
