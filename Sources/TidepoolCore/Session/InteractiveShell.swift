/// The prompt at a terminal: banner, line editor with history, the main loop, and a clean goodbye.
public final class InteractiveShell {
    private let session: Session

    public init(session: Session) {
        self.session = session
    }

    public func run() -> Int32 {
        let history = HistoryStore(path: session.variables["HISTFILE"] ?? HistoryStore.defaultPath())
        guard let editor = LineEditor(signals: session.signals, history: history) else {
            session.diagnostics.error("could not initialise the line editor")
            return 1
        }
        if !session.quiet {
            let server = session.connection.parameter("server_version") ?? "unknown"
            session.output.write("tidepool \(TidepoolVersion.string) (server \(server))\n")
            session.output.write("Type \"\\?\" for help, \"\\q\" to quit.\n\n")
            session.output.flush()
        }
        editor.idle = session.idle
        let loop = MainLoop(session: session, source: editor, inputName: nil)
        let status = loop.run()
        if !loop.quitRequested && session.signals.terminationSignal == nil && !session.quiet {
            // Ctrl-D: say what happened, as psql does.
            session.output.write("\\q\n")
            session.output.flush()
        }
        history.save()
        return status.rawValue
    }
}
