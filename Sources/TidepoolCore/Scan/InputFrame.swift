/// One source of bytes the lexer reads from: an input line, or the value of a `:variable` being
/// expanded in it (psql's buffer stack). Frames nest; the innermost is read first.
struct InputFrame: Sendable {
    var bytes: [UInt8]
    var position: Int
    /// The variable this frame expands, nil for the input line itself. A variable is never expanded
    /// inside its own expansion (psql: "skipping recursive expansion").
    let variableName: [UInt8]?

    var isExhausted: Bool { position >= bytes.count }
}
