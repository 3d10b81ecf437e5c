/// Everything the command line says, independent of how it was parsed (the executable fills this in).
public struct LaunchOptions: Sendable, Equatable {
    /// One `-c` or `-f`, in command-line order (psql runs them in that order).
    public enum Action: Sendable, Equatable { case command(String), file(String) }

    public var host: String?
    public var port: String?
    public var user: String?
    public var dbname: String?
    public var promptPassword = false      // -W
    public var neverPromptPassword = false // -w
    public var actions: [Action] = []
    public var noStartupFile = false       // -X
    public var quiet = false
    public var unaligned = false
    public var tuplesOnly = false
    public var fieldSeparator: String?
    public var recordSeparator: String?
    public var fieldSeparatorZero = false
    public var recordSeparatorZero = false
    public var csv = false
    public var expanded = false
    public var psetAssignments: [String] = []
    public var variableAssignments: [String] = []
    public var singleTransaction = false
    public var outputFile: String?
    public var echoAll = false
    public var echoQueries = false
    public var echoErrors = false
    public var echoHidden = false
    public var html = false
    public var singleStep = false          // -s
    public var singleLine = false          // -S
    /// -T: html's `<table>` attributes (latex-longtable's column widths).
    public var tableAttr: String?
    /// -L: every query sent and its result are also appended to this file.
    public var logFile: String?

    public var poolMin = 1
    public var poolMax = 4
    public var acquireTimeout = 30.0
    public var idleTimeout = 300.0
    public var idleTransactionTimeout: Double?
    /// nil: the default (on at a terminal, off in scripts).
    public var timing: Bool?
    public var ephemeral = false
    public var ephemeralSeed: String?
    public var pipeline = false

    public init() {}
}
