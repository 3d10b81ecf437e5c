/// psql's variables: a string map in which some names mean something (ON_ERROR_STOP, ECHO, FETCH_COUNT, …).
///
/// Values are checked and normalised the way psql's variable hooks do (startup.c, EstablishVariableSpace):
/// a bad value is refused with psql's message and the old value stays; unsetting a special variable sets it
/// back to its default instead of removing it (`\unset ECHO` leaves `ECHO = 'none'`), and an empty value of
/// a boolean means on (`\set ON_ERROR_STOP`). What a value *does* is up to the session (`Session.setVariable`).
public struct Variables: Sendable {
    private(set) var values: [String: String]

    /// A variable space holding psql 15's defaults for its special variables, plus tidepool's AUTO_ROLLBACK.
    public init() {
        values = Self.defaults
    }

    public subscript(name: String) -> String? { values[name] }

    /// What psql 15 lists before anything is set (minus version and connection variables, set elsewhere).
    static let defaults: [String: String] = [
        "AUTOCOMMIT": "on", "COMP_KEYWORD_CASE": "preserve-upper", "ECHO": "none", "ECHO_HIDDEN": "off",
        "FETCH_COUNT": "0", "HIDE_TABLEAM": "off", "HIDE_TOAST_COMPRESSION": "off", "HISTCONTROL": "none",
        "HISTSIZE": "500", "IGNOREEOF": "0", "LAST_ERROR_MESSAGE": "", "LAST_ERROR_SQLSTATE": "00000",
        "ON_ERROR_ROLLBACK": "off", "ON_ERROR_STOP": "off", "QUIET": "off", "SHOW_ALL_RESULTS": "on",
        "SHOW_CONTEXT": "errors", "SINGLELINE": "off", "SINGLESTEP": "off", "VERBOSITY": "default",
        "AUTO_ROLLBACK": "block",
    ]

    /// Names psql treats as booleans: an empty value means on, unsetting means off.
    static let booleanNames: Set<String> = ["ON_ERROR_STOP", "QUIET", "SINGLELINE", "SINGLESTEP", "AUTOCOMMIT",
                                            "SHOW_ALL_RESULTS", "HIDE_TABLEAM", "HIDE_TOAST_COMPRESSION", "PIPELINE"]

    /// Names whose value must be an integer, and what unsetting them leaves.
    static let integerDefaults: [String: String] = ["FETCH_COUNT": "0", "HISTSIZE": "500"]

    /// Names with a fixed set of values (compared case-insensitively, as psql does), the value an unset
    /// leaves, and whether a boolean is accepted too (ECHO_HIDDEN and ON_ERROR_ROLLBACK take on/off).
    static let enumerations: [String: (values: [String], unsetValue: String, acceptsBoolean: Bool)] = [
        "ECHO": (["none", "errors", "queries", "all"], "none", false),
        "ECHO_HIDDEN": (["on", "off", "noexec"], "off", true),
        "ON_ERROR_ROLLBACK": (["on", "off", "interactive"], "off", true),
        "COMP_KEYWORD_CASE": (["lower", "upper", "preserve-lower", "preserve-upper"], "preserve-upper", false),
        "HISTCONTROL": (["none", "ignorespace", "ignoredups", "ignoreboth"], "none", false),
        "VERBOSITY": (["default", "verbose", "terse", "sqlstate"], "default", false),
        "SHOW_CONTEXT": (["never", "errors", "always"], "errors", false),
        // tidepool's own (DESIGN.md, Transactions): unsetting it turns auto-rollback off.
        "AUTO_ROLLBACK": (["block", "statement", "off"], "off", false),
    ]

    /// Sets a variable. Returns psql's complaint (and changes nothing) when the name or the value is not
    /// acceptable.
    @discardableResult
    public mutating func set(_ name: String, _ value: String) -> String? {
        guard Self.isValidName(name) else { return "invalid variable name: \"\(name)\"" }
        switch Self.check(name, value) {
        case .success(let accepted):
            values[name] = accepted
            return nil
        case .failure(let complaint):
            return complaint.message
        }
    }

