/// \pool: the pool's live state.
enum PoolCommands {
    static let all: [MetaCommand] = [pool]

    static let pool = MetaCommand(["pool"], usage: "\\pool", help: "show the connection pool: connections, roles, statements, totals",
                                  group: "Connection", tidepoolOnly: true) { ctx in
        let session = ctx.session
        session.output.write(PoolReport.render(session.pool.snapshot(), now: .now()))
        session.output.flush()
        return .success
    }
}
