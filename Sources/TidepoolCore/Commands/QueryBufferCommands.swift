/// \g, \gx, \gdesc, \gset, \gexec, \p, \r, \w: commands that act on the query buffer (psql's command.c).
enum QueryBufferCommands {
    static let all: [MetaCommand] = [go, goExpanded, gdesc, gset, gexec, print, reset, write]

    /// The text \g sends: the buffer, or the previous statement when the buffer is empty (psql).
    static func textToSend(_ ctx: MetaCommandContext) -> [UInt8] {
        ctx.queryBuffer.isEmpty ? ctx.previousBuffer : ctx.queryBuffer
    }

    static let go = MetaCommand(["g"], usage: "\\g [(OPTIONS)] [FILE]",
                                help: "execute query (and send result to file or |pipe); \\g with no arguments is equivalent to a semicolon",
                                group: "Query Buffer") { ctx in
        sendWithOptions(&ctx, expanded: false)
    }

    static let goExpanded = MetaCommand(["gx"], usage: "\\gx [(OPTIONS)] [FILE]",
                                        help: "as \\g, but forces expanded output mode", group: "Query Buffer") { ctx in
        sendWithOptions(&ctx, expanded: true)
    }

    /// psql's exec_command_g: `(name=value …)` print options for this query only, then FILE or |COMMAND.
    private static func sendWithOptions(_ ctx: inout MetaCommandContext, expanded: Bool) -> MetaCommandOutcome {
        var settings = ctx.session.printSettings
        var target = ctx.argument(.filePipe)
        if let first = target, first.hasPrefix("(") {
            var option: String? = String(first.dropFirst())
            var closed = false
            while !closed {
                guard var text = option else {
                    ctx.session.diagnostics.error("\\\(ctx.name): missing right parenthesis")
                    return .failure
                }
                if text.hasSuffix(")") {
                    text.removeLast()
                    closed = true
                }
                if !text.isEmpty {
                    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    let value = parts.count > 1 ? String(parts[1]) : nil
                    if case .failure(let error) = applyPset(name: String(parts[0]), value: value, to: &settings) {
                        ctx.session.diagnostics.error(error.message)
                        return .failure  // the buffer stays, as in psql
                    }
                }
                if !closed { option = ctx.argument() }
            }
            target = ctx.argument(.filePipe)
        }
        if expanded { settings.expanded = .on }
        ctx.warnExtraArguments()
        return send(ctx, settings: settings, to: target)
    }

    /// Runs the buffer through the front door, its results to `target` (a file or |command) if given.
    static func send(_ ctx: MetaCommandContext, settings: PrintSettings?, to target: String?) -> MetaCommandOutcome {
        let sql = textToSend(ctx)
        var output: OutputTarget?
        if let target {
            switch OutputTarget.open(target) {
            case .success(let opened): output = opened
            case .failure(let error):
                ctx.session.diagnostics.error(error.message)
                return .ran(sql, .failed)
            }
        }
        defer { output?.close() }
        guard !sql.isEmpty else { return .success }
        echoQuery(sql, ctx.session)
        return .ran(sql, ctx.session.run(sql, settings: settings, output: output?.stream))
    }

    /// ECHO=queries shows each query before it is sent (psql's SendQuery).
    static func echoQuery(_ sql: [UInt8], _ session: Session) {
        guard session.variables["ECHO"] == "queries" else { return }
        session.output.write(sql)
        session.output.write(byte: 0x0A)
        session.output.flush()
    }

    static let gdesc = MetaCommand(["gdesc"], usage: "\\gdesc",
                                   help: "describe result of query, without executing it", group: "Query Buffer") { ctx in
        ctx.warnExtraArguments()
        // Unlike \g, an empty buffer is still described (psql: "The command has no result…").
        let sql = textToSend(ctx)
        echoQuery(sql, ctx.session)
        return .ran(sql, ctx.session.describeResult(sql))
    }

    static let gset = MetaCommand(["gset"], usage: "\\gset [PREFIX]",
                                  help: "execute query and store result in psql variables", group: "Query Buffer") { ctx in
        let prefix = ctx.argument() ?? ""
        ctx.warnExtraArguments()
        let sql = textToSend(ctx)
        guard !sql.isEmpty else { return .success }
        echoQuery(sql, ctx.session)
        let captured = CapturedResult(session: ctx.session)
        let status = ctx.session.run(sql, capturingWith: captured)
        guard status == .succeeded, captured.hadResultSet else { return .ran(sql, status) }
        guard captured.rows.count == 1 else {
            ctx.session.diagnostics.error(captured.rows.isEmpty ? "no rows returned for \\gset"
                                                                : "more than one row returned for \\gset")
            return .ran(sql, .failed)
        }
        for (column, value) in zip(captured.columns, captured.rows[0]) {
            let name = prefix + column.name
            if Variables.hasHook(name) {
                ctx.session.diagnostics.warning("attempt to \\gset into specially treated variable \"\(name)\" ignored")
                continue
            }
            let complaint = value.map { ctx.session.setVariable(name, $0) } ?? ctx.session.unsetVariable(name)
            if let complaint {
                ctx.session.diagnostics.error(complaint)
                return .ran(sql, .failed)
            }
        }
        return .ran(sql, .succeeded)
    }

