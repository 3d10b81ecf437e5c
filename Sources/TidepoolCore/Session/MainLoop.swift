/// Reads lines from a source, cuts them into statements and meta-commands, and runs them through the
/// session — psql's MainLoop. Returns psql's exit status for the input.
public final class MainLoop {
    public let session: Session
    private let source: LineSource
    private var scanner: StatementScanner
    private let registry: MetaCommandRegistry
    private let inputName: String?
    /// Lines of the statement being typed, for one history entry per statement.
    private var pendingHistory: [String] = []
    private var previousBuffer: [UInt8] = []
    /// This input's `\if` stack: in a skipped branch statements are dropped and only the `\if` family runs.
    let conditionals = ConditionalStack()
    /// `--pipeline` / `\set PIPELINE on`: statements sent ahead in libpq pipeline mode (PipelineRunner.swift).
    private lazy var pipeline = PipelineRunner(session: session) { [unowned self] in self.handle($0) }
    /// A stop that came up while draining the pipeline for a variable's value (see `substitute`).
    private var pipelineStop: ExitStatus?
    /// Numbers of lines read that held a NUL byte, oldest first, for `refuseStatementWithNUL`.
    private var nulLines: [Int] = []

    /// psql's exit statuses.
    public enum ExitStatus: Int32 {
        case success = 0, failure = 1, badConnection = 2, userStop = 3
        /// SIGTERM/SIGHUP/SIGQUIT: the shell's exit status says so (128 + 15 for SIGTERM, as a shell reports it).
        case terminated = 143
    }

    public init(session: Session, source: LineSource, inputName: String?,
                registry: MetaCommandRegistry = .standard) {
        self.session = session
        self.source = source
        self.inputName = inputName
        self.registry = registry
        self.scanner = StatementScanner(standardConformingStrings: session.connection.parameter("standard_conforming_strings") != "off")
    }

    /// The lines of the statement being typed (for completion, which needs the whole statement's context).
    public var pendingInput: String { pendingHistory.joined(separator: "\n") }

    /// Whether ECHO=all echoes each line read. `-c` turns it off: psql echoes a `-c` string itself, once.
    public var echoesInput = true

    /// Whether the last statement or command failed (psql's -c exit status comes from this).
    public private(set) var lastFailed = false
    /// Set when \q was given.
    public private(set) var quitRequested = false

    public func run() -> ExitStatus {
        defer { pipeline.flush() }  // statements already sent are read and printed, whatever ended the input
        let savedName = session.diagnostics.inputName
        session.diagnostics.inputName = inputName
        defer { session.diagnostics.inputName = savedName }
        let servesCopyData = session.copyRoutes.serve(source, inputName: inputName, session: session)
        defer { if servesCopyData { session.copyRoutes.popInput() } }
        while true {
            if let stop = stopForSignals() { return stop }
            session.flushPendingNotices()
            if session.interactive, session.existingJobs != nil { JobOutput.announceFinished(session: session) }
            let read = source.readLine(prompt: { self.currentPrompt() })
            switch read {
            case .interrupted:
                scanner.resetBuffer()
                pendingHistory.removeAll()
                if !session.interactive { return .userStop }
                continue
            case .endOfInput:
                if let stop = stopForSignals() { return stop }
                return finishInput()
            case .line(let line):
                session.diagnostics.lineNumber = source.lineNumber
                if echoesInput && session.variables["ECHO"] == "all" && !session.interactive {
                    line.withUnsafeBytes { session.output.write($0) }
                    session.output.write(byte: 0x0A)
                    session.output.flush()
                }
                pendingHistory.append(String(decoding: line, as: UTF8.self))
                if line.contains(0) { nulLines.append(source.lineNumber) }
                scanner.append(line: line)
                if let status = drainScanner() { return status }
                if scanner.isBufferEmpty { nulLines.removeAll() }
                if scanner.isBufferEmpty, !pendingHistory.isEmpty {
                    source.remember(pendingHistory.joined(separator: "\n"))
                    pendingHistory.removeAll()
                }
            }
        }
    }

    /// A termination signal ends any input; Ctrl-C ends a script with status 3, as in psql.
    private func stopForSignals() -> ExitStatus? {
        session.signals.poll()
        if session.signals.terminationSignal != nil { return .terminated }
        if !session.interactive && session.signals.takeInterrupts() > 0 { return .userStop }
        return nil
    }

    /// Runs every complete statement and meta-command the scanner has; a status means "stop with it".
    private func drainScanner() -> ExitStatus? {
        while let event = nextEvent() {
            switch event {
            case .statement(let sql):
                guard conditionals.isActive else {
                    if session.interactive {
                        session.diagnostics.error("query ignored; use \\endif or Ctrl-C to exit current \\if block")
                    }
                    continue
                }
                if let status = send(sql) { return status }
                // A SET may have changed how backslashes in strings scan.
                scanner.standardConformingStrings = session.connection.parameter("standard_conforming_strings") != "off"
            case .metaCommand(let name, let arguments):
                if let status = runMetaCommand(name: name, arguments: arguments) { return status }
                if quitRequested { return .success }
            }
        }
        return nil
    }

