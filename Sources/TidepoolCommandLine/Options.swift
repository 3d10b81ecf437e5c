import ArgumentParser

struct ConnectionOptions: ParsableArguments {
    @Option(name: [.customShort("h"), .customLong("host")], parsing: .unconditional, help: "Database server host or socket directory.")
    var host: String?
    @Option(name: [.customShort("p"), .customLong("port")], parsing: .unconditional, help: "Database server port.")
    var port: String?
    @Option(name: [.customShort("U"), .customLong("username")], parsing: .unconditional, help: "Database user name.")
    var username: String?
    @Option(name: [.customShort("d"), .customLong("dbname")], parsing: .unconditional, help: "Database name to connect to.",
            completion: .custom(completeDatabaseNames))
    var dbname: String?
    @Flag(name: [.customShort("w"), .customLong("no-password")], help: "Never prompt for password.")
    var noPassword = false
    @Flag(name: [.customShort("W"), .customLong("password")], help: "Force password prompt.")
    var password = false
}

struct InputOutputOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .customLong("command")], parsing: .unconditionalSingleValue, help: "Run only a single command (SQL or internal) and exit; repeatable.")
    var commands: [String] = []
    @Option(name: [.customShort("f"), .customLong("file")], parsing: .unconditionalSingleValue, help: "Execute commands from file, then exit; repeatable; - is stdin.",
            completion: .file(extensions: ["sql"]))
    var files: [String] = []
    @Option(name: [.customShort("v"), .customLong("set"), .customLong("variable")], parsing: .unconditionalSingleValue, help: "Set variable NAME to VALUE (NAME=VALUE).")
    var variables: [String] = []
    @Flag(name: [.customShort("X"), .customLong("no-psqlrc")], help: "Do not read the start-up file (~/.tidepoolrc).")
    var noPsqlrc = false
    @Flag(name: [.customShort("1"), .customLong("single-transaction")], help: "Execute as a single transaction (if non-interactive).")
    var singleTransaction = false
    @Flag(name: [.customShort("a"), .customLong("echo-all")], help: "Echo all input from script.")
    var echoAll = false
    @Flag(name: [.customShort("b"), .customLong("echo-errors")], help: "Echo failed commands.")
    var echoErrors = false
    @Flag(name: [.customShort("e"), .customLong("echo-queries")], help: "Echo commands sent to server.")
    var echoQueries = false
    @Flag(name: [.customShort("E"), .customLong("echo-hidden")], help: "Display queries that internal commands generate.")
    var echoHidden = false
    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Run quietly (no messages, only query output).")
    var quiet = false
    @Flag(name: [.customShort("l"), .customLong("list")], help: "List available databases, then exit.")
    var list = false
    @Option(name: [.customShort("L"), .customLong("log-file")], parsing: .unconditional, help: "Send session log to file.",
            completion: .file())
    var logFile: String?
    @Flag(name: [.customShort("s"), .customLong("single-step")], help: "Single-step mode (confirm each query).")
    var singleStep = false
    @Flag(name: [.customShort("S"), .customLong("single-line")], help: "Single-line mode (end of line terminates SQL command).")
    var singleLine = false
    @Flag(name: [.customShort("n"), .customLong("no-readline")], help: "Disable enhanced command line editing (accepted for psql compatibility).")
    var noReadline = false
    @Option(name: [.customShort("o"), .customLong("output")], parsing: .unconditional, help: "Send query results to file.",
            completion: .file())
    var output: String?
}

struct FormatOptions: ParsableArguments {
    @Flag(name: [.customShort("A"), .customLong("no-align")], help: "Unaligned table output mode.")
    var noAlign = false
    @Flag(name: .customLong("csv"), help: "CSV (Comma-Separated Values) table output mode.")
    var csv = false
    @Option(name: [.customShort("F"), .customLong("field-separator")], parsing: .unconditional, help: "Field separator for unaligned output (default: \"|\").")
    var fieldSeparator: String?
    @Option(name: [.customShort("P"), .customLong("pset")], parsing: .unconditionalSingleValue, help: "Set printing option VAR to ARG (see \\pset command).")
    var pset: [String] = []
    @Option(name: [.customShort("R"), .customLong("record-separator")], parsing: .unconditional, help: "Record separator for unaligned output (default: newline).")
    var recordSeparator: String?
    @Flag(name: [.customShort("t"), .customLong("tuples-only")], help: "Print rows only.")
    var tuplesOnly = false
    @Option(name: [.customShort("T"), .customLong("table-attr")], parsing: .unconditional, help: "Set HTML table tag attributes (e.g., width, border).")
    var tableAttr: String?
    @Flag(name: [.customShort("x"), .customLong("expanded")], help: "Turn on expanded table output.")
    var expanded = false
    @Flag(name: [.customShort("H"), .customLong("html")], help: "HTML table output mode.")
    var html = false
    @Flag(name: [.customShort("z"), .customLong("field-separator-zero")], help: "Set field separator for unaligned output to zero byte.")
    var fieldSeparatorZero = false
    @Flag(name: [.customShort("0"), .customLong("record-separator-zero")], help: "Set record separator for unaligned output to zero byte.")
    var recordSeparatorZero = false
}

struct PoolOptions: ParsableArguments {
    @Option(help: "Connections the pool keeps open.")
    var poolMin = 1
    @Option(help: "Most connections the pool opens.")
    var poolMax = 4
    @Option(help: "Seconds a statement waits for a pooled connection before failing.")
    var acquireTimeout = 30.0
    @Option(help: "Seconds an idle pooled connection above --pool-min stays open.")
    var idleTimeout = 300.0
    @Option(name: .customLong("idle-tx-timeout"), help: "Roll back a transaction block left idle this many seconds.")
    var idleTxTimeout: Double?
    @Flag(help: "Print the timing line after each statement (default at a terminal).")
    var timing = false
    @Flag(help: "Do not print timing lines.")
    var noTiming = false
    @Flag(help: "Start a throwaway local PostgreSQL server, connect to it, and remove it at exit.")
    var ephemeral = false
    @Option(help: ArgumentHelp("With --ephemeral: run this SQL file quietly before the prompt.", visibility: .hidden),
            completion: .file(extensions: ["sql"]))
    var ephemeralSeed: String?
    @Flag(help: "Send a script's statements in libpq pipeline mode.")
    var pipeline = false
}
