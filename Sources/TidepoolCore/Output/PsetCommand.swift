/// `\pset` and the shortcuts built on it (`\a`, `\t`, `\x`, `\f`, `\C`), as psql 15 handles them
/// (command.c, do_pset and printPsetInfo). Pure functions: they change a `PrintSettings` and return the
/// line psql prints to stdout, or psql's error text (which psql prints to stderr).
///
/// Messages carry no trailing newline. An empty message means psql prints nothing: psql 15 says nothing
/// after setting `footer`, `tuples_only`/`t` or `numericlocale` to an explicit value (it returns before
/// its confirmation), and tidepool keeps that. tidepool adds the `json` format.
public struct PsetError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `\pset NAME [VALUE]`: applies the option and returns psql's confirmation.
public func applyPset(name: String, value: String?, to settings: inout PrintSettings) -> Result<String, PsetError> {
    switch name {
    case "format":
        if let value {
            let formats: [PrintSettings.Format] = [.aligned, .asciidoc, .csv, .html, .json, .latex, .troffMs,
                                                   .unaligned, .wrapped]
            var match: PrintSettings.Format?
            for format in formats where hasPrefixIgnoringCase(format.rawValue, value) {
                if let first = match {
                    return .failure(PsetError(
                        "\\pset: ambiguous abbreviation \"\(value)\" matches both \"\(first.rawValue)\" and \"\(format.rawValue)\""))
                }
                match = format
            }
            if let match {
                settings.format = match
            } else if hasPrefixIgnoringCase("latex-longtable", value) {
                // Not in the table above, or "latex" would be ambiguous.
                settings.format = .latexLongtable
            } else {
                return .failure(PsetError(
                    "\\pset: allowed formats are aligned, asciidoc, csv, html, json, latex, latex-longtable, troff-ms, unaligned, wrapped"))
            }
        }
    case "linestyle":
        if let value {
            if hasPrefixIgnoringCase("ascii", value) {
                settings.lineStyle = .ascii
            } else if hasPrefixIgnoringCase("old-ascii", value) {
                settings.lineStyle = .oldAscii
            } else if hasPrefixIgnoringCase("unicode", value) {
                settings.lineStyle = .unicode
            } else {
                return .failure(PsetError("\\pset: allowed line styles are ascii, old-ascii, unicode"))
            }
        }
    case "unicode_border_linestyle", "unicode_column_linestyle", "unicode_header_linestyle":
        if let value {
            let style: PrintSettings.UnicodeLineStyle
            if hasPrefixIgnoringCase("single", value) {
                style = .single
            } else if hasPrefixIgnoringCase("double", value) {
                style = .double
            } else {
                let which = name == "unicode_border_linestyle" ? "border"
                    : (name == "unicode_column_linestyle" ? "column" : "header")
                return .failure(PsetError("\\pset: allowed Unicode \(which) line styles are single, double"))
            }
            switch name {
            case "unicode_border_linestyle": settings.unicodeBorderLineStyle = style
            case "unicode_column_linestyle": settings.unicodeColumnLineStyle = style
            default: settings.unicodeHeaderLineStyle = style
            }
        }
    case "border":
        if let value { settings.border = atoi(value) }
    case "x", "expanded", "vertical":
        if let value, value.lowercased() == "auto" {
            settings.expanded = .auto
        } else if let value {
            guard let on = parseBool(value) else {
                return .failure(PsetError("unrecognized value \"\(value)\" for \"\(name)\"\nAvailable values are: on, off, auto."))
            }
            settings.expanded = on ? .on : .off
        } else {
            settings.expanded = settings.expanded == .off ? .on : .off
        }
    case "csv_fieldsep":
        if let value {
            guard value.utf8.count == 1 else {
                return .failure(PsetError("\\pset: csv_fieldsep must be a single one-byte character"))
            }
            if value == "\"" || value == "\n" || value == "\r" {
                return .failure(PsetError("\\pset: csv_fieldsep cannot be a double quote, a newline, or a carriage return"))
            }
            settings.csvFieldSeparator = value
        }
    case "numericlocale":
        if let value { return setBool(value, name: name, &settings.numericLocale) }
        settings.numericLocale.toggle()
    case "null":
        if let value { settings.nullDisplay = value }
    case "fieldsep":
        if let value {
            settings.fieldSeparator = value
            settings.fieldSeparatorZero = false
        }
    case "fieldsep_zero":
        settings.fieldSeparator = ""
        settings.fieldSeparatorZero = true
    case "recordsep":
        if let value {
            settings.recordSeparator = value
            settings.recordSeparatorZero = false
        }
    case "recordsep_zero":
        settings.recordSeparator = ""
        settings.recordSeparatorZero = true
    case "t", "tuples_only":
        if let value { return setBool(value, name: name, &settings.tuplesOnly) }
        settings.tuplesOnly.toggle()
    case "C", "title":
        settings.title = value
    case "T", "tableattr":
        settings.tableAttr = value
    case "pager":
        if let value, value.lowercased() == "always" {
            settings.pager = .always
        } else if let value {
            guard let on = parseBool(value) else {
                return .failure(PsetError("unrecognized value \"\(value)\" for \"\(name)\"\nAvailable values are: on, off, always."))
            }
            settings.pager = on ? .on : .off
        } else {
            settings.pager = settings.pager == .on ? .off : .on
        }
    case "pager_min_lines":
        if let value { settings.pagerMinLines = atoi(value) }
    case "footer":
        if let value { return setBool(value, name: name, &settings.footer) }
        settings.footer.toggle()
    case "columns":
        if let value { settings.columns = atoi(value) }
    default:
        return .failure(PsetError("\\pset: unknown option: \(name)"))
    }
    return .success(psetInfo(name: name, settings))
}

