import Testing
import TidepoolCore

/// `\pset` and its shortcuts against psql 15's own messages.
@Suite("\\pset messages match psql 15")
struct PrintPsetCommandTests {
    static let cases: [(String, String?)] = [
        ("format", "csv"), ("format", "a"), ("format", "foo"), ("format", "w"), ("format", "LaTeX-l"),
        ("format", "latex"), ("format", nil), ("border", "2"), ("border", "abc"), ("border", nil),
        ("null", "(null)"), ("null", nil), ("expanded", nil), ("x", "auto"), ("x", "foo"), ("vertical", "on"),
        ("expanded", "0"), ("footer", "off"), ("footer", nil), ("footer", "foo"), ("t", nil), ("tuples_only", "on"),
        ("numericlocale", "on"), ("numericlocale", nil), ("title", "a b"), ("title", nil), ("C", nil),
        ("fieldsep", ";"), ("fieldsep", nil), ("fieldsep_zero", nil), ("recordsep_zero", nil), ("recordsep", nil),
        ("recordsep", "x"), ("csv_fieldsep", "ab"), ("csv_fieldsep", ";"), ("csv_fieldsep", "\""),
        ("linestyle", "u"), ("linestyle", "x"), ("linestyle", nil), ("unicode_border_linestyle", "d"),
        ("unicode_border_linestyle", "q"), ("unicode_column_linestyle", "double"), ("unicode_header_linestyle", nil),
        ("pager", nil), ("pager", "always"), ("pager", "on"), ("pager", "maybe"), ("pager_min_lines", "3"),
        ("pager_min_lines", "1"), ("columns", "80"), ("columns", "0"), ("tableattr", "x"), ("T", nil), ("foo", nil),
    ]

    @Test func everyOptionLikePsql() {
        for (name, value) in Self.cases {
            var settings = PrintSettings()
            let ours: String
            switch applyPset(name: name, value: value, to: &settings) {
            case .success(let message): ours = message.isEmpty ? "" : message + "\n"
            case .failure(let error): ours = error.message + "\n"
            }
            var command = "\\pset \(name)"
            if let value { command += " '\(value)'" }
            let theirs = psqlBoth(command)
            if name == "format" && value == "foo" {
                // tidepool's list names its json format too.
                #expect(ours == theirs.replacingOccurrences(of: "html, latex", with: "html, json, latex"))
            } else {
                #expect(ours == theirs, "\(command)")
            }
        }
    }

    @Test func listingLikePsql() {
        var settings = PrintSettings()
        for (name, value) in [("title", "it's"), ("null", "a'b"), ("recordsep_zero", nil), ("fieldsep_zero", nil),
                              ("tableattr", "x y"), ("x", "auto"), ("pager", "always"), ("border", "2"),
                              ("csv_fieldsep", ";"), ("linestyle", "unicode")] as [(String, String?)] {
            _ = applyPset(name: name, value: value, to: &settings)
        }
        let theirs = psqlBoth("\\pset title 'it''s'", "\\pset null 'a''b'", "\\pset recordsep_zero", "\\pset fieldsep_zero",
                              "\\pset tableattr 'x y'", "\\pset x auto", "\\pset pager always", "\\pset border 2",
                              "\\pset csv_fieldsep ';'", "\\pset linestyle unicode", "\\pset", quiet: true)
        #expect(psetListing(settings) == theirs)
        #expect(psetListing(PrintSettings()) == psqlBoth("\\pset"))
    }

    @Test func shortcutsLikePsql() throws {
        var s = PrintSettings()
        #expect(try toggleAlignedFormat(&s).get() == "Output format is unaligned.")
        #expect(try toggleAlignedFormat(&s).get() == "Output format is aligned.")
        s.format = .csv
        #expect(try toggleAlignedFormat(&s).get() == "Output format is aligned.")
        #expect(try applyTuplesOnlyCommand(nil, to: &s).get() == "Tuples only is on.")
        #expect(try applyTuplesOnlyCommand("off", to: &s).get() == "")
        #expect(s.tuplesOnly == false)
        #expect(applyTuplesOnlyCommand("foo", to: &s) == .failure(PsetError("unrecognized value \"foo\" for \"tuples_only\": Boolean expected")))
        #expect(try applyExpandedCommand(nil, to: &s).get() == "Expanded display is on.")
        #expect(try applyExpandedCommand("auto", to: &s).get() == "Expanded display is used automatically.")
        #expect(applyExpandedCommand("foo", to: &s) == .failure(PsetError("unrecognized value \"foo\" for \"expanded\"\nAvailable values are: on, off, auto.")))
        #expect(try applyFieldSeparatorCommand(";", to: &s).get() == "Field separator is \";\".")
        #expect(try applyTitleCommand("hello", to: &s).get() == "Title is \"hello\".")
        #expect(try applyTitleCommand(nil, to: &s).get() == "Title is unset.")
        #expect(try applyPset(name: "format", value: "j", to: &s).get() == "Output format is json.")
    }

    /// Runs psql with each command as a `-c` and returns stdout and stderr together.
    func psqlBoth(_ commands: String..., quiet: Bool = false) -> String {
        var args = ["-d", PrintTestServer.database]
        if quiet { args.append("-q") }
        for c in commands { args += ["-c", c] }
        return String(decoding: PrintTestServer.runPsql(args, sql: nil, mergeStderr: true), as: UTF8.self)
    }
}
