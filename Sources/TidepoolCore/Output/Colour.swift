import Glibc

/// Colour at a terminal: headers, server errors, warnings and notices. Decided once at start: never when
/// NO_COLOR is set (to anything, https://no-color.org), when TERM is dumb or unset, or when the stream is not
/// a terminal.
public struct Colour: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public func withEnabled(_ on: Bool) -> Colour { Colour(enabled: on) }

    /// Whether colour may be used on `fd` in this environment.
    public static func allowed(fd: Int32) -> Bool {
        if getenv("NO_COLOR") != nil { return false }
        guard let term = getenv("TERM"), String(cString: term) != "dumb" else { return false }
        return isatty(fd) == 1
    }

    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[1;31m"
    static let yellow = "\u{1B}[33m"
    static let cyan = "\u{1B}[36m"
    static let headerStyle = "\u{1B}[1;34m"

    /// Diagnostics text (Diagnostics.decorateError): the first line coloured by its severity.
    public func diagnostic(_ text: String) -> String {
        guard enabled else { return text }
        let firstLineEnd = text.firstIndex(of: "\n") ?? text.endIndex
        let first = text[..<firstLineEnd]
        let style: String
        if first.contains("ERROR:") || first.contains("FATAL:") || first.contains("PANIC:") || first.contains("error:") {
            style = Self.red
        } else if first.contains("WARNING:") || first.contains("warning:") {
            style = Self.yellow
        } else if first.contains("NOTICE:") || first.contains("INFO:") || first.contains("LOG:") || first.contains("DEBUG:") {
            style = Self.cyan
        } else {
            return text
        }
        return style + first + Self.reset + text[firstLineEnd...]
    }

    /// Result text headed for the terminal: the header lines of an aligned table (everything before its first
    /// `---+---` rule) and the record headers and column names of expanded output, in bold blue.
    public func result(_ text: [UInt8], settings: PrintSettings) -> [UInt8] {
        guard enabled, !settings.tuplesOnly, settings.format == .aligned || settings.format == .wrapped else {
            return text
        }
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 64)
        var inHeader = true
        for (index, line) in lines.enumerated() {
            let s = String(decoding: line, as: UTF8.self)
            if s.hasPrefix("-[ RECORD") || s.hasPrefix("─[ RECORD") || s.hasPrefix("+-[ RECORD") {
                out += Array((Self.headerStyle + s + Self.reset).utf8)
                inHeader = false
            } else if inHeader && Self.isRule(s) {
                inHeader = false
                out += line
            } else if inHeader && !s.isEmpty && lines.count > 2 && Self.hasRuleAhead(lines, from: index) {
                out += Array((Self.headerStyle + s + Self.reset).utf8)
            } else {
                out += line
            }
            if index < lines.count - 1 { out.append(0x0A) }
        }
        return out
    }

    private static func isRule(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { "-+─┼═╪━╋|│ ".contains($0) } && s.contains(where: { $0 == "-" || $0 == "─" || $0 == "═" })
    }

    private static func hasRuleAhead(_ lines: [ArraySlice<UInt8>], from index: Int) -> Bool {
        for line in lines[(index + 1)...].prefix(8) where isRule(String(decoding: line, as: UTF8.self)) { return true }
        return false
    }
}