/// `\pset` with no argument: every option and its value, one per line (each line ends with a newline).
public func psetListing(_ settings: PrintSettings) -> String {
    let names = ["border", "columns", "csv_fieldsep", "expanded", "fieldsep", "fieldsep_zero", "footer", "format",
                 "linestyle", "null", "numericlocale", "pager", "pager_min_lines", "recordsep", "recordsep_zero",
                 "tableattr", "title", "tuples_only", "unicode_border_linestyle", "unicode_column_linestyle",
                 "unicode_header_linestyle"]
    var text = ""
    for name in names {
        text += name + String(repeating: " ", count: max(0, 24 - name.utf8.count)) + " " + psetValue(name, settings) + "\n"
    }
    return text
}

/// `\a`: aligned becomes unaligned, any other format becomes aligned.
public func toggleAlignedFormat(_ settings: inout PrintSettings) -> Result<String, PsetError> {
    applyPset(name: "format", value: settings.format == .aligned ? "unaligned" : "aligned", to: &settings)
}

/// `\t [on|off]`.
public func applyTuplesOnlyCommand(_ value: String?, to settings: inout PrintSettings) -> Result<String, PsetError> {
    applyPset(name: "tuples_only", value: value, to: &settings)
}

/// `\x [on|off|auto]`.
public func applyExpandedCommand(_ value: String?, to settings: inout PrintSettings) -> Result<String, PsetError> {
    applyPset(name: "expanded", value: value, to: &settings)
}

/// `\f [SEPARATOR]`.
public func applyFieldSeparatorCommand(_ value: String?, to settings: inout PrintSettings) -> Result<String, PsetError> {
    applyPset(name: "fieldsep", value: value, to: &settings)
}

/// `\C [TITLE]`.
public func applyTitleCommand(_ value: String?, to settings: inout PrintSettings) -> Result<String, PsetError> {
    applyPset(name: "title", value: value, to: &settings)
}

// MARK: - psql's helpers

/// printPsetInfo: the confirmation line for one option.
private func psetInfo(name: String, _ s: PrintSettings) -> String {
    switch name {
    case "border": return "Border style is \(s.border)."
    case "columns": return s.columns == 0 ? "Target width is unset." : "Target width is \(s.columns)."
    case "x", "expanded", "vertical":
        switch s.expanded {
        case .on: return "Expanded display is on."
        case .auto: return "Expanded display is used automatically."
        case .off: return "Expanded display is off."
        }
    case "csv_fieldsep": return "Field separator for CSV is \"\(s.csvFieldSeparator)\"."
    case "fieldsep":
        return s.fieldSeparatorZero ? "Field separator is zero byte." : "Field separator is \"\(s.fieldSeparator)\"."
    case "fieldsep_zero": return "Field separator is zero byte."
    case "footer": return s.footer ? "Default footer is on." : "Default footer is off."
    case "format": return "Output format is \(s.format.rawValue)."
    case "linestyle": return "Line style is \(s.lineStyle.rawValue)."
    case "null": return "Null display is \"\(s.nullDisplay)\"."
    case "numericlocale":
        return s.numericLocale ? "Locale-adjusted numeric output is on." : "Locale-adjusted numeric output is off."
    case "pager":
        switch s.pager {
        case .on: return "Pager is used for long output."
        case .always: return "Pager is always used."
        case .off: return "Pager usage is off."
        }
    case "pager_min_lines":
        return "Pager won't be used for less than \(s.pagerMinLines) line\(s.pagerMinLines == 1 ? "" : "s")."
    case "recordsep":
        if s.recordSeparatorZero { return "Record separator is zero byte." }
        if s.recordSeparator == "\n" { return "Record separator is <newline>." }
        return "Record separator is \"\(s.recordSeparator)\"."
    case "recordsep_zero": return "Record separator is zero byte."
    case "T", "tableattr":
        if let attr = s.tableAttr { return "Table attributes are \"\(attr)\"." }
        return "Table attributes unset."
    case "C", "title":
        if let title = s.title { return "Title is \"\(title)\"." }
        return "Title is unset."
    case "t", "tuples_only": return s.tuplesOnly ? "Tuples only is on." : "Tuples only is off."
    case "unicode_border_linestyle": return "Unicode border line style is \"\(s.unicodeBorderLineStyle.rawValue)\"."
    case "unicode_column_linestyle": return "Unicode column line style is \"\(s.unicodeColumnLineStyle.rawValue)\"."
    case "unicode_header_linestyle": return "Unicode header line style is \"\(s.unicodeHeaderLineStyle.rawValue)\"."
    default: return ""
    }
}

