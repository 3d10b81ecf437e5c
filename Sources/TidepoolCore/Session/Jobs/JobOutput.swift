import Glibc

/// Prints jobs on the main thread: the one-line notices (`[2] done 1.204 s, 3 rows`), and a job's stored
/// result replayed through the printer of the session's current format, exactly as the statement would have
/// printed in the foreground. Errors and notices go to stderr, each prefixed with the job's number.
public enum JobOutput {
    /// `[2] done 1.204 s, 3 rows`, `[3] done 0.012 s, INSERT 0 5`, `[4] failed 1.002 s`, `[5] cancelled 0.5 s`.
    public static func summary(_ job: Job) -> String {
        var line = "[\(job.id)] \(job.state.rawValue) \(TimingLine.fixed3(job.elapsedSeconds)) s"
        if job.state == .done, let result = job.result {
            if result.hasResultSets {
                line += ", \(result.totalRows) \(result.totalRows == 1 ? "row" : "rows")"
            } else if let tag = result.lastCommandTag {
                line += ", \(tag)"
            }
        }
        return line
    }

    /// Prints a finished job's result and messages. Returns true when the job counts as an error (failed).
    @discardableResult
    public static func deliver(_ job: Job, session: Session, announce: Bool) -> Bool {
        _ = job.markDelivered()
        if announce { session.diagnostics.plain(summary(job) + "\n") }
        guard let result = job.result else { return false }
        replay(result, jobID: job.id, session: session, output: session.output)
        session.output.flush()
        if let cut = result.cutBy { session.diagnostics.plain(cutNotice(job: job, result: result, cut: cut)) }
        return job.state == .failed
    }

    /// At a terminal, before the prompt: one line per job that ended since the last prompt, followed by its
    /// result when that fits the screen (else how to see it).
    public static func announceFinished(session: Session) {
        for job in session.jobs.takeUnannounced() {
            guard let result = job.result else { continue }
            if fitsScreen(result, session: session) {
                deliver(job, session: session, announce: true)
            } else {
                session.diagnostics.plain(summary(job) + " (\\fg \(job.id) shows the result)\n")
            }
        }
    }

    /// Waits for `jobs` in order and prints each as it is joined (`\wait`, end of a script). Returns whether
    /// any of them failed, and how the waiting ended.
    public static func join(_ jobs: [Job], session: Session) -> (failed: Bool, end: JobTable.WaitEnd) {
        var failed = false
        var end = JobTable.WaitEnd.finished
        for job in jobs {
            let waited = session.jobs.wait(for: job, signals: session.signals)
            if waited == .terminated { return (failed, .terminated) }
            if waited == .interrupted { end = .interrupted }
            if deliver(job, session: session, announce: session.interactive) { failed = true }
        }
        return (failed, end)
    }

    static func cutNotice(job: Job, result: JobResult, cut: JobResult.Cut) -> String {
        let bound: String
        switch cut {
        case .rows(let rows): bound = "JOB_MAX_ROWS is \(rows)"
        case .bytes(let bytes): bound = "JOB_MAX_BYTES is \(bytes)"
        }
        return "[\(job.id)] result cut: kept \(result.keptRows) of \(result.totalRows) rows (\(bound)); "
            + "to get it whole, run the statement in the foreground (with \\o FILE to keep it) "
            + "or raise the limit with \\set\n"
    }

    /// Feeds the stored events to the foreground's own result handler, so the bytes are the foreground's.
    static func replay(_ result: JobResult, jobID: Int, session: Session, output: OutputStream,
                       messages: Bool = true) {
        let diagnostics = session.diagnostics
        let handler = ResultPrintingHandler(settings: session.printSettings, output: output, quiet: session.quiet) {
            error in if messages { diagnostics.server("[\(jobID)] " + error.formatted) }
        }
        for event in result.events {
            switch event {
            case .resultSet(let set):
                handler.resultSetBegan(columns: set.columns)
                set.forEachRow { handler.row($0) }
                if let tag = set.commandTag { handler.resultSetEnded(rowCount: set.keptRows, commandTag: tag) }
            case .command(let tag):
                handler.commandCompleted(commandTag: tag)
            case .error(let error):
                handler.serverError(error)
            case .notice(let notice):
                if messages { diagnostics.server("[\(jobID)] " + notice.formatted) }
            case .failure(let text):
                if messages { diagnostics.error("[\(jobID)] \(text)") }
            case .warning(let text):
                if messages { diagnostics.warning("[\(jobID)] \(text)") }
            }
        }
    }

    /// Whether the result, printed now, fits the terminal (leaving room for the notice and the prompt).
    static func fitsScreen(_ result: JobResult, session: Session) -> Bool {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return true }
        let rows = Int(size.ws_row) - 2
        let columns = Int(size.ws_col)
        if result.keptRows > rows || result.cutBy != nil { return false }
        let probe = OutputStream.memory()
        replay(result, jobID: 0, session: session, output: probe, messages: false)
        probe.flush()
        var lines = 0
        var width = 0
        for byte in probe.memoryContents {
            if byte == 0x0A {
                lines += 1
                width = 0
            } else if byte & 0xC0 != 0x80 {
                width += 1
                if width > columns { return false }
            }
        }
        return lines <= rows
    }
}
