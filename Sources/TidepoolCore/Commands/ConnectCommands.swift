import CLibPQ
import Glibc

/// \c[onnect], \conninfo, \password: the session's connection (psql's do_connect and exec_command_password).
enum ConnectCommands {
    static let all: [MetaCommand] = [connect, conninfo, password]

    static let conninfo = MetaCommand(["conninfo"], usage: "\\conninfo",
                                      help: "display information about current connection", group: "Connection") { ctx in
        ctx.warnExtraArguments()
        ctx.session.output.write(ConnectionInfo.describe(ctx.session.connection))
        ctx.session.output.flush()
        return .success
    }

    static let connect = MetaCommand(["c", "connect"], usage: "\\c[onnect] {[DBNAME|- USER|- HOST|- PORT|-] | conninfo}",
                                     help: "connect to new database; the pool follows", group: "Connection") { ctx in
        var words: [String?] = []
        for _ in 0..<4 { words.append(connectArgument(&ctx)) }
        ctx.warnExtraArguments()
        let session = ctx.session
        if session.jobs.runningCount > 0 {
            return ctx.complain("background jobs are still running on the current database; \\wait for them or \\cancel them first")
        }
        let target = parameters(session, words)
        switch open(target, session: session) {
        case .success(let connection):
            let previous = (host: session.connection.option("host"), port: session.connection.option("port"))
            adopt(connection, parameters: target, session: session)
            if !session.quiet {
                session.output.write(announcement(session.connection, previousHost: previous.host, previousPort: previous.port))
                session.output.flush()
            }
            return .success
        case .failure(let error):
            session.diagnostics.error("\\connect: \(error.message)")
            // psql: a script cannot go on without knowing where it is connected; at a terminal the old
            // connection stays.
            guard session.interactive else { return .stop(.badConnection) }
            session.diagnostics.plain("Previous connection kept\n")
            return .failure
        }
    }

    /// psql's read_connect_arg: an unquoted `-` (or empty word) means "keep the current value".
    private static func connectArgument(_ ctx: inout MetaCommandContext) -> String? {
        guard let argument = ctx.evaluatedArgument(.sqlIdentifierKeepingCase) else { return nil }
        if argument.quote == nil && (argument.text.isEmpty || argument.text == "-") { return nil }
        return argument.text
    }

    /// A connection string replaces everything; otherwise what is not given comes from the current
    /// connection, and the password is kept only for the same user, host and port (psql).
    static func parameters(_ session: Session, _ words: [String?]) -> ConnectionParameters {
        var target = session.parameters
        if let first = words[0], isConnectionString(first) {
            var fresh = ConnectionParameters(dbname: first)
            fresh.clientEncoding = target.clientEncoding
            fresh.applicationName = target.applicationName
            return fresh
        }
        let current = session.connection
        let user = words[1] ?? current.option("user")
        let host = words[2] ?? current.option("host")
        let port = words[3] ?? current.option("port")
        if user != current.option("user") || host != current.option("host") || port != current.option("port") {
            target.password = nil
        }
        target.dbname = words[0] ?? current.option("dbname")
        target.user = user
        target.host = host
        target.port = port
        return target
    }

    static func isConnectionString(_ text: String) -> Bool {
        text.contains("=") || text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Connects, asking for a password at a terminal when the server wants one.
    private static func open(_ target: ConnectionParameters, session: Session) -> Result<Connection, ConnectionError> {
        var target = target
        while true {
            do {
                return .success(try Connection.connect(target, interrupt: session.signals))
            } catch {
                guard error.needsPassword, target.password == nil, session.interactive,
                      let password = PasswordPrompt.read(prompt: "Password for user \(target.user ?? ""): ")
                else { return .failure(error) }
                target.password = password
            }
        }
    }

    /// Makes `connection` the session connection and points the pool at the new target: idle pooled
    /// connections close now, leased ones when released, later ones connect with `target`.
    private static func adopt(_ connection: Connection, parameters target: ConnectionParameters, session: Session) {
        let handOver = Locked<Connection?>(connection)
        let signals = session.signals
        session.pool.replaceConnector { () throws(ConnectionError) -> Connection in
            if let ready = handOver.withLock({ slot -> Connection? in defer { slot = nil }; return slot }) { return ready }
            return try Connection.connect(target, interrupt: isMainThread() ? signals : nil)
        }
        session.lease.release()
        session.parameters = target
        do {
            session.lease = try session.pool.lease(role: .session, interrupted: { signals.consume() })
        } catch {
            session.diagnostics.server(error.message)
            session.isDisconnected = true
            return
        }
        session.isDisconnected = false
        session.attachConnectionCallbacks()
        session.recordedSettings = []
        session.carriesSessionState = false
        session.refreshConnectionVariables()
    }

    /// psql 15's message after a successful \connect: host and port are named only when they changed.
    static func announcement(_ c: Connection, previousHost: String?, previousPort: String?) -> String {
        let db = c.option("dbname") ?? "", user = c.option("user") ?? ""
        let host = c.option("host"), port = c.option("port") ?? ""
        func newlySet(_ old: String?, _ new: String?) -> Bool { new != nil && old != new }
        guard newlySet(previousHost, host) || newlySet(previousPort, port) else {
            return "You are now connected to database \"\(db)\" as user \"\(user)\".\n"
        }
        let hostName = host ?? ""
        let address = c.option("hostaddr") ?? ""
        if hostName.hasPrefix("/") {
            if !address.isEmpty {
                return "You are now connected to database \"\(db)\" as user \"\(user)\" on address \"\(address)\" at port \"\(port)\".\n"
            }
            return "You are now connected to database \"\(db)\" as user \"\(user)\" via socket in \"\(hostName)\" at port \"\(port)\".\n"
        }
        if !address.isEmpty && address != hostName {
            return "You are now connected to database \"\(db)\" as user \"\(user)\" on host \"\(hostName)\" (address \"\(address)\") at port \"\(port)\".\n"
        }
        return "You are now connected to database \"\(db)\" as user \"\(user)\" on host \"\(hostName)\" at port \"\(port)\".\n"
    }

    static let password = MetaCommand(["password"], usage: "\\password [USERNAME]",
                                      help: "change the password for a user (securely)", group: "Connection") { ctx in
        let session = ctx.session
        var user = ctx.argument(.sqlIdentifier, stripSemicolons: true)
        ctx.warnExtraArguments()
        if user == nil {
            switch session.query("SELECT CURRENT_USER") {
            case .success(let rows): user = rows.first?.first ?? nil
            case .failure(let error):
                session.diagnostics.server(error.formatted)
                return .failure
            }
        }
        guard let user else { return .failure }
        guard let first = PasswordPrompt.read(prompt: "Enter new password for user \"\(user)\": "),
              let second = PasswordPrompt.read(prompt: "Enter it again: ") else { return .failure }
        guard first == second else {
            session.diagnostics.error("Passwords didn't match.")
            return .failure
        }
        // Only the hash leaves this function: the server never sees, and no log holds, the password itself.
        guard let hashed = PQencryptPasswordConn(session.connection.pg, first, user, nil) else {
            session.diagnostics.plain(session.connection.errorMessage)
            return .failure
        }
        defer { PQfreemem(hashed) }
        guard let identifier = session.connection.escapeIdentifier(user),
              let literal = session.connection.escapeLiteral(String(cString: hashed)) else { return .failure }
        if case .failure(let error) = session.query("ALTER USER \(identifier) PASSWORD \(literal)") {
            session.diagnostics.server(error.formatted)
            return .failure
        }
        return .success
    }
}
