import Glibc

/// Wires a session together from the command line and runs it: psql's startup.c. Returns the exit status.
public enum Launcher {
    public static func run(_ options: LaunchOptions) -> Int32 {
        _ = isMainThread()  // pins the main thread's identity before any other thread exists
        let diagnostics = Diagnostics()
        let stdinIsTerminal = isatty(0) == 1
        let stdoutIsTerminal = isatty(1) == 1
        // psql: interactive only when reading the terminal and writing to it, with no -c/-f.
        let interactive = options.actions.isEmpty && stdinIsTerminal && stdoutIsTerminal
        if interactive { LineEditor.configureLocale() }
        let signals = SignalPipe()
        // -v and -P are checked before connecting, as psql parses them with the command line.
        if let complaints = checkAssignments(options) {
            for complaint in complaints { diagnostics.fatal(complaint) }
            return 1
        }

        var ephemeral: EphemeralServer?
        defer { ephemeral?.stop() }
        var parameters = ConnectionParameters(host: options.host, port: options.port, user: options.user,
                                              dbname: options.dbname)
        if options.ephemeral {
            do {
                let server = try EphemeralServer.start(log: { _ in })
                ephemeral = server
                parameters = ConnectionParameters(dbname: server.conninfo)
            } catch {
                diagnostics.fatal("\(error)")
                return 2
            }
        }
        if stdinIsTerminal && stdoutIsTerminal { parameters.clientEncoding = "auto" }
        if options.promptPassword {
            guard let password = PasswordPrompt.read(prompt: "Password: ") else { return 2 }
            parameters.password = password
        }

        // The session connection, and with it the pool.
        let pool: ConnectionPool<Connection>
        let lease: PoolLease<Connection>
        switch connectSession(parameters: &parameters, options: options, signals: signals,
                              interactive: stdinIsTerminal) {
        case .success(let connected):
            (pool, lease) = connected
        case .failure(let message):
            diagnostics.fatal(message.message)
            return 2
        }
        diagnostics.terse = true

        let output = OutputStream(fileDescriptor: 1)
        // -o FILE (or |COMMAND) is psql's queryFout: results go there, messages still to stdout.
        var queryOutput: OutputTarget?
        if let path = options.outputFile {
            switch OutputTarget.open(path) {
            case .success(let target): queryOutput = target
            case .failure(let error):
                diagnostics.fatal(error.message)
                return 1
            }
        }
        diagnostics.stdoutToFlush = output
        // -L FILE: opened once connected, as psql does; a failure ends the start-up.
        var log: SessionLog?
        if let path = options.logFile {
            switch SessionLog.open(path) {
            case .success(let opened): log = opened
            case .failure(let error):
                diagnostics.fatal(error.message)
                return 1
            }
        }
        defer { log?.close() }

        let session = Session(pool: pool, lease: lease, parameters: parameters, output: output,
                              diagnostics: diagnostics, signals: signals, interactive: interactive,
                              timing: options.timing ?? interactive)
        session.queryOutput = queryOutput
        session.log = log
        defer { session.queryOutput?.close() }
        configure(session, from: options, stdoutIsTerminal: stdoutIsTerminal)
        if let seed = options.ephemeralSeed, options.ephemeral {
            // The demo schema loads quietly: its errors still show, its results do not.
            let saved = session.output
            session.output = OutputStream(fileDescriptor: open("/dev/null", O_WRONLY | O_CLOEXEC))
            _ = runFile(seed, session: session)
            session.output = saved
        }
        if interactive {
            // Completion's catalog starts loading now, in the background; colour only for a person at a terminal.
            let services = InteractiveServices(session: session)
            session.interactiveServices = services
            services.catalog.refresh()
            if Colour.allowed(fd: 2) { diagnostics.decorateError = services.colour.withEnabled(true).diagnostic }
        }
        if !options.noStartupFile { runStartupFile(session) }

        session.defaultIdleTransactionTimeout = options.idleTransactionTimeout
        session.installIdleTransactionTimer()
        if options.singleTransaction { beginSingleTransaction(session) }
        var status = runActions(session: session, options: options, interactive: interactive)
        if options.singleTransaction { status = endSingleTransaction(session, status: status) }
        // Whatever ended the input, an open block does not survive it (and is not committed by a disconnect).
        let reason = session.signals.terminationSignal.map { "terminated by signal \($0)" } ?? "input ended"
        session.rollBackOpenBlock(reason: reason)
        session.flushPendingNotices()
        // Jobs still running (the shell was left, or a script stopped early) are cancelled, not waited out.
        session.existingJobs?.cancelAll()
        output.flush()
        session.lease.release()
        pool.shutdown()
        return status
    }

