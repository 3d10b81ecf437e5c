import CEditLine
import Glibc

/// The prompt at a terminal: banner, line editor with history and completion, the main loop, and a clean
/// goodbye. The catalog snapshot for completion starts loading in the background before the first prompt.
public final class InteractiveShell {
    private let session: Session

    public init(session: Session) {
        self.session = session
    }

    public func run() -> Int32 {
        // The launcher normally starts the services (and the catalog load) before the start-up file runs.
        let services: InteractiveServices
        if let existing = session.interactiveServices {
            services = existing
        } else {
            services = InteractiveServices(session: session)
            session.interactiveServices = services
            services.catalog.refresh()
        }

        let history = HistoryStore(path: HistorySettings.path(session.variables),
                                   limit: HistorySettings.limit(session.variables),
                                   control: session.variables["HISTCONTROL"] ?? "")
        services.history = history
        guard let editor = LineEditor(signals: session.signals, history: history) else {
            if let why = tp_editline_load_error() {
                session.diagnostics.error("could not load libedit for the prompt: \(String(cString: why))")
            } else {
                session.diagnostics.error("could not initialise the line editor")
            }
            return 1
        }
        if !session.quiet {
            let server = session.connection.parameter("server_version") ?? "unknown"
            session.output.write("tidepool \(TidepoolVersion.string) (server \(server))\n")
            session.output.write("Type \"\\?\" for help, \"\\q\" to quit.\n\n")
            session.output.flush()
        }
        editor.idle = session.idle
        let source = TerminalLineSource(editor: editor, session: session)
        let loop = MainLoop(session: session, source: source, inputName: nil)
        editor.completer = { [weak loop, session] before, after in
            let pending = loop?.pendingInput ?? ""
            return Completion.complete(before: pending.isEmpty ? before : pending + "\n" + before, after: after,
                                       sources: services.completionSources(variables: session.variables))
        }
        let status = loop.run()
        if !loop.quitRequested && session.signals.terminationSignal == nil && !session.quiet {
            // Ctrl-D: say what happened, as psql does.
            session.output.write("\\q\n")
            session.output.flush()
        }
        history.save()
        services.catalog.stop(waitingAtMost: .seconds(2))
        return status.rawValue
    }
}

/// The line editor as the main loop's source, keeping what psql re-reads at every line in step: HISTSIZE and
/// HISTCONTROL for history, and the terminal width (after SIGWINCH) for `\x auto` and the wrapped format.
final class TerminalLineSource: LineSource {
    private let editor: LineEditor
    private unowned let session: Session

    init(editor: LineEditor, session: Session) {
        self.editor = editor
        self.session = session
    }

    func readLine(prompt: () -> String) -> LineRead {
        session.printSettings.terminalWidth = Pager.terminalSize()?.columns
        let read = editor.readLine(prompt: prompt)
        session.printSettings.terminalWidth = Pager.terminalSize()?.columns
        return read
    }

    var lineNumber: Int { editor.lineNumber }

    func remember(_ entry: String) {
        editor.history.control = session.variables["HISTCONTROL"] ?? ""
        let limit = HistorySettings.limit(session.variables)
        if limit != editor.history.limit { editor.setHistoryLimit(limit) }
        editor.remember(entry)
    }
}

/// psql's history variables: HISTFILE (with `~` expanded), HISTSIZE (default 500).
enum HistorySettings {
    static func path(_ variables: Variables) -> String? {
        guard let file = variables["HISTFILE"], !file.isEmpty else { return HistoryStore.defaultPath() }
        if file.hasPrefix("~/"), let home = getenv("HOME") { return String(cString: home) + file.dropFirst() }
        return file
    }

    static func limit(_ variables: Variables) -> Int {
        variables["HISTSIZE"].flatMap { Int($0) } ?? 500
    }
}

/// What the interactive shell lends the session: the catalog snapshot for completion, the history, the pager
/// and colour. The front door (paging, refresh after DDL) and meta-commands (`\refresh`, `\s`) reach them
/// through `Session.interactiveServices`; a script has none.
public final class InteractiveServices {
    public let catalog: CatalogSnapshotLoader
    public var history: HistoryStore?
    public var colour: Colour
    /// The stream that goes to the terminal; results sent elsewhere (`\o`, `\g file`) are never paged.
    private let terminalOutput: OutputStream
    private unowned let session: Session
    /// Set while `\watch` or another live display runs: no pager, no buffering.
    public var pagingSuspended = false

