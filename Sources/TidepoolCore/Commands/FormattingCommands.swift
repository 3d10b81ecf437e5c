/// \pset and its shortcuts \a, \t, \x, \f, \C, \H, \T: psql's formatting commands over the pure functions of
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
        guard name == "json_lines" else { return apply(&ctx) { applyPset(name: name, value: value, to: &$0) } }
        let outcome = setJSONLines(ctx, value)
        ctx.warnExtraArguments()
        return outcome
    }

    static let aligned = MetaCommand(["a"], usage: "\\a", help: "toggle between unaligned and aligned output mode",
                                     group: "Formatting") { ctx in
        apply(&ctx) { toggleAlignedFormat(&$0) }
    }

    static let html = MetaCommand(["H", "html"], usage: "\\H", help: "toggle HTML output mode",
                                  group: "Formatting") { ctx in
        let next = ctx.session.printSettings.format == .html ? "aligned" : "html"
        return apply(&ctx) { applyPset(name: "format", value: next, to: &$0) }
    }

    static let tuplesOnly = shortcut(["t"], usage: "\\t [on|off]", help: "show only rows", for: "tuples_only")
    static let expanded = shortcut(["x"], usage: "\\x [on|off|auto]", help: "toggle expanded output", for: "expanded")
    static let fieldSeparator = shortcut(["f"], usage: "\\f [STRING]",
                                         help: "show or set field separator for unaligned query output", for: "fieldsep")
    static let title = shortcut(["C"], usage: "\\C [STRING]", help: "set table title, or unset if none", for: "title")
    static let tableAttributes = shortcut(["T"], usage: "\\T [STRING]",
                                          help: "set HTML <table> tag attributes, or unset if none", for: "tableattr")

    /// A command that is `\pset OPTION [VALUE]` under another name (psql's \t, \x, \f, \C, \T).
    private static func shortcut(_ names: [String], usage: String, help: String, for option: String) -> MetaCommand {
        MetaCommand(names, usage: usage, help: help, group: "Formatting") { ctx in
            let value = ctx.argument()
            return apply(&ctx) { applyPset(name: option, value: value, to: &$0) }
        }
    }

    /// Applies a change to the session's settings; psql prints the confirmation unless QUIET, and the error
    /// (leaving the settings as they were) on stderr, then warns about the arguments the command did not use.
    private static func apply(_ ctx: inout MetaCommandContext,
                              _ change: (inout PrintSettings) -> Result<String, PsetError>) -> MetaCommandOutcome {
        var settings = ctx.session.printSettings
        let outcome: MetaCommandOutcome
        switch change(&settings) {
        case .success(let message):
            ctx.session.printSettings = settings
            ctx.say(message)
            outcome = .success
        case .failure(let error):
            ctx.session.diagnostics.error(error.message)
            outcome = .failure
        }
        ctx.warnExtraArguments()
        return outcome
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
