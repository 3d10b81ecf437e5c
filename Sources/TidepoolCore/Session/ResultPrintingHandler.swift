/// The front door's result handler: streams each result set through a printer for the current settings,
/// prints command tags as psql does (unless QUIET), and hands errors and counts back to the session.
final class ResultPrintingHandler: QueryResultHandler {
    private let settings: PrintSettings
    private let output: OutputStream
    private let quiet: Bool
    private let reportError: (ServerError) -> Void
    private var printer: ResultPrinter?
    /// Time spent finishing result sets (aligned output is laid out at the end), for the timing breakdown.
    private(set) var printingNanoseconds: UInt64 = 0
    private(set) var resultSets = 0
    /// Where COPY data comes from and goes to (CopyStreaming.swift); without it COPY FROM STDIN is refused.
    var copy: CopyContext?
    /// `-L`: results and command statuses are logged there too, the status even when QUIET.
    var log: SessionLog?
    /// The log's printer for the current result set: it gets the cells as they came, never made terminal-safe.
    private var logPrinter: ResultPrinter?
    /// Where the running COPY TO STDOUT writes, from its start to its status.
    private var copyOutTarget: OutputStream?

    init(settings: PrintSettings, output: OutputStream, quiet: Bool, reportError: @escaping (ServerError) -> Void) {
        self.settings = settings
        self.output = output
        self.quiet = quiet
        self.reportError = reportError
    }

    func resultSetBegan(columns: [ResultColumn]) {
        let p = makeResultPrinter(settings: settings, output: output)
        p.begin(columns: columns)
        logPrinter = log?.printer(for: settings)
        logPrinter?.begin(columns: columns)
        printer = p
    }

    /// Set when the output is a terminal: control characters in values are shown escaped (TerminalSafeCells).
    var escapeControls = false

    func row(_ cells: UnsafeBufferPointer<Cell>) {
        guard let printer else { return }
        logPrinter?.row(cells)
        if escapeControls {
            TerminalSafeCells.withSafeRow(cells) { printer.row($0) }
        } else {
            printer.row(cells)
        }
    }

    func resultSetEnded(rowCount: Int, commandTag: String) {
        let started = MonotonicClock.now()
        printer?.end(rowCount: rowCount)
        printer = nil
        if let logPrinter {
            logPrinter.end(rowCount: rowCount)
            log?.flush()
            self.logPrinter = nil
        }
        // psql also prints the status of INSERT/UPDATE/DELETE … RETURNING after their rows.
        if commandTag.hasPrefix("INSERT") || commandTag.hasPrefix("UPDATE") || commandTag.hasPrefix("DELETE") {
            if !quiet {
                output.write(commandTag)
                output.write(byte: 0x0A)
            }
            log?.status(commandTag)
        }
        resultSets += 1
        printingNanoseconds += MonotonicClock.now().nanoseconds - started.nanoseconds
    }

    func commandCompleted(commandTag: String) {
        if let target = copyOutTarget {
            copyOutTarget = nil
            // psql leaves out "COPY n" when it would land where the data just went.
            let statusOutput = copy?.queryOutput ?? output
            if quiet || target === statusOutput { return }
            statusOutput.write(commandTag)
            statusOutput.write(byte: 0x0A)
            return
        }
        if !quiet {
            output.write(commandTag)
            output.write(byte: 0x0A)
        }
        log?.status(commandTag)
    }

    func serverError(_ error: ServerError) {
        // A result cut short by an error: whatever was streamed stays printed; the printer is dropped unfinished.
        printer = nil
        logPrinter = nil
        reportError(error)
    }

    func copyIn(_ connection: Connection) throws {
        guard let copy else {
            connection.endCopyIn(error: "COPY from stdin is not supported here")
            return
        }
        output.flush()
        try CopyInSender.send(from: copy.routes.redirectedInput ?? copy.routes.currentInput, to: connection, quiet: quiet)
    }

    func copyOutBegan() {
        copyOutTarget = copy?.routes.redirectedOutput ?? output
    }

    func copyOutData(_ bytes: UnsafeRawBufferPointer) {
        if copyOutTarget == nil { copyOutBegan() }  // a wrapping handler may not pass copyOutBegan on
        copyOutTarget?.write(bytes)
    }
}