    /// The scanner's next event; SINGLELINE is read each time, as `\set SINGLELINE` may change it mid-line.
    private func nextEvent() -> ScanEvent? {
        scanner.singleLine = session.variables.bool("SINGLELINE")
        return scanner.next(variables: { self.substitute($0) })
    }

    /// At end of input psql sends what is left in the buffer, if anything but white space.
    private func finishInput() -> ExitStatus {
        if let stop = pipeline.flush() { return stop }
        let rest = scanner.takeBuffer()
        if rest.contains(where: { !isSQLWhitespace($0) }) && !session.interactive && conditionals.isActive {
            if let status = send(rest) { return status }
        }
        if !conditionals.isEmpty {
            // psql: an error, which ends the script with status 3 only under ON_ERROR_STOP.
            session.diagnostics.error("reached EOF without finding closing \\endif(s)")
            if session.onErrorStop && !session.interactive { return .userStop }
        }
        if !session.interactive, let status = joinJobs() { return status }
        return .success
    }

    /// A script waits for its background jobs and prints them, in job order; a failed one is an error.
    private func joinJobs() -> ExitStatus? {
        guard let jobs = session.existingJobs else { return nil }
        let pending = jobs.all.filter { !$0.isDelivered }
        guard !pending.isEmpty else { return nil }
        let (failed, end) = JobOutput.join(pending, session: session)
        if end == .terminated { return .terminated }
        if failed {
            lastFailed = true
            if session.onErrorStop { return .userStop }
        }
        return nil
    }

    private func send(_ sql: [UInt8]) -> ExitStatus? {
        if session.variables["ECHO"] == "queries" && !session.variables.bool("SINGLESTEP") {  // psql: one or the other
            sql.withUnsafeBytes { session.output.write($0) }
            session.output.write(byte: 0x0A)
            session.output.flush()
        }
        previousBuffer = sql
        if let stop = pipelineStop { return stop }
        if sql.contains(0) { return pipeline.flush() ?? refuseStatementWithNUL() }
        switch pipeline.offer(sql, line: session.diagnostics.lineNumber) {
        case .queued(let stop): return stop
        case .declined(let stop): if let stop { return stop }
        }
        return handle(session.run(sql))
    }

    /// psql cuts a line at a NUL byte and glues the rest onto the next line, silently losing part of
    /// a statement. tidepool refuses the statement that holds the NUL, names the line, and goes on
    /// with the statements around it; the refusal counts as an error (ON_ERROR_STOP applies).
    private func refuseStatementWithNUL() -> ExitStatus? {
        let line = nulLines.isEmpty ? session.diagnostics.lineNumber : nulLines.removeFirst()
        session.diagnostics.error("statement not sent: line \(line) contains a NUL byte")
        lastFailed = true
        return session.onErrorStop ? .userStop : nil
    }

    private func handle(_ status: Session.StatementStatus) -> ExitStatus? {
        switch status {
        case .succeeded:
            lastFailed = false
            return nil
        case .failed:
            lastFailed = true
            return session.onErrorStop ? .userStop : nil
        case .connectionLost:
            lastFailed = true
            // Ctrl-C that had to abandon an unanswered statement ends a script as any Ctrl-C does: status 3.
            if !session.interactive && session.signals.takeInterrupts() > 0 { return .userStop }
            if !session.interactive {
                session.diagnostics.error("connection to server was lost")
                return .badConnection
            }
            if session.reconnectJustFailed {
                session.reconnectJustFailed = false
            } else {
                _ = session.attemptReset()
            }
            return nil
        }
    }

