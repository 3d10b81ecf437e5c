/// Background jobs: `SQL \&`, `\bg SQL`, `\jobs`, `\wait [ID]`, `\fg [ID]`, `\cancel ID`.
enum JobCommands {
    static let all: [MetaCommand] = [ampersand, background, jobs, wait, foreground, cancel]

    static let group = "Background jobs"

    /// `SELECT … \&`: the query buffer (or, when it is empty, the previous statement, as `\g` does) runs as a job.
    static let ampersand = MetaCommand(["&"], usage: "SQL \\&", help: "run the query buffer as a background job",
                                       group: group, tidepoolOnly: true) { ctx in
        let sql = ctx.queryBuffer.isEmpty ? ctx.previousBuffer : ctx.queryBuffer
        guard sql.contains(where: { !isSQLWhitespace($0) }) else { return ctx.complain("no query buffer") }
        return startJob(sql, ctx: ctx)
    }

    /// `\bg SQL`: the rest of the line is the job's text, so it may hold several statements
    /// (`\bg BEGIN; …; COMMIT`), which run on the job's one connection.
    static let background = MetaCommand(["bg"], usage: "\\bg SQL", help: "run SQL (the rest of the line) as a background job",
                                        group: group, tidepoolOnly: true) { ctx in
        let text = ctx.arguments.rest()
        guard !text.isEmpty else { return ctx.complain("missing required argument") }
        return startJob(Array(text.utf8), ctx: ctx)
    }

    private static func startJob(_ sql: [UInt8], ctx: MetaCommandContext) -> MetaCommandOutcome {
        let session = ctx.session
        let job = session.jobs.start(sql, limits: JobLimits(variables: session.variables))
        if session.interactive && !session.quiet {
            session.diagnostics.plain("[\(job.id)] started\n")
        }
        return .resetBuffer
    }

    static let jobs = MetaCommand(["jobs"], usage: "\\jobs", help: "list background jobs",
                                  group: group, tidepoolOnly: true) { ctx in
        let session = ctx.session
        let list = session.jobs.all
        if list.isEmpty {
            session.output.write("No jobs.\n")
        } else {
            JobList.print(list, settings: session.printSettings, output: session.output)
        }
        session.output.flush()
        return .success
    }

    /// `\wait`: every job not yet printed, in job order; `\wait ID`: that one.
    static let wait = MetaCommand(["wait"], usage: "\\wait [ID]", help: "wait for background jobs and print their results",
                                  group: group, tidepoolOnly: true) { ctx in
        let session = ctx.session
        let targets: [Job]
        if let word = ctx.arguments.next(.normal) {
            guard let job = lookUp(word, ctx: ctx) else { return .failure }
            targets = job.isDelivered ? [] : [job]
        } else {
            targets = session.jobs.all.filter { !$0.isDelivered }
        }
        let (failed, _) = JobOutput.join(targets, session: session)
        return failed ? .failure : .success
    }

    /// `\fg [ID]`: waits for the job (the latest one by default) and prints its result, again if need be.
    static let foreground = MetaCommand(["fg"], usage: "\\fg [ID]", help: "wait for a background job and print its result",
                                        group: group, tidepoolOnly: true) { ctx in
        let session = ctx.session
        let job: Job
        if let word = ctx.arguments.next(.normal) {
            guard let found = lookUp(word, ctx: ctx) else { return .failure }
            job = found
        } else {
            guard let last = session.jobs.all.last else { return ctx.complain("no jobs") }
            job = last
        }
        if session.jobs.wait(for: job, signals: session.signals) == .terminated { return .failure }
        return JobOutput.deliver(job, session: session, announce: session.interactive) ? .failure : .success
    }

    static let cancel = MetaCommand(["cancel"], usage: "\\cancel ID", help: "cancel a running background job",
                                    group: group, tidepoolOnly: true) { ctx in
        guard let word = ctx.arguments.next(.normal) else { return ctx.complain("missing required argument") }
        guard let job = lookUp(word, ctx: ctx) else { return .failure }
        guard job.cancel() else { return ctx.complain("job \(job.id) is not running") }
        return .success
    }

    /// `2` or `%2` (as a shell writes it).
    private static func lookUp(_ word: String, ctx: MetaCommandContext) -> Job? {
        let digits = word.hasPrefix("%") ? String(word.dropFirst()) : word
        guard let id = Int(digits) else {
            _ = ctx.complain("invalid job number \"\(word)\"")
            return nil
        }
        guard let job = ctx.session.jobs.job(id) else {
            _ = ctx.complain("no such job: \(id)")
            return nil
        }
        return job
    }
}