    public init(session: Session) {
        self.session = session
        self.catalog = CatalogSnapshotLoader(pool: session.pool)
        self.colour = Colour(enabled: Colour.allowed(fd: 1))
        self.terminalOutput = session.output
    }

    func completionSources(variables: Variables) -> CompletionSources {
        catalog.waitForFirstLoad(timeout: .milliseconds(40))
        var names: [String] = []
        for command in MetaCommandRegistry.standard.commands { names += command.names }
        for extra in ["d", "dt", "dv", "di", "ds", "df", "dn", "dT", "du", "l", "c", "connect", "i", "ir", "o", "e",
                      "ef", "ev", "s", "refresh"] where !names.contains(extra) {
            names.append(extra)
        }
        return CompletionSources(snapshot: catalog.snapshot, variableNames: variables.sortedNames,
                                 metaCommandNames: names.sorted(),
                                 keywordCase: variables["COMP_KEYWORD_CASE"] ?? "preserve-upper")
    }

    /// Where a result headed for `out` prints: a memory buffer when it may need the pager or colour, so the
    /// decision can be made on the whole text. nil: print straight to `out`.
    public func resultStream(for out: OutputStream) -> OutputStream? {
        guard out === terminalOutput, !pagingSuspended else { return nil }
        guard colour.enabled || (session.printSettings.pager != .off && Pager.command() != nil) else { return nil }
        let buffer = OutputStream.memory()
        // Past a screenful's worth of bytes the decision is made on what came so far and the rest streams,
        // so a huge result at the prompt never sits in memory whole.
        buffer.spill(after: Self.spillBytes) { [unowned self] collected in self.spill(collected, to: out) }
        return buffer
    }

    /// Bytes held back before deciding pager-or-terminal; far more than any screen shows.
    static let spillBytes = 1 << 20

    /// The pager a spilled result is streaming into, if any.
    private var streamingPager: (pid: pid_t, fd: Int32, previousSIGPIPE: sighandler_t?)?

    private func spill(_ collected: [UInt8], to out: OutputStream) -> (fd: Int32, bytes: [UInt8])? {
        let settings = session.printSettings
        out.flush()
        if let command = Pager.command(), let size = Pager.terminalSize(),
           Pager.shouldPage(collected, setting: settings.pager, minLines: settings.pagerMinLines,
                            rows: size.rows, columns: size.columns),
           let pager = Pager.start(command: command) {
            streamingPager = pager
            return (pager.fd, collected)
        }
        return (out.fileDescriptor ?? 1, colour.result(collected, settings: settings))
    }

    /// Shows a buffered result: through the pager when it is taller or wider than the terminal, else on `out`
    /// (in colour when allowed).
    public func finishResult(_ buffer: OutputStream, settings: PrintSettings, to out: OutputStream) {
        buffer.flush()
        if buffer.spilled {
            if let pager = streamingPager {
                streamingPager = nil
                Pager.finish(pager)
                session.signals.poll()
                _ = session.signals.takeInterrupts()
            }
            return
        }
        let text = buffer.memoryContents
        guard !text.isEmpty else { return }
        if let command = Pager.command(), let size = Pager.terminalSize(),
           Pager.shouldPage(text, setting: settings.pager, minLines: settings.pagerMinLines,
                            rows: size.rows, columns: size.columns) {
            out.flush()
            if Pager.show(text, command: command) {
                // Ctrl-C inside the pager belongs to the pager.
                session.signals.poll()
                _ = session.signals.takeInterrupts()
                return
            }
        }
        out.write(colour.result(text, settings: settings))
        out.flush()
    }

    /// After a statement the shell ran: DDL (or the end of a block that may hold some) refreshes the catalog.
    public func statementFinished(commandTag: String?) {
        guard let tag = commandTag else { return }
        if SchemaChange.mayChangeCatalog(commandTag: tag) { catalog.refresh() }
    }
}

/// Command tags after which completion's names may be out of date.
public enum SchemaChange {
    public static func mayChangeCatalog(commandTag: String) -> Bool {
        let word = commandTag.split(separator: " ").first.map(String.init) ?? ""
        return ["CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "COMMIT", "ROLLBACK", "IMPORT"].contains(word)
    }
}