    private func runMetaCommand(name: String, arguments: [UInt8]) -> ExitStatus? {
        if let stop = pipelineStop ?? pipeline.flush() { return stop }
        guard let command = registry.command(named: name) else {
            scanner.skipRestOfLine()  // psql drops the rest of the line after an unknown command
            session.diagnostics.error("invalid command \\\(name)")
            if session.interactive {
                session.diagnostics.plain("Try \\? for help.\n")
            }
            lastFailed = true
            return session.onErrorStop ? .userStop : nil
        }
        guard conditionals.isActive || ConditionalCommands.names.contains(name) else {
            if session.interactive {
                session.diagnostics.error("\\\(name) command ignored; use \\endif or Ctrl-C to exit current \\if block")
            }
            return nil
        }
        var context = MetaCommandContext(session: session, name: name, arguments: MetaArguments(arguments),
                                         queryBuffer: scanner.queryBuffer, previousBuffer: previousBuffer)
        context.conditionals = conditionals
        context.substitute = { self.substitute($0) }
        context.inputName = inputName
        context.readInputLine = { [source] in
            if case .line(let bytes) = source.readLine(prompt: { "" }) { return bytes }
            return nil
        }
        let outcome = command.run(&context)
        if let length = conditionals.truncateQueryTo {
            // Text typed in a skipped branch never joins the query (ConditionalCommands.swift).
            conditionals.truncateQueryTo = nil
            if scanner.buffer.count > length { scanner.buffer.removeSubrange(length...) }
        }
        switch outcome {
        case .ran(let sql, let status):
            scanner.resetBuffer()
            if !sql.isEmpty { previousBuffer = sql }
            return handle(status)
        case .stop(let status):
            return status
        case .success:
            lastFailed = false
        case .failure:
            lastFailed = true
            scanner.skipRestOfLine()
            if session.onErrorStop { return .userStop }
        case .quit:
            if session.interactive && session.inTransactionBlock && !QuitInBlockPrompt.confirm(session) {
                return nil
            }
            quitRequested = true
        case .resetBuffer:
            scanner.resetBuffer()
            lastFailed = false
        case .replaceBuffer(let text):
            // psql rescans the edited text: complete statements run, the rest stays in the buffer.
            scanner.resetBuffer()
            scanner.append(line: text.last == 0x0A ? text.dropLast() : text[...])
            lastFailed = false
        case .execute(let sql, let settings, let output):
            scanner.resetBuffer()
            guard !sql.isEmpty else {
                session.diagnostics.error("\\\(name): no query buffer")
                lastFailed = true
                return session.onErrorStop ? .userStop : nil
            }
            previousBuffer = sql
            return handle(session.run(sql, settings: settings, output: output))
        }
        return nil
    }

    /// psql's variable interpolation: `:name` and its quoted forms; nil leaves the reference as typed.
    private func substitute(_ reference: VariableReference) -> [UInt8]? {
        guard conditionals.isActive else { return nil }  // psql expands nothing in a skipped branch
        let name = reference.name
        // Result variables must reflect every statement before this one, including those still in flight.
        if pipeline.hasPending && PipelineEligibility.resultVariables.contains(name) {
            pipelineStop = pipelineStop ?? pipeline.flush()
        }
        switch reference.kind {
        case .existenceTest:
            return Array((session.variables[name] != nil ? "TRUE" : "FALSE").utf8)
        case .plain:
            return session.variables[name].map { Array($0.utf8) }
        case .literal:
            guard let value = session.variables[name] else { return nil }
            return session.connection.escapeLiteral(value).map { Array($0.utf8) }
        case .identifier:
            guard let value = session.variables[name] else { return nil }
            return session.connection.escapeIdentifier(value).map { Array($0.utf8) }
        case .shellArgument:
            guard let value = session.variables[name] else { return nil }
            return Array(("'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'").utf8)
        }
    }

    func currentPrompt() -> String {
        let vars = session.variables
        var c = PromptContext()
        let conn = session.connection
        c.database = conn.option("dbname") ?? ""
        c.user = conn.option("user") ?? ""
        c.host = conn.option("host") ?? ""
        c.port = conn.option("port") ?? ""
        c.backendPID = conn.backendPID
        c.isSuperuser = session.isSuperuser
        c.lineNumber = source.lineNumber + 1
        c.variables = vars
        switch conn.transactionState {
        case .inTransaction: c.transactionMark = "*"
        case .inFailedTransaction: c.transactionMark = "!"
        case .idle: c.transactionMark = session.transactions.failed ? "!" : ""
        default: c.transactionMark = "?"
        }
        // A block older than a minute shows its age, so a forgotten one is hard to miss: bench=*[4m]>
        if let opened = session.transactions.openedAt, !c.transactionMark.isEmpty {
            let minutes = Int(MonotonicClock.now().secondsSince(opened) / 60)
            if minutes >= 1 { c.transactionMark += "[\(minutes)m]" }
        }
        let template = scanner.isBufferEmpty ? (vars["PROMPT1"] ?? Prompt.defaultPrompt1)
                                             : (vars["PROMPT2"] ?? Prompt.defaultPrompt2)
        // The pool's figures cost a lock and a copy of its state: only for a prompt that shows them.
        if Prompt.uses("P", in: template) {
            let stats = session.pool.snapshot()
            c.poolBusy = stats.leased
            c.poolSize = stats.size
        }
        c.runningJobs = session.existingJobs?.runningCount ?? 0
        if session.isDisconnected {
            c.statusCharacter = "!"
        } else if scanner.isBufferEmpty {
            c.statusCharacter = session.variables.bool("SINGLELINE") ? "^" : "="  // psql's single-line mark
        } else {
            c.statusCharacter = scanner.context.promptCharacter
        }
        return Prompt.expand(template, c)
    }
}

/// psql's lexer treats these as white space.
@inline(__always) func isSQLWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
}
