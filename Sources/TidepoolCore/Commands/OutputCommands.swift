import CLibPQ

/// \o, \echo, \qecho, \warn, \encoding, \errverbose: where output goes and what psql writes itself.
enum OutputCommands {
    static let all: [MetaCommand] = [out, echo, qecho, warn, encoding, errverbose]

    static let out = MetaCommand(["o", "out"], usage: "\\o [FILE]",
                                 help: "send all query results to file or |pipe", group: "Input/Output") { ctx in
        let target = ctx.argument(.filePipe, stripSemicolons: true)
        ctx.warnExtraArguments()
        let session = ctx.session
        // psql closes the old target first, even when the new one cannot be opened (results then go to stdout).
        session.queryOutput?.close()
        session.queryOutput = nil
        guard let target, !target.isEmpty else { return .success }
        switch OutputTarget.open(target) {
        case .success(let opened):
            session.output.flush()
            session.queryOutput = opened
            return .success
        case .failure(let error):
            session.diagnostics.error(error.message)
            return .failure
        }
    }

    static let echo = MetaCommand(["echo"], usage: "\\echo [-n] [STRING]", help: "write string to standard output (-n for no newline)",
                                  group: "Input/Output") { ctx in
        let text = echoText(&ctx)
        ctx.session.output.write(text)
        ctx.session.output.flush()
        return .success
    }

    static let qecho = MetaCommand(["qecho"], usage: "\\qecho [-n] [STRING]",
                                   help: "write string to \\o output stream (-n for no newline)", group: "Input/Output") { ctx in
        let text = echoText(&ctx)
        let stream = ctx.session.resultOutput
        stream.write(text)
        stream.flush()
        return .success
    }

    static let warn = MetaCommand(["warn"], usage: "\\warn [-n] [STRING]",
                                  help: "write string to standard error (-n for no newline)", group: "Input/Output") { ctx in
        ctx.session.diagnostics.plain(echoText(&ctx))
        return .success
    }

    /// psql's \echo: arguments joined by one space; an unquoted `-n` first suppresses the newline.
    static func echoText(_ ctx: inout MetaCommandContext) -> String {
        var text = ""
        var newline = true
        var first = true
        while let word = ctx.evaluatedArgument() {
            if first && newline && word.quote == nil && word.text == "-n" {
                newline = false
                continue
            }
            if !first { text += " " }
            text += word.text
            first = false
        }
        return newline ? text + "\n" : text
    }

    static let encoding = MetaCommand(["encoding"], usage: "\\encoding [ENCODING]",
                                      help: "show or set client encoding", group: "Input/Output") { ctx in
        let session = ctx.session
        guard let name = ctx.argument() else {
            ctx.warnExtraArguments()
            session.output.write((session.connection.parameter("client_encoding") ?? "SQL_ASCII") + "\n")
            session.output.flush()
            return .success
        }
        ctx.warnExtraArguments()
        // PQsetClientEncoding runs SET client_encoding and waits; the server then reports the new value.
        guard PQsetClientEncoding(session.connection.pg, name) == 0 else {
            session.diagnostics.error("\(name): invalid encoding name or conversion procedure not found")
            return .failure
        }
        if let value = session.connection.parameter("client_encoding") { session.variables.set("ENCODING", value) }
        return .success
    }

    static let errverbose = MetaCommand(["errverbose"], usage: "\\errverbose",
                                        help: "show most recent error message at maximum verbosity",
                                        group: "General") { ctx in
        ctx.warnExtraArguments()
        guard let error = ctx.session.lastError else {
            ctx.session.output.write("There is no previous error.\n")
            ctx.session.output.flush()
            return .success
        }
        var text = error.verboseFormatted ?? error.formatted
        while text.hasSuffix("\n") { text.removeLast() }
        ctx.session.diagnostics.error(text)
        return .success
    }
}
