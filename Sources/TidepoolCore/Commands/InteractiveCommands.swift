import Glibc

/// \refresh, \s, \e, \ef, \ev: the interactive comforts — completion's catalog, history, the editor.
enum InteractiveCommands {
    static let all: [MetaCommand] = [refresh, history, edit, editFunction, editView]

    static let refresh = MetaCommand(["refresh"], usage: "\\refresh",
                                     help: "reload the names Tab completion offers (in the background)",
                                     group: "General", tidepoolOnly: true) { ctx in
        guard let services = ctx.session.interactiveServices else { return .success }
        let catalog = services.catalog
        if !ctx.session.quiet, let milliseconds = catalog.lastLoadMilliseconds {
            let snapshot = catalog.snapshot
            let columns = snapshot.columns.values.reduce(0) { $0 + $1.count }
            ctx.session.output.write("Completion catalog: \(snapshot.relations.count) relations, \(columns) columns, "
                + "\(snapshot.functions.count) functions; last load took \(TimingLine.fixed3(milliseconds)) ms. Reloading.\n")
            ctx.session.output.flush()
        }
        catalog.refresh()
        return .success
    }

    static let history = MetaCommand(["s"], usage: "\\s [FILE]", help: "display history or save it to file",
                                     group: "Input/Output") { ctx in
        let session = ctx.session
        let entries = session.interactiveServices?.history?.entries ?? []
        let text = entries.map { $0 + "\n" }.joined()
        guard let path = ctx.arguments.next(.normal) else {
            session.output.write(text)
            session.output.flush()
            return .success
        }
        let fd = open(expandHome(path), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return ctx.complain("\(path): \(String(cString: strerror(errno)))") }
        writeAll(fd: fd, text)
        close(fd)
        if !session.quiet {
            session.output.write("Wrote history to file \"\(path)\".\n")
            session.output.flush()
        }
        return .success
    }

    static let edit = MetaCommand(["e", "edit"], usage: "\\e [FILE] [LINE]",
                                  help: "edit the query buffer (or file) with external editor", group: "Query Buffer") { ctx in
        let file = ctx.argument()
        let line = ctx.argument()
        if let line, Int(line) == nil { return ctx.complain("invalid line number: \(line)") }
        let initial: [UInt8]
        if file != nil {
            initial = []
        } else {
            initial = ctx.queryBuffer.isEmpty ? ctx.previousBuffer : ctx.queryBuffer
        }
        switch ExternalEditor.edit(initial, file: file.map(expandHome), line: line.flatMap { Int($0) }) {
        case .failure(let message):
            return ctx.complain(message.message)
        case .success(let edited):
            return .replaceBuffer(edited.text)
        }
    }

    static let editFunction = MetaCommand(["ef"], usage: "\\ef [FUNCNAME [LINE]]",
                                          help: "edit function definition with external editor",
                                          group: "Query Buffer") { ctx in
        editDefinition(&ctx) { name in
            let cast = name.contains("(") ? "regprocedure" : "regproc"
            return "select pg_catalog.pg_get_functiondef(\(SQLString.literal(name))::pg_catalog.\(cast)::pg_catalog.oid)"
        } template: {
            "CREATE FUNCTION ( )\n RETURNS \n LANGUAGE \n -- common options:  IMMUTABLE  STABLE  STRICT  SECURITY DEFINER\nAS $function$\n\n$function$\n"
        }
    }

    static let editView = MetaCommand(["ev"], usage: "\\ev [VIEWNAME [LINE]]",
                                      help: "edit view definition with external editor", group: "Query Buffer") { ctx in
        editDefinition(&ctx) { name in
            """
            select 'CREATE OR REPLACE VIEW ' || pg_catalog.quote_ident(n.nspname) || '.' || \
            pg_catalog.quote_ident(c.relname) || ' AS' || chr(10) || \
            pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid, true), ';') \
            from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace \
            where c.oid = \(SQLString.literal(name))::pg_catalog.regclass
            """
        } template: {
            "CREATE VIEW  AS\n SELECT \n  -- something...\n"
        }
    }

    /// \ef and \ev: fetch the definition through the back door, edit it, and put it in the buffer when changed.
    private static func editDefinition(_ ctx: inout MetaCommandContext, query: (String) -> String,
                                       template: () -> String) -> MetaCommandOutcome {
        let name = ctx.arguments.next(.normal)
        let line = ctx.arguments.next(.normal).flatMap { Int($0) }
        var text = template()
        if let name {
            switch ctx.session.catalogQuery(query(name)) {
            case .failure(let error):
                if !error.message.isEmpty { ctx.session.diagnostics.server(error.formatted) }
                return .failure
            case .success(let rows):
                guard let definition = rows.rows.first?.first ?? nil else { return ctx.complain("no definition for \(name)") }
                text = definition.hasSuffix("\n") ? definition : definition + "\n"
            }
        }
        switch ExternalEditor.edit(Array(text.utf8), file: nil, line: line) {
        case .failure(let message):
            return ctx.complain(message.message)
        case .success(let edited):
            guard edited.changed else {
                ctx.session.output.write("No changes\n")
                ctx.session.output.flush()
                return .success
            }
            return .replaceBuffer(edited.text)
        }
    }

    static func expandHome(_ path: String) -> String {
        if path.hasPrefix("~/"), let home = getenv("HOME") { return String(cString: home) + path.dropFirst() }
        return path
    }
}

/// psql's external editor: `$PSQL_EDITOR`, `$EDITOR`, `$VISUAL`, else vi, run through the shell with the file
/// name quoted, and `$PSQL_EDITOR_LINENUMBER_ARG` (default `+`) before a line number.
enum ExternalEditor {
    struct Edited {
        var text: [UInt8]
        var changed: Bool
    }

    static func command() -> String {
        for name in ["PSQL_EDITOR", "EDITOR", "VISUAL"] {
            if let value = getenv(name), value.pointee != 0 { return String(cString: value) }
        }
        return "vi"
    }

    /// Edits `initial` in a private temporary file, or `file` itself when given; returns the text after.
    static func edit(_ initial: [UInt8], file: String?, line: Int?) -> Result<Edited, MessageError> {
        let path: String
        var temporary: String?
        if let file {
            path = file
        } else {
            var template = Array("/tmp/tidepool.edit.XXXXXX.sql".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
            guard fd >= 0 else { return .failure(MessageError("could not open temporary file: \(String(cString: strerror(errno)))")) }
            path = String(cString: template)
            temporary = path
            var text = initial
            if !text.isEmpty && text.last != 0x0A { text.append(0x0A) }
            text.withUnsafeBytes { writeAll(fd: fd, $0) }
            close(fd)
        }
        defer { if let temporary { unlink(temporary) } }
        let before = read(path)
        var commandLine = command()
        if let line {
            let lineArgument = getenv("PSQL_EDITOR_LINENUMBER_ARG").map { String(cString: $0) } ?? "+"
            commandLine += " \(lineArgument)\(line)"
        }
        commandLine += " '" + path.replacing("'", with: "'\\''") + "'"
        let status = TerminalCommand.run(commandLine)
        guard status == 0 else { return .failure(MessageError("could not start editor \"\(command())\"")) }
        guard let after = read(path) else { return .failure(MessageError("\(path): could not read the edited file")) }
        return .success(Edited(text: after, changed: after != before))
    }

    private static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }
}