    /// Unsets a variable; special ones go back to the value psql's substitute hooks give them.
    @discardableResult
    public mutating func unset(_ name: String) -> String? {
        guard Self.isValidName(name) else { return nil }  // psql: deleting what cannot exist is no error
        if Self.booleanNames.contains(name) {
            values[name] = "off"
        } else if let value = Self.integerDefaults[name] {
            values[name] = value
        } else if let rule = Self.enumerations[name] {
            values[name] = rule.unsetValue
        } else if name == "IGNOREEOF" {
            values[name] = "0"
        } else {
            values[name] = nil
        }
        return nil
    }

    /// The value stored for `value`, or psql's complaint.
    static func check(_ name: String, _ value: String) -> Result<String, MessageError> {
        if booleanNames.contains(name) {
            let value = value.isEmpty ? "on" : value
            guard parseBoolean(value) != nil else {
                return .failure(MessageError("unrecognized value \"\(value)\" for \"\(name)\": Boolean expected"))
            }
            return .success(value)
        }
        if integerDefaults[name] != nil {
            guard parseInteger(value) != nil else {
                return .failure(MessageError("invalid value \"\(value)\" for \"\(name)\": integer expected"))
            }
            return .success(value)
        }
        if let rule = enumerations[name] {
            let value = rule.acceptsBoolean && value.isEmpty ? "on" : value
            let known = rule.values.contains { $0.caseInsensitiveEquals(value) }
                || (rule.acceptsBoolean && parseBoolean(value) != nil)
            guard known else {
                return .failure(MessageError(
                    "unrecognized value \"\(value)\" for \"\(name)\"\nAvailable values are: \(rule.values.joined(separator: ", "))."))
            }
            return .success(value)
        }
        if name == "IGNOREEOF" {
            // psql mimics bash: anything that is not a number means 10.
            return .success(parseInteger(value) != nil ? value : "10")
        }
        return .success(value)
    }

    public func bool(_ name: String) -> Bool {
        guard let v = values[name] else { return false }
        return Self.parseBoolean(v) ?? false
    }

    public var sortedNames: [String] { values.keys.sorted() }

    /// psql's valid_variable_name: ASCII letters, digits and underscores, or any non-ASCII byte.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        return name.utf8.allSatisfy { b in
            b >= 0x80 || b == UInt8(ascii: "_") || (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
        }
    }

    /// psql's ParseVariableNum: an optional sign and decimal digits (strtol's leading blanks allowed), the
    /// whole string, within 32 bits.
    public static func parseInteger(_ text: String) -> Int? {
        var digits = Substring(text)
        while let first = digits.first, first == " " || first == "\t" || first == "\n" { digits.removeFirst() }
        guard let value = Int32(digits) else { return nil }
        return Int(value)
    }

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

extension String {
    /// ASCII case-insensitive equality (pg_strcasecmp).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        let a = Array(utf8), b = Array(other.utf8)
        guard a.count == b.count else { return false }
        for i in 0..<a.count {
            let x = a[i] >= 65 && a[i] <= 90 ? a[i] + 32 : a[i]
            let y = b[i] >= 65 && b[i] <= 90 ? b[i] + 32 : b[i]
            if x != y { return false }
        }
        return true
    }
}

extension Session {
    /// `\set`, `-v`, `\gset`: sets a variable and applies what it means for the session (psql's assign hooks).
    @discardableResult
    public func setVariable(_ name: String, _ value: String) -> String? {
        if let complaint = variables.set(name, value) { return complaint }
        applyVariable(name)
        return nil
    }

    /// `\unset`: removes a variable, or puts a special one back to its default.
    @discardableResult
    public func unsetVariable(_ name: String) -> String? {
        if let complaint = variables.unset(name) { return complaint }
        applyVariable(name)
        return nil
    }

    /// The hooks with an effect beyond the stored value.
    private func applyVariable(_ name: String) {
        switch name {
        case "FETCH_COUNT":
            printSettings.fetchCount = max(0, Variables.parseInteger(variables[name] ?? "0") ?? 0)
        default:
            break
        }
    }
}
