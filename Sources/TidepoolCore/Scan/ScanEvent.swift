/// What the scanner cut out of the input.
public enum ScanEvent: Sendable, Equatable {
    /// A complete statement: the bytes psql would send, the query buffer up to and including the `;`.
    case statement([UInt8])
    /// A backslash command. `name` is without the backslash (`"echo"`, `"d+"`, `"g"`, `"x"`, or `""` for a
    /// lone backslash). `arguments` are the raw bytes after the name, untrimmed, up to the end of the line
    /// or up to where psql stops reading this command's arguments: an unquoted backslash (a `\\`
    /// separator is eaten, any other backslash starts the next command). Whole-line commands (`\!`,
    /// `\copy`, `\h`, `\sf`, …) and `|command` targets of `\g`, `\o`, `\w` take the rest of the line.
    /// Whatever text precedes the command on its line stays in the query buffer (`select 1 \g`).
    case metaCommand(name: String, arguments: [UInt8])
}
