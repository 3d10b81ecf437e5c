/// Splits a `-- flags:` line into words the way a POSIX shell would for the simple cases a script
/// header needs: blanks separate words, '…' is literal, "…" allows \" \\ \$ and \`, a backslash outside
/// quotes escapes the next character.
enum ShellWords {
    struct UnterminatedQuote: Error, CustomStringConvertible {
        let line: String
        var description: String { "unterminated quote in flags: \(line)" }
    }

    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                while true {
                    guard let next = iterator.next() else { throw UnterminatedQuote(line: line) }
                    if next == "'" { break }
                    current.append(next)
                }
            case "\"":
                inWord = true
                while true {
                    guard var next = iterator.next() else { throw UnterminatedQuote(line: line) }
                    if next == "\"" { break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { throw UnterminatedQuote(line: line) }
                        if !"\"\\$`".contains(escaped) { current.append("\\") }
                        next = escaped
                    }
                    current.append(next)
                }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { current.append(escaped) }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
