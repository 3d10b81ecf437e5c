/// `\lo_import FILE [COMMENT]`, `\lo_export LOBOID FILE`, `\lo_unlink LOBOID` (psql's large_obj.c): each
/// runs in the open block, or in a block of its own that it commits (AUTOCOMMIT on); the file is the
/// client's. `\lo_import` sets LASTOID.
enum LargeObjectCommands {
    static let all: [MetaCommand] = [importObject, exportObject, unlinkObject]

    static let importObject = MetaCommand(["lo_import"], usage: "\\lo_import FILE [COMMENT]",
                                          help: "import a large object from a file", group: "Large Objects") { ctx in
        guard let file = ctx.argument() else { return ctx.complain("missing required argument") }
        let comment = ctx.argument()
        ctx.warnExtraArguments()
        let session = ctx.session
        return inTransaction(ctx, operation: "\\lo_import") {
            session.connection.importLargeObject(file: file).flatMap { oid in
                if let comment {
                    let quoted = session.connection.escapeLiteral(comment) ?? "''"
                    if case .failure(let error) = session.catalogQuery("COMMENT ON LARGE OBJECT \(oid) IS \(quoted)") {
                        return .failure(MessageError(error.formatted))
                    }
                }
                return .success((oid, "lo_import \(oid)"))
            }
        }
    }

    static let exportObject = MetaCommand(["lo_export"], usage: "\\lo_export LOBOID FILE",
                                          help: "write a large object to a file", group: "Large Objects") { ctx in
        guard let object = ctx.argument(), let file = ctx.argument() else {
            return ctx.complain("missing required argument")
        }
        ctx.warnExtraArguments()
        let session = ctx.session
        return inTransaction(ctx, operation: "\\lo_export") {
            session.connection.exportLargeObject(oidValue(object), file: file).map { (nil, "lo_export") }
        }
    }

    static let unlinkObject = MetaCommand(["lo_unlink"], usage: "\\lo_unlink LOBOID",
                                          help: "delete a large object", group: "Large Objects") { ctx in
        guard let object = ctx.argument() else { return ctx.complain("missing required argument") }
        ctx.warnExtraArguments()
        let session = ctx.session
        let oid = oidValue(object)
        return inTransaction(ctx, operation: "\\lo_unlink") {
            session.connection.unlinkLargeObject(oid).map { (nil, "lo_unlink \(oid)") }
        }
    }

    /// psql's atooid: the leading digits, 0 when there are none.
    private static func oidValue(_ text: String) -> UInt32 {
        UInt32(text.prefix { $0.isASCII && $0.isNumber }) ?? 0
    }

    /// psql's start_lo_xact / finish_lo_xact / fail_lo_xact around `body`, which gives the OID to keep in
    /// LASTOID and the line to print, or libpq's or the server's message (shown as psql shows it).
    private static func inTransaction(_ ctx: MetaCommandContext, operation: String,
                                      body: () -> Result<(oid: UInt32?, line: String), MessageError>) -> MetaCommandOutcome {
        let session = ctx.session
        if session.ensureLiveConnection() != nil { return .failure }
        // A block tidepool rolled back still counts as aborted until the user ends it (nothing runs in
        // autocommit meanwhile).
        if session.transactions.failed && !session.inTransactionBlock {
            session.diagnostics.error("\(operation): current transaction is aborted")
            return .failure
        }
        let ownBlock: Bool
        switch session.connection.transactionState {
        case .idle:
            guard hidden(session, "BEGIN") else { return .failure }
            ownBlock = true
        case .inTransaction:
            ownBlock = false
        case .inFailedTransaction:
            session.diagnostics.error("\(operation): current transaction is aborted")
            return .failure
        default:
            session.diagnostics.error("\(operation): unknown transaction status")
            return .failure
        }
        let done: (oid: UInt32?, line: String)
        switch body() {
        case .failure(let error):
            session.diagnostics.server(error.message)
            if ownBlock { _ = hidden(session, "ROLLBACK") }
            return .failure
        case .success(let result):
            done = result
        }
        let autocommit = session.variables["AUTOCOMMIT"].flatMap(Variables.parseBoolean) ?? true
        if ownBlock && autocommit {
            guard hidden(session, "COMMIT") else { return .failure }
        }
        if !session.quiet {
            let out = session.resultOutput
            out.write(session.printSettings.format == .html ? "<p>\(done.line)</p>\n" : done.line + "\n")
            out.flush()
        }
        if let oid = done.oid { session.variables.set("LASTOID", String(oid)) }
        return .success
    }
}

extension LargeObjectCommands {
    /// A transaction command of psql's own (PSQLexec): shown by ECHO_HIDDEN, sent on the session connection
    /// as it is (not under the catalog savepoint, which a COMMIT would end).
    fileprivate static func hidden(_ session: Session, _ sql: String) -> Bool {
        if let echo = session.variables["ECHO_HIDDEN"], echo != "off" {
            session.output.write("********* QUERY **********\n\(sql)\n**************************\n\n")
            session.output.flush()
            if echo == "noexec" { return true }
        }
        return session.quietly(sql)
    }
}