    /// Leases the session connection; at a terminal, asks for a password when the server wants one (psql).
    private static func connectSession(parameters: inout ConnectionParameters, options: LaunchOptions,
                                       signals: SignalPipe, interactive: Bool)
        -> Result<(ConnectionPool<Connection>, PoolLease<Connection>), MessageError> {
        while true {
            let target = parameters
            let configuration = PoolConfiguration(minimum: options.poolMin, maximum: options.poolMax,
                                                  acquireTimeout: .milliseconds(Int64(options.acquireTimeout * 1000)),
                                                  idleTimeout: .milliseconds(Int64(options.idleTimeout * 1000)))
            // A minimum of one is the session's connection, which its lease opens right here.
            let pool = ConnectionPool<Connection>(configuration: configuration, deferMaintenance: options.poolMin <= 1) {
                () throws(ConnectionError) -> Connection in
                // Only the main thread watches the signal pipe: a job thread must not swallow the user's Ctrl-C.
                try Connection.connect(target, interrupt: isMainThread() ? signals : nil)
            }
            do {
                let lease = try pool.lease(role: .session, interrupted: { signals.consume() })
                return .success((pool, lease))
            } catch {
                pool.shutdown()
                let underlying = error.underlying as? ConnectionError
                if let underlying, underlying.needsPassword, parameters.password == nil,
                   interactive, !options.neverPromptPassword {
                    let user = parameters.user ?? String(cString: getenv("PGUSER") ?? getenv("USER") ?? strdup("")!)
                    guard let password = PasswordPrompt.read(prompt: "Password for user \(user): ") else {
                        return .failure(MessageError(underlying.message))
                    }
                    parameters.password = password
                    continue
                }
                return .failure(MessageError(underlying?.message ?? error.message))
            }
        }
    }

    /// Applies the formatting flags and `-v` assignments, as psql does before running anything.
    private static func configure(_ session: Session, from options: LaunchOptions, stdoutIsTerminal: Bool) {
        var settings = session.printSettings
        if options.unaligned { settings.format = .unaligned }
        if options.html { settings.format = .html }
        if options.csv { settings.format = .csv }
        if options.tuplesOnly { settings.tuplesOnly = true }
        if options.expanded { settings.expanded = .on }
        if let attr = options.tableAttr { settings.tableAttr = attr }
        if let sep = options.fieldSeparator { settings.fieldSeparator = sep }
        if let sep = options.recordSeparator { settings.recordSeparator = sep }
        if options.fieldSeparatorZero { settings.fieldSeparatorZero = true }
        if options.recordSeparatorZero { settings.recordSeparatorZero = true }
        for assignment in options.psetAssignments {
            _ = FormattingCommands.applyCommandLine(assignment, to: &settings)  // checked in checkAssignments
        }
        session.printSettings = settings
        if options.quiet { session.variables.set("QUIET", "on") }
        if options.echoAll { session.variables.set("ECHO", "all") }
        if options.echoQueries { session.variables.set("ECHO", "queries") }
        if options.echoErrors { session.variables.set("ECHO", "errors") }
        if options.echoHidden { session.variables.set("ECHO_HIDDEN", "on") }
        if options.pipeline { session.variables.set("PIPELINE", "on") }  // PipelineRunner.swift
        if options.singleLine { session.variables.set("SINGLELINE", "on") }
        if options.singleStep { session.variables.set("SINGLESTEP", "on") }
        session.variables.set("AUTOCOMMIT", "on")
        session.variables.set("AUTO_ROLLBACK", "block")
        session.variables.set("VERBOSITY", "default")
        session.variables.set("SHOW_CONTEXT", "errors")
        session.variables.set("PROMPT1", Prompt.defaultPrompt1)
        session.variables.set("PROMPT2", Prompt.defaultPrompt2)
        session.variables.set("PROMPT3", ">> ")
        session.variables.set("HISTCONTROL", "none")
        session.variables.set("TIDEPOOL_VERSION", TidepoolVersion.string)
        session.variables.set("VERSION_NAME", TidepoolVersion.string)
        for assignment in options.variableAssignments {
            if let eq = assignment.firstIndex(of: "=") {
                session.setVariable(String(assignment[..<eq]), String(assignment[assignment.index(after: eq)...]))
            } else {
                session.unsetVariable(assignment)
            }
        }
    }

    /// psql's messages for a bad `-v NAME=VALUE` or `-P NAME=VALUE` (start-up then fails with status 1).
    static func checkAssignments(_ options: LaunchOptions) -> [String]? {
        var variables = Variables()
        for assignment in options.variableAssignments {
            let complaint: String?
            if let eq = assignment.firstIndex(of: "=") {
                complaint = variables.set(String(assignment[..<eq]), String(assignment[assignment.index(after: eq)...]))
            } else {
                complaint = variables.unset(assignment)
            }
            if let complaint { return [complaint] }
        }
        var settings = PrintSettings()
        for assignment in options.psetAssignments {
            if let complaint = FormattingCommands.applyCommandLine(assignment, to: &settings) {
                let name = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
                return [complaint, "could not set printing parameter \"\(name)\""]
            }
        }
        return nil
    }

