/// \x (more of psql's formatting commands arrive with \pset).
enum FormattingCommands {
    static let all: [MetaCommand] = [expanded]

    static let expanded = MetaCommand(["x"], usage: "\\x [on|off|auto]", help: "toggle expanded output",
                                      group: "Formatting") { ctx in
        let session = ctx.session
        let value = ctx.arguments.next(.normal)
        switch value?.lowercased() {
        case nil:
            session.printSettings.expanded = session.printSettings.expanded == .off ? .on : .off
        case "auto":
            session.printSettings.expanded = .auto
        case let text?:
            guard let flag = Variables.parseBoolean(text) else {
                session.diagnostics.error("\\x: unrecognized value \"\(value!)\" for \"expanded\": Boolean expected")
                return .failure
            }
            session.printSettings.expanded = flag ? .on : .off
        }
        if !session.quiet {
            switch session.printSettings.expanded {
            case .on: session.output.write("Expanded display is on.\n")
            case .off: session.output.write("Expanded display is off.\n")
            case .auto: session.output.write("Expanded display is used automatically.\n")
            }
            session.output.flush()
        }
        return .success
    }
}