/// pset_value_string: the value column of the `\pset` listing.
private func psetValue(_ name: String, _ s: PrintSettings) -> String {
    func onOff(_ b: Bool) -> String { b ? "on" : "off" }
    switch name {
    case "border": return String(s.border)
    case "columns": return String(s.columns)
    case "csv_fieldsep": return quoted(s.csvFieldSeparator)
    case "expanded": return s.expanded == .auto ? "auto" : onOff(s.expanded == .on)
    case "fieldsep": return quoted(s.fieldSeparatorZero ? "" : s.fieldSeparator)
    case "fieldsep_zero": return onOff(s.fieldSeparatorZero)
    case "footer": return onOff(s.footer)
    case "format": return s.format.rawValue
    case "linestyle": return s.lineStyle.rawValue
    case "null": return quoted(s.nullDisplay)
    case "numericlocale": return onOff(s.numericLocale)
    case "pager": return String(s.pager.rawValue)
    case "pager_min_lines": return String(s.pagerMinLines)
    case "recordsep": return quoted(s.recordSeparatorZero ? "" : s.recordSeparator)
    case "recordsep_zero": return onOff(s.recordSeparatorZero)
    case "tableattr": return s.tableAttr.map(quoted) ?? ""
    case "title": return s.title.map(quoted) ?? ""
    case "tuples_only": return onOff(s.tuplesOnly)
    case "unicode_border_linestyle": return s.unicodeBorderLineStyle.rawValue
    case "unicode_column_linestyle": return s.unicodeColumnLineStyle.rawValue
    case "unicode_header_linestyle": return s.unicodeHeaderLineStyle.rawValue
    default: return "ERROR"
    }
}

/// pset_quoted_string: single quotes, with newline as `\n` and quote as `\'`.
private func quoted(_ s: String) -> String {
    var r = "'"
    for ch in s.unicodeScalars {
        switch ch {
        case "\n": r += "\\n"
        case "'": r += "\\'"
        default: r.unicodeScalars.append(ch)
        }
    }
    return r + "'"
}

private func setBool(_ value: String, name: String, _ target: inout Bool) -> Result<String, PsetError> {
    guard let b = parseBool(value) else {
        return .failure(PsetError("unrecognized value \"\(value)\" for \"\(name)\": Boolean expected"))
    }
    target = b
    return .success("")
}

/// psql's ParseVariableBool: prefixes of true/false/yes/no, on, of(f), 1, 0; case-insensitive.
func parseBool(_ value: String) -> Bool? {
    let v = value.lowercased()
    let n = v.utf8.count
    if n > 0 && "true".hasPrefix(v) { return true }
    if n > 0 && "false".hasPrefix(v) { return false }
    if n > 0 && "yes".hasPrefix(v) { return true }
    if n > 0 && "no".hasPrefix(v) { return false }
    if v == "on" { return true }
    if v == "of" || v == "off" { return false }
    if v == "1" { return true }
    if v == "0" { return false }
    return nil
}

/// pg_strncasecmp(name, value, strlen(value)) == 0: `value` is a case-insensitive prefix of `name`.
private func hasPrefixIgnoringCase(_ name: String, _ value: String) -> Bool {
    let n = Array(name.utf8), v = Array(value.utf8)
    guard v.count <= n.count else { return false }
    for i in 0..<v.count where lowerASCII(n[i]) != lowerASCII(v[i]) { return false }
    return true
}

private func lowerASCII(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b + 32 : b }

/// C's atoi: optional blanks and sign, then digits; anything else ends it; no digits gives 0.
private func atoi(_ s: String) -> Int {
    var it = s.utf8.makeIterator()
    var c = it.next()
    while let b = c, b == 0x20 || (b >= 0x09 && b <= 0x0D) { c = it.next() }
    var negative = false
    if let b = c, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
        negative = b == UInt8(ascii: "-")
        c = it.next()
    }
    var n = 0
    while let b = c, b >= 0x30 && b <= 0x39 {
        n = n &* 10 &+ Int(b - 0x30)
        c = it.next()
    }
    return Int(Int32(truncatingIfNeeded: negative ? -n : n))
}
