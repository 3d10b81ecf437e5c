/// psql's variables: a string map with a few names that mean something (ON_ERROR_STOP, QUIET, …).
/// Values are validated and normalised as psql's hooks do, so `\set ON_ERROR_STOP` alone means on.
public struct Variables: Sendable {
    private(set) var values: [String: String] = [:]

    public init() {}

    public subscript(name: String) -> String? { values[name] }

    /// Names psql treats as booleans: an empty value means on, unsetting means off.
    static let booleanNames: Set<String> = ["ON_ERROR_STOP", "QUIET", "SINGLELINE", "SINGLESTEP", "AUTOCOMMIT",
                                            "SHOW_ALL_RESULTS", "HIDE_TABLEAM", "HIDE_TOAST_COMPRESSION", "PIPELINE"]

    /// Sets a variable. Returns psql's complaint when the value is not acceptable for a special variable.
    @discardableResult
    public mutating func set(_ name: String, _ value: String) -> String? {
        var value = value
        if Self.booleanNames.contains(name) {
            if value.isEmpty { value = "on" }
            guard Self.parseBoolean(value) != nil else {
                return "unrecognized value \"\(value)\" for \"\(name)\": Boolean expected"
            }
        }
        values[name] = value
        return nil
    }

    public mutating func unset(_ name: String) {
        if Self.booleanNames.contains(name) && name != "AUTOCOMMIT" && name != "SHOW_ALL_RESULTS" {
            values[name] = "off"
        } else {
            values[name] = nil
        }
    }

    public func bool(_ name: String) -> Bool {
        guard let v = values[name] else { return false }
        return Self.parseBoolean(v) ?? false
    }

    public var sortedNames: [String] { values.keys.sorted() }

    /// psql's ParseVariableBool: case-insensitive unique prefixes of true/false/yes/no, on/off (two letters at
    /// least), 1/0.
    public static func parseBoolean(_ text: String) -> Bool? {
        let v = text.lowercased()
        guard !v.isEmpty else { return nil }
        if "true".hasPrefix(v) || "yes".hasPrefix(v) { return true }
        if "false".hasPrefix(v) || "no".hasPrefix(v) { return false }
        if v.count >= 2 && "on".hasPrefix(v) { return true }
        if v.count >= 2 && "off".hasPrefix(v) { return false }
        if v == "1" { return true }
        if v == "0" { return false }
        return nil
    }
}