    static let gexec = MetaCommand(["gexec"], usage: "\\gexec",
                                   help: "execute query, then execute each value in its result", group: "Query Buffer") { ctx in
        ctx.warnExtraArguments()
        let session = ctx.session
        let sql = textToSend(ctx)
        guard !sql.isEmpty else { return .success }
        echoQuery(sql, session)
        let captured = CapturedResult(session: session)
        let status = session.run(sql, capturingWith: captured)
        guard status == .succeeded else { return .ran(sql, status) }
        var overall = Session.StatementStatus.succeeded
        for row in captured.rows {
            for case let value? in row {
                session.signals.poll()
                if session.signals.terminationSignal != nil { return .ran(sql, .failed) }
                let text = Array(value.utf8)
                if session.variables["ECHO"] == "all" {
                    session.output.write(text)
                    session.output.write(byte: 0x0A)
                    session.output.flush()
                }
                echoQuery(text, session)
                let result = session.run(text)
                if result == .connectionLost { return .ran(sql, result) }
                if result == .failed {
                    overall = .failed
                    if session.onErrorStop { return .ran(sql, .failed) }
                }
            }
        }
        return .ran(sql, overall)
    }

    static let print = MetaCommand(["p", "print"], usage: "\\p", help: "show the contents of the query buffer",
                                   group: "Query Buffer") { ctx in
        ctx.warnExtraArguments()
        let out = ctx.session.output
        if !ctx.queryBuffer.isEmpty {
            out.write(ctx.queryBuffer)
            out.write("\n")
        } else if !ctx.previousBuffer.isEmpty {
            out.write(ctx.previousBuffer)
            out.write("\n")
        } else if !ctx.session.quiet {
            out.write("Query buffer is empty.\n")
        }
        out.flush()
        return .success
    }

    static let reset = MetaCommand(["r", "reset"], usage: "\\r", help: "reset (clear) the query buffer",
                                   group: "Query Buffer") { ctx in
        ctx.warnExtraArguments()
        ctx.say("Query buffer reset (cleared).")
        return .resetBuffer
    }

    static let write = MetaCommand(["w", "write"], usage: "\\w FILE", help: "write query buffer to file",
                                   group: "Query Buffer") { ctx in
        guard let target = ctx.argument(.filePipe, stripSemicolons: true) else {
            return ctx.complain("missing required argument")
        }
        ctx.warnExtraArguments()
        let output: OutputTarget
        switch OutputTarget.open(target) {
        case .success(let opened): output = opened
        case .failure(let error):
            ctx.session.diagnostics.error(error.message)
            return .failure
        }
        let text = textToSend(ctx)
        if !text.isEmpty {
            output.stream.write(text)
            output.stream.write(byte: 0x0A)
        }
        output.close()
        return .success
    }
}

/// Collects the last result set of a query as text, for `\gset` and `\gexec`; errors print as usual and
/// command tags too (a `\gset` of a command that returns no rows reports it as psql does).
final class CapturedResult: QueryResultHandler {
    private let session: Session
    private(set) var columns: [ResultColumn] = []
    private(set) var rows: [[String?]] = []
    private(set) var hadResultSet = false

    init(session: Session) { self.session = session }

    func resultSetBegan(columns: [ResultColumn]) {
        self.columns = columns
        rows = []
        hadResultSet = true
    }

    func row(_ cells: UnsafeBufferPointer<Cell>) {
        rows.append(cells.map { cell in
            cell.isNull ? nil : String(decoding: UnsafeBufferPointer(start: cell.base, count: cell.count), as: UTF8.self)
        })
    }

    func resultSetEnded(rowCount: Int, commandTag: String) {}

    func commandCompleted(commandTag: String) {
        guard !session.quiet else { return }
        session.resultOutput.write(commandTag)
        session.resultOutput.write(byte: 0x0A)
    }

    func serverError(_ error: ServerError) {
        session.diagnostics.server(error.formatted)
    }
}

extension Variables {
    /// Variables whose value psql's hooks check or act on: `\gset` refuses to write them.
    static func hasHook(_ name: String) -> Bool {
        booleanNames.contains(name) || integerDefaults[name] != nil || enumerations[name] != nil
            || ["IGNOREEOF", "PROMPT1", "PROMPT2", "PROMPT3", "HISTFILE"].contains(name)
    }
}

extension Session {
    /// Runs SQL through the front door (transaction rules, result variables, timing) with its results
    /// handed to `handler` instead of being printed.
    func run(_ sql: [UInt8], capturingWith handler: QueryResultHandler) -> StatementStatus {
        let saved = capturingHandler
        capturingHandler = handler
        defer { capturingHandler = saved }
        return run(sql)
    }
}