    /// psql's psqlrc: `$TIDEPOOLRC` or `~/.tidepoolrc`, run before anything else unless `-X`. A file of the
    /// same name ending in `-VERSION` (e.g. `-0.1.0`) or `-MAJOR` is run instead when it exists, as psql does.
    static func runStartupFile(_ session: Session) {
        let base: String
        if let named = getenv("TIDEPOOLRC") {
            base = InteractiveCommands.expandHome(String(cString: named))
        } else if let home = getenv("HOME") {
            base = String(cString: home) + "/.tidepoolrc"
        } else {
            return
        }
        let version = TidepoolVersion.string
        let major = String(version.split(separator: ".").first ?? "")
        for path in [base + "-" + version, base + "-" + major, base] where access(path, R_OK) == 0 {
            _ = runFile(path, session: session)
            return
        }
    }

    /// Runs -c/-f actions in order, or the whole of stdin; psql's rules for the exit status.
    private static func runActions(session: Session, options: LaunchOptions, interactive: Bool) -> Int32 {
        if options.actions.isEmpty {
            if interactive {
                return InteractiveShell(session: session).run()
            }
            let loop = MainLoop(session: session, source: ScriptLineSource(reader: scriptReader(fd: 0, session: session)),
                                inputName: nil)
            return loop.run().rawValue
        }
        var status: Int32 = 0
        for action in options.actions {
            if session.signals.terminationSignal != nil { return MainLoop.ExitStatus.terminated.rawValue }
            switch action {
            case .command(let text):
                status = runCommandString(text, session: session)
            case .file(let path):
                status = runFile(path, session: session)
            }
            if status == MainLoop.ExitStatus.badConnection.rawValue { return status }
            if status != 0 && session.onErrorStop { break }
        }
        return status
    }

    /// `-1`: one block around everything, opened quietly as psql does.
    private static func beginSingleTransaction(_ session: Session) {
        if session.quietly("BEGIN") {
            session.transactions.openedAt = MonotonicClock.now()
            session.lease.markInTransaction(.now())
        }
    }

    /// `-1`: commit if the block is intact, otherwise make sure nothing of it remains.
    private static func endSingleTransaction(_ session: Session, status: Int32) -> Int32 {
        defer {
            session.transactions.failed = false
            session.transactions.blockClosed()
            session.lease.markInTransaction(nil)
        }
        guard !session.isDisconnected, session.inTransactionBlock else { return status }
        if status != 0 && session.onErrorStop || session.connection.transactionState == .inFailedTransaction {
            _ = session.quietly("ROLLBACK")
            return status
        }
        // psql's closing COMMIT prints no tag: its output goes nowhere, its error (a deferred constraint) shows.
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(devNull) }
        // psql sends it through its back door: not logged (-L), not single-stepped (-s).
        let (savedLog, savedStep) = (session.log, session.variables["SINGLESTEP"])
        session.log = nil
        session.variables.set("SINGLESTEP", "off")
        defer {
            session.log = savedLog
            session.variables.set("SINGLESTEP", savedStep ?? "off")
        }
        if session.run(Array("COMMIT".utf8), output: OutputStream(fileDescriptor: devNull)) != .succeeded {
            return status == 0 ? 1 : status
        }
        return status
    }

    /// `-c`: a backslash command string is scanned; anything else goes to the server whole, as one query.
    private static func runCommandString(_ text: String, session: Session) -> Int32 {
        // psql echoes a -c string under ECHO=all, a backslash command without its backslash (startup.c);
        // under ECHO=queries only SQL, as it sends it.
        let echo = session.variables["ECHO"]
        if echo == "all" || (echo == "queries" && !text.hasPrefix("\\")) {
            session.output.write((text.hasPrefix("\\") && echo == "all" ? String(text.dropFirst()) : text) + "\n")
            session.output.flush()
        }
        if text.hasPrefix("\\") {
            let loop = MainLoop(session: session, source: StringLineSource(Array(text.utf8)), inputName: nil)
            loop.echoesInput = false
            let status = loop.run()
            if status != .success { return status.rawValue }
            return loop.lastFailed ? 1 : 0
        }
        switch session.run(Array(text.utf8)) {
        case .succeeded: return 0
        case .failed: return 1
        case .connectionLost:
            session.diagnostics.error("connection to server was lost")
            return 2
        }
    }

    /// A script reader that stops at Ctrl-C or a termination signal even while blocked on a pipe.
    static func scriptReader(fd: Int32, session: Session) -> ScriptReader {
        let reader = ScriptReader(fileDescriptor: fd, ownsDescriptor: fd > 2)
        reader.idle = session.idle
        let signals = session.signals
        reader.stopAfterSignal = { signals.consume() }
        return reader
    }

    /// `-f FILE` (`-` is stdin): errors name the file and line.
    static func runFile(_ path: String, session: Session) -> Int32 {
        let fd: Int32
        let name: String
        if path == "-" {
            fd = 0
            name = "<stdin>"
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            name = path
            guard fd >= 0 else {
                session.diagnostics.fatal("\(path): \(String(cString: strerror(errno)))")
                return 1
            }
        }
        let reader = scriptReader(fd: fd, session: session)
        return MainLoop(session: session, source: ScriptLineSource(reader: reader), inputName: name).run().rawValue
    }
}
