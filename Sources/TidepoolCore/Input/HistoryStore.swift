import Glibc

/// The history file: one entry per statement (a multi-line statement stays one entry), kept in our own
/// format (one entry per line, newlines and backslashes escaped), written atomically with mode 0600.
/// Lines that carry passwords never get in.
public final class HistoryStore {
    public let path: String?
    public var limit: Int
    public var control: String  // HISTCONTROL: ignorespace, ignoredups, ignoreboth
    public private(set) var entries: [String] = []

    public init(path: String?, limit: Int = 500, control: String = "") {
        self.path = path
        self.limit = limit
        self.control = control
        if let path { entries = Self.load(path) }
    }

    /// Default location: $TIDEPOOL_HISTORY, else ~/.tidepool_history.
    public static func defaultPath() -> String? {
        if let p = getenv("TIDEPOOL_HISTORY") { return String(cString: p) }
        if let home = getenv("HOME") { return String(cString: home) + "/.tidepool_history" }
        return nil
    }

    /// Adds an entry unless HISTCONTROL or the password rule keeps it out. Returns whether it was added.
    @discardableResult
    public func add(_ entry: String) -> Bool {
        guard !entry.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) else { return false }
        if Self.mayHoldPassword(entry) { return false }
        let ignoreSpace = control == "ignorespace" || control == "ignoreboth"
        let ignoreDups = control == "ignoredups" || control == "ignoreboth"
        if ignoreSpace && entry.first == " " { return false }
        if ignoreDups && entries.last == entry { return false }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return true
    }

    /// `\password`, or a `PASSWORD '…'` literal anywhere in the statement.
    public static func mayHoldPassword(_ entry: String) -> Bool {
        let lower = Array(entry.lowercased().utf8)
        if lower.starts(with: Array("\\password".utf8)) { return true }
        let word = Array("password".utf8)
        var i = 0
        while i + word.count <= lower.count {
            if lower[i..<(i + word.count)].elementsEqual(word) {
                var j = i + word.count
                while j < lower.count, lower[j] == 0x20 || lower[j] == 0x09 || lower[j] == 0x0A { j += 1 }
                if j < lower.count, lower[j] == UInt8(ascii: "'") || lower[j] == UInt8(ascii: "$")
                    || (lower[j] == UInt8(ascii: "e") && j + 1 < lower.count && lower[j + 1] == UInt8(ascii: "'")) {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    /// Writes the file atomically (temporary file, then rename) with mode 0600.
    public func save() {
        guard let path else { return }
        let temporary = path + ".tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        fchmod(fd, 0o600)
        var text = ""
        for entry in entries.suffix(limit) { text += Self.escape(entry) + "\n" }
        writeAll(fd: fd, text)
        fsync(fd)
        close(fd)
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    static func escape(_ entry: String) -> String {
        var out = ""
        for ch in entry {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ line: Substring) -> String {
        var out = ""
        var escaping = false
        for ch in line {
            if escaping {
                out.append(ch == "n" ? "\n" : ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }

    static func load(_ path: String) -> [String] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        let reader = ScriptReader(fileDescriptor: fd, ownsDescriptor: true)
        var entries: [String] = []
        while let line = reader.nextLine() {
            entries.append(unescape(Substring(String(decoding: line, as: UTF8.self))))
        }
        return entries
    }
}
