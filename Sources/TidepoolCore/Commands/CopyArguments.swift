import Glibc

/// A `\copy` line taken apart exactly as psql's parse_slash_copy does it: the text before FROM/TO and the
/// options after the file name go to the server untouched; only the file name (or program, or stdin/stdout,
/// pstdin/pstdout) is psql's business.
struct CopyArguments: Equatable {
    enum Endpoint: Equatable {
        /// A file on the client, `~` expanded.
        case file(String)
        /// `program 'command'`, run with popen.
        case program(String)
        /// `stdin` / `stdout`: the input being read (psql's cur_cmd_source) and the query output.
        case queryStreams
        /// `pstdin` / `pstdout`: the process's own standard input and output.
        case processStreams
    }

    var beforeToFrom: [UInt8]
    var afterToFrom: [UInt8]?
    var isFrom: Bool
    var endpoint: Endpoint

    /// The statement sent to the server, byte for byte what psql builds (spacing included: it shows up in
    /// error carets and in ECHO).
    var statement: [UInt8] {
        Array("COPY ".utf8) + beforeToFrom + Array((isFrom ? " FROM STDIN " : " TO STDOUT ").utf8) + (afterToFrom ?? [])
    }

    /// Parses the arguments of `\copy` (the whole rest of its line). Fails with psql's message.
    static func parse(_ line: [UInt8], standardConformingStrings: Bool) -> Result<CopyArguments, MessageError> {
        var tokens = CopyTokenizer(line)
        let backslash: UInt8? = standardConformingStrings ? nil : 0x5C
        var last: [UInt8]?
        func fail() -> Result<CopyArguments, MessageError> {
            if let last { return .failure(MessageError("\\copy: parse error at \"\(String(decoding: last, as: UTF8.self))\"")) }
            return .failure(MessageError("\\copy: parse error at end of line"))
        }
        func next(_ delimiters: String?, _ quotes: String?, escape: UInt8? = nil, eStrings: Bool = false) -> [UInt8]? {
            last = tokens.next(delimiters: delimiters.map { Array($0.utf8) }, quotes: quotes.map { Array($0.utf8) },
                               escape: escape, eStrings: eStrings)
            return last
        }

        var before: [UInt8] = []
        guard var token = next(".,()", "\"") else { return fail() }
        if lowercased(token) == "binary" {  // pre-7.3 syntax, still accepted
            before += token
            guard let t = next(".,()", "\"") else { return fail() }
            token = t
        }
        if token.first == UInt8(ascii: "(") {  // \copy (query) to …
            var depth = 1
            while depth > 0 {
                before += [0x20] + token
                guard let t = next("()", "\"'", escape: backslash, eStrings: true) else { return fail() }
                token = t
                if token.first == UInt8(ascii: "(") { depth += 1 } else if token.first == UInt8(ascii: ")") { depth -= 1 }
            }
        }
        before += [0x20] + token
        guard var word = next(".,()", "\"") else { return fail() }
        if word.first == UInt8(ascii: ".") {  // schema . table
            before += word
            guard let name = next(".,()", "\"") else { return fail() }
            before += name
            guard let t = next(".,()", "\"") else { return fail() }
            word = t
        }
        if word.first == UInt8(ascii: "(") {  // column list
            while true {
                before += [0x20] + word
                guard let t = next("()", "\"") else { return fail() }
                word = t
                if word.first == UInt8(ascii: ")") { break }
            }
            before += [0x20] + word
            guard let t = next(".,()", "\"") else { return fail() }
            word = t
        }

        let isFrom: Bool
        switch lowercased(word) {
        case "from": isFrom = true
        case "to": isFrom = false
        default: return fail()
        }

        guard let target = next(";", "'") else { return fail() }
        let endpoint: Endpoint
        switch lowercased(target) {
        case "program":
            guard let command = next(";", "'"), command.count >= 2, command.first == 0x27, command.last == 0x27 else {
                return fail()
            }
            endpoint = .program(String(decoding: stripQuotes(command, quote: 0x27, escape: nil), as: UTF8.self))
        case "stdin", "stdout":
            endpoint = .queryStreams
        case "pstdin", "pstdout":
            endpoint = .processStreams
        default:
            endpoint = .file(expandTilde(String(decoding: stripQuotes(target, quote: 0x27, escape: nil), as: UTF8.self)))
        }
        let after = tokens.rest()
        return .success(CopyArguments(beforeToFrom: before, afterToFrom: after, isFrom: isFrom, endpoint: endpoint))
    }

