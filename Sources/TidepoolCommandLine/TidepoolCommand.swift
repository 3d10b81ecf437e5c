import ArgumentParser
import TidepoolCore

/// The command line: psql's flags with psql's meanings, then tidepool's own. Parsing only; `Launcher` runs it.
struct TidepoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tidepool",
        abstract: "An interactive PostgreSQL shell with a watchable connection pool.",
        discussion: """
            Connection options and scripts work as in psql: PG* environment variables, .pgpass and service \
            files are read by libpq. Statements typed at the prompt run through a small connection pool; \
            see \\? for the backslash commands.
            """,
        version: "tidepool \(TidepoolVersion.string)",
        helpNames: [.long, .customShort("?")]
    )

    @OptionGroup(title: "Connection options") var connection: ConnectionOptions
    @OptionGroup(title: "Input and output options") var io: InputOutputOptions
    @OptionGroup(title: "Output format options") var format: FormatOptions
    @OptionGroup(title: "Pool and session options (tidepool)") var pool: PoolOptions

    @Argument(help: ArgumentHelp("Database name (or a conninfo string or postgres:// URI), then user name.",
                                 valueName: "dbname [username]"),
              completion: .custom(completeDatabaseNames))
    var positional: [String] = []

    @Flag(name: .customShort("V"), help: "Output version information, then exit.")
    var showVersion = false

    func validate() throws {
        if positional.count > 2 {
            throw ValidationError("extra command-line argument \"\(positional[2])\" ignored")
        }
        if pool.poolMin < 0 || pool.poolMax < 1 || pool.poolMin > pool.poolMax {
            throw ValidationError("--pool-min must be between 0 and --pool-max, and --pool-max at least 1")
        }
    }

    func launchOptions(arguments: [String]) -> LaunchOptions {
        var o = LaunchOptions()
        o.host = connection.host
        o.port = connection.port
        o.user = connection.username ?? (positional.count > 1 ? positional[1] : nil)
        o.dbname = connection.dbname ?? positional.first
        o.promptPassword = connection.password
        o.neverPromptPassword = connection.noPassword
        o.actions = orderedActions(arguments: arguments)
        o.noStartupFile = io.noPsqlrc
        o.quiet = io.quiet
        o.singleTransaction = io.singleTransaction
        o.outputFile = io.output
        o.echoAll = io.echoAll
        o.echoQueries = io.echoQueries
        o.echoErrors = io.echoErrors
        o.echoHidden = io.echoHidden
        o.variableAssignments = io.variables
        o.logFile = io.logFile
        o.singleStep = io.singleStep
        o.singleLine = io.singleLine
        o.tableAttr = format.tableAttr
        o.unaligned = format.noAlign
        o.tuplesOnly = format.tuplesOnly
        o.fieldSeparator = format.fieldSeparator
        o.recordSeparator = format.recordSeparator
        o.fieldSeparatorZero = format.fieldSeparatorZero
        o.recordSeparatorZero = format.recordSeparatorZero
        o.csv = format.csv
        o.expanded = format.expanded
        o.html = format.html
        // psql -l: list the databases and exit, as if `\l` were the one command.
        if io.list { o.actions = [.command("\\l")] }
        o.psetAssignments = format.pset
        o.poolMin = pool.poolMin
        o.poolMax = pool.poolMax
        o.acquireTimeout = pool.acquireTimeout
        o.idleTimeout = pool.idleTimeout
        o.idleTransactionTimeout = pool.idleTxTimeout
        if pool.timing { o.timing = true }
        if pool.noTiming { o.timing = false }
        o.ephemeral = pool.ephemeral
        o.ephemeralSeed = pool.ephemeralSeed
        o.pipeline = pool.pipeline
        return o
    }

    /// psql runs -c and -f in the order given; the parser keeps each list in order, the raw arguments say how
    /// the two interleave.
    func orderedActions(arguments: [String]) -> [LaunchOptions.Action] {
        var commands = io.commands[...]
        var files = io.files[...]
        var actions: [LaunchOptions.Action] = []
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--" { break }
            let isCommand = argument == "-c" || argument == "--command" || argument.hasPrefix("--command=")
                || (argument.hasPrefix("-c") && !argument.hasPrefix("--"))
            let isFile = argument == "-f" || argument == "--file" || argument.hasPrefix("--file=")
                || (argument.hasPrefix("-f") && !argument.hasPrefix("--"))
            if isCommand, let next = commands.popFirst() { actions.append(.command(next)) }
            if isFile, let next = files.popFirst() { actions.append(.file(next)) }
            if argument == "-c" || argument == "--command" || argument == "-f" || argument == "--file" {
                skipNext = true
            } else if ["-h", "-p", "-U", "-d", "-v", "-P", "-F", "-R", "-o", "-L", "-T", "--host", "--port",
                        "--username", "--dbname", "--set", "--variable", "--pset", "--output", "--log-file",
                        "--table-attr"].contains(argument) {
                skipNext = true
            }
        }
        actions += commands.map { .command($0) }
        actions += files.map { .file($0) }
        return actions
    }
}

/// Asks the shell's completion for database names through tidepool itself (`-l` style listing).
func completeDatabaseNames(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
    DatabaseNameCompletion.names(prefix: prefix)
}
