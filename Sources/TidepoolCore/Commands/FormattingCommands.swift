/// \pset and its shortcuts \a, \t, \x, \f, \C: psql's formatting commands over the pure functions of
/// Output/PsetCommand.swift. tidepool adds `\pset json_lines on|off` for the json format.
enum FormattingCommands {
    static let all: [MetaCommand] = [pset, aligned, tuplesOnly, expanded, fieldSeparator, title, html, tableAttributes]

    static let pset = MetaCommand(["pset"], usage: "\\pset [NAME [VALUE]]",
                                  help: "set table output option (border|columns|csv_fieldsep|expanded|fieldsep|footer|format|json_lines|linestyle|null|recordsep|title|tuples_only|...)",
                                  group: "Formatting") { ctx in
        let session = ctx.session
        guard let name = ctx.argument() else {
            ctx.warnExtraArguments()
            session.output.write(psetListing(session.printSettings))
            session.output.flush()
            return .success
        }
        let value = ctx.argument()
        let outcome = name == "json_lines" ? setJSONLines(ctx, value)
                                           : apply(ctx) { applyPset(name: name, value: value, to: &$0) }
        ctx.warnExtraArguments()
        return outcome
    }

    static let aligned = MetaCommand(["a"], usage: "\\a", help: "toggle between unaligned and aligned output mode",
                                     group: "Formatting") { ctx in
        // psql warns about extra arguments after the command has run (and said what it did).
        let outcome = apply(ctx) { toggleAlignedFormat(&$0) }
        ctx.warnExtraArguments()
        return outcome
    }

    static let tuplesOnly = MetaCommand(["t"], usage: "\\t [on|off]", help: "show only rows",
                                        group: "Formatting") { ctx in
        let value = ctx.argument()
        // psql warns about extra arguments after the command has run (and said what it did).
        let outcome = apply(ctx) { applyTuplesOnlyCommand(value, to: &$0) }
        ctx.warnExtraArguments()
        return outcome
    }

    static let expanded = MetaCommand(["x"], usage: "\\x [on|off|auto]", help: "toggle expanded output",
                                      group: "Formatting") { ctx in
        let value = ctx.argument()
        // psql warns about extra arguments after the command has run (and said what it did).
        let outcome = apply(ctx) { applyExpandedCommand(value, to: &$0) }
        ctx.warnExtraArguments()
        return outcome
    }

    static let fieldSeparator = MetaCommand(["f"], usage: "\\f [STRING]",
                                            help: "show or set field separator for unaligned query output",
                                            group: "Formatting") { ctx in
        let value = ctx.argument()
        // psql warns about extra arguments after the command has run (and said what it did).
        let outcome = apply(ctx) { applyFieldSeparatorCommand(value, to: &$0) }
        ctx.warnExtraArguments()
        return outcome
    }

    static let title = MetaCommand(["C"], usage: "\\C [STRING]", help: "set table title, or unset if none",
                                   group: "Formatting") { ctx in
        let value = ctx.argument()
        // psql warns about extra arguments after the command has run (and said what it did).
        let outcome = apply(ctx) { applyTitleCommand(value, to: &$0) }
        ctx.warnExtraArguments()
        return outcome
    }

    static let html = MetaCommand(["H", "html"], usage: "\\H", help: "toggle HTML output mode",
                                  group: "Formatting") { ctx in
        let next = ctx.session.printSettings.format == .html ? "aligned" : "html"
        let outcome = apply(ctx) { applyPset(name: "format", value: next, to: &$0) }
        ctx.warnExtraArguments()
        return outcome
    }

    static let tableAttributes = MetaCommand(["T"], usage: "\\T [STRING]",
                                             help: "set HTML <table> tag attributes, or unset if none",
                                             group: "Formatting") { ctx in
        let value = ctx.argument()
        // psql warns about extra arguments after the command has run (and said what it did).
        let outcome = apply(ctx) { applyPset(name: "tableattr", value: value, to: &$0) }
        ctx.warnExtraArguments()
        return outcome
    }

    /// Applies a change to the session's settings; psql prints the confirmation unless QUIET, and the error
    /// (leaving the settings as they were) on stderr.
    private static func apply(_ ctx: MetaCommandContext,
                              _ change: (inout PrintSettings) -> Result<String, PsetError>) -> MetaCommandOutcome {
        var settings = ctx.session.printSettings
        switch change(&settings) {
        case .success(let message):
            ctx.session.printSettings = settings
            ctx.say(message)
            return .success
        case .failure(let error):
            ctx.session.diagnostics.error(error.message)
            return .failure
        }
    }

    /// `\pset json_lines [on|off]` (tidepool): one JSON object per line instead of one array.
    private static func setJSONLines(_ ctx: MetaCommandContext, _ value: String?) -> MetaCommandOutcome {
        let on: Bool
        if let value {
            guard let parsed = Variables.parseBoolean(value) else {
                ctx.session.diagnostics.error("unrecognized value \"\(value)\" for \"json_lines\": Boolean expected")
                return .failure
            }
            on = parsed
        } else {
            on = !ctx.session.printSettings.jsonLines
        }
        ctx.session.printSettings.jsonLines = on
        ctx.say(on ? "JSON lines output is on." : "JSON lines output is off.")
        return .success
    }

    /// `-P NAME=VALUE` on the command line: applied quietly before anything runs; nil or psql's message.
    public static func applyCommandLine(_ assignment: String, to settings: inout PrintSettings) -> String? {
        let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        let value = parts.count > 1 ? String(parts[1]) : nil
        if name == "json_lines" {
            guard let value else { settings.jsonLines.toggle(); return nil }
            guard let on = Variables.parseBoolean(value) else {
                return "unrecognized value \"\(value)\" for \"json_lines\": Boolean expected"
            }
            settings.jsonLines = on
            return nil
        }
        if case .failure(let error) = applyPset(name: name, value: value, to: &settings) { return error.message }
        return nil
    }
}