    private static func lowercased(_ token: [UInt8]) -> String {
        String(decoding: token.map(ByteClass.asciiLowercased), as: UTF8.self)
    }

    /// psql's strip_quotes: drops the enclosing quotes, undoubles doubled ones, and removes escapes.
    static func stripQuotes(_ token: [UInt8], quote: UInt8, escape: UInt8?) -> [UInt8] {
        var out: [UInt8] = []
        var i = token.first == quote ? 1 : 0
        while i < token.count {
            let c = token[i]
            if c == quote && i + 1 == token.count { break }
            if (c == quote && token[i + 1] == quote) || (c == escape && i + 1 < token.count) { i += 1 }
            out.append(token[i])
            i += 1
        }
        return out
    }

    /// psql's expand_tilde: `~` and `~/…` become the home directory, `~user/…` that user's.
    static func expandTilde(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let slash = path.firstIndex(of: "/") ?? path.endIndex
        let user = String(path[path.index(after: path.startIndex)..<slash])
        let home: String?
        if user.isEmpty {
            home = getenv("HOME").map { String(cString: $0) } ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_dir) }
        } else {
            home = getpwnam(user).map { String(cString: $0.pointee.pw_dir) }
        }
        guard let home else { return path }
        return home + path[slash...]
    }
}

/// psql's strtokx over one line: whitespace-separated tokens where single delimiter characters are tokens of
/// their own and quoted stretches stay whole (quotes kept). A delimiter or quote that ends a token is not
/// consumed; a whitespace character that ends one is.
struct CopyTokenizer {
    private let text: [UInt8]
    private var position = 0
    private var finished = false
    private static let whitespace: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]

    init(_ text: [UInt8]) { self.text = text }

    mutating func next(delimiters: [UInt8]?, quotes: [UInt8]?, escape: UInt8?, eStrings: Bool) -> [UInt8]? {
        guard !finished else { return nil }
        while position < text.count, Self.whitespace.contains(text[position]) { position += 1 }
        guard position < text.count else {
            finished = true
            return nil
        }
        let start = position
        if let delimiters, delimiters.contains(text[start]) {
            return cut(start, start + 1)
        }
        var p = start
        var quotes = quotes
        var escape = escape
        if eStrings, text[p] == UInt8(ascii: "E") || text[p] == UInt8(ascii: "e"), p + 1 < text.count, text[p + 1] == 0x27 {
            quotes = [0x27]
            escape = 0x5C
            p += 1
        }
        if let quotes, quotes.contains(text[p]) {
            let quote = text[p]
            p += 1
            while p < text.count {
                if text[p] == escape, p + 1 < text.count {
                    p += 1
                } else if text[p] == quote, p + 1 < text.count, text[p + 1] == quote {
                    p += 1
                } else if text[p] == quote {
                    p += 1
                    break
                }
                p += 1
            }
            return cut(start, p)
        }
        while p < text.count {
            let c = text[p]
            if Self.whitespace.contains(c) || delimiters?.contains(c) == true || quotes?.contains(c) == true { break }
            p += 1
        }
        return cut(start, p)
    }

    /// The rest of the line as it stands (psql's `strtokx(NULL, "", …)`), nil when nothing is left.
    mutating func rest() -> [UInt8]? {
        guard !finished, position < text.count else { return nil }
        defer { position = text.count }
        return Array(text[position...])
    }

    private mutating func cut(_ start: Int, _ end: Int) -> [UInt8] {
        position = end < text.count && Self.whitespace.contains(text[end]) ? end + 1 : end
        return Array(text[start..<end])
    }
}
