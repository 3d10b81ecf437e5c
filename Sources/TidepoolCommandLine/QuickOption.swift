import TidepoolCore

/// One option of the quick parser: its names (as declared in Options.swift and TidepoolCommand.swift) and
/// what it does to the parsed arguments. `QuickCommandLineTests` proves the two tables agree: every option
/// `TidepoolCommand`'s help lists is here, and each one here parses as the full parser parses it.
struct QuickOption: Sendable {
    enum Kind: Sendable {
        case flag(@Sendable (inout ParsedArguments) -> Void)
        /// Returns false when the value does not convert (the full parser then reports it).
        case value(@Sendable (inout ParsedArguments, String) -> Bool)
    }

    let short: Character?
    let long: [String]
    let kind: Kind

    static func flag(_ short: Character?, _ long: String..., apply: @escaping @Sendable (inout ParsedArguments) -> Void) -> QuickOption {
        QuickOption(short: short, long: long, kind: .flag(apply))
    }

    static func value(_ short: Character?, _ long: String...,
                      apply: @escaping @Sendable (inout ParsedArguments, String) -> Bool) -> QuickOption {
        QuickOption(short: short, long: long, kind: .value(apply))
    }

    static func string(_ short: Character?, _ long: String...,
                       apply: @escaping @Sendable (inout LaunchOptions, String) -> Void) -> QuickOption {
        QuickOption(short: short, long: long, kind: .value({ parsed, value in apply(&parsed.options, value); return true }))
    }

    static func set(_ short: Character?, _ long: String..., apply: @escaping @Sendable (inout LaunchOptions) -> Void) -> QuickOption {
        QuickOption(short: short, long: long, kind: .flag({ apply(&$0.options) }))
    }

    static let all: [QuickOption] = [
        // Connection options
        .string("h", "host") { $0.host = $1 },
        .string("p", "port") { $0.port = $1 },
        .string("U", "username") { $0.user = $1 },
        .string("d", "dbname") { $0.dbname = $1 },
        .set("w", "no-password") { $0.neverPromptPassword = true },
        .set("W", "password") { $0.promptPassword = true },
        // Input and output options
        .string("c", "command") { $0.actions.append(.command($1)) },
        .string("f", "file") { $0.actions.append(.file($1)) },
        .string("v", "set", "variable") { $0.variableAssignments.append($1) },
        .set("X", "no-psqlrc") { $0.noStartupFile = true },
        .set("1", "single-transaction") { $0.singleTransaction = true },
        .set("a", "echo-all") { $0.echoAll = true },
        .set("b", "echo-errors") { $0.echoErrors = true },
        .set("e", "echo-queries") { $0.echoQueries = true },
        .set("E", "echo-hidden") { $0.echoHidden = true },
        .set("q", "quiet") { $0.quiet = true },
        .flag("l", "list") { $0.list = true },
        .string("L", "log-file") { $0.logFile = $1 },
        .set("s", "single-step") { $0.singleStep = true },
        .set("S", "single-line") { $0.singleLine = true },
        .set("n", "no-readline") { _ in },
        .string("o", "output") { $0.outputFile = $1 },
        // Output format options
        .set("A", "no-align") { $0.unaligned = true },
        .set(nil, "csv") { $0.csv = true },
        .string("F", "field-separator") { $0.fieldSeparator = $1 },
        .string("P", "pset") { $0.psetAssignments.append($1) },
        .string("R", "record-separator") { $0.recordSeparator = $1 },
        .set("t", "tuples-only") { $0.tuplesOnly = true },
        .string("T", "table-attr") { $0.tableAttr = $1 },
        .set("x", "expanded") { $0.expanded = true },
        .set("H", "html") { $0.html = true },
        .set("z", "field-separator-zero") { $0.fieldSeparatorZero = true },
        .set("0", "record-separator-zero") { $0.recordSeparatorZero = true },
        // Pool and session options
        .value(nil, "pool-min") { parsed, value in Int(value).map { parsed.options.poolMin = $0 } != nil },
        .value(nil, "pool-max") { parsed, value in Int(value).map { parsed.options.poolMax = $0 } != nil },
        .value(nil, "acquire-timeout") { parsed, value in Double(value).map { parsed.options.acquireTimeout = $0 } != nil },
        .value(nil, "idle-timeout") { parsed, value in Double(value).map { parsed.options.idleTimeout = $0 } != nil },
        .value(nil, "idle-tx-timeout") { parsed, value in
            Double(value).map { parsed.options.idleTransactionTimeout = $0 } != nil
        },
        .flag(nil, "timing") { $0.timingOn = true },
        .flag(nil, "no-timing") { $0.timingOff = true },
        .set(nil, "ephemeral") { $0.ephemeral = true },
        .string(nil, "ephemeral-seed") { $0.ephemeralSeed = $1 },
        .set(nil, "pipeline") { $0.pipeline = true },
    ]

    // A linear search over fifty entries: cheaper at start-up than building dictionaries.
    static func named(short letter: Character) -> QuickOption? { all.first { $0.short == letter } }
    static func named(long name: Substring) -> QuickOption? { all.first { $0.long.contains { $0 == name } } }
}
