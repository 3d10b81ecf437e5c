import TidepoolCore

/// The everyday command lines, parsed without swift-argument-parser.
///
/// Why it exists: swift-argument-parser builds its model of the command by reflection (Mirror, Decodable,
/// generic metadata looked up by mangled name) on every start. Measured with perf on `tidepool -c 'select 1'`
/// (release, static stdlib) that is about 3 ms of CPU: over a third of the whole run, and the difference
/// between tidepool and psql at start-up. Scripts and CI jobs start the shell thousands of times.
///
/// The contract: for any argument list it accepts, the result equals what `TidepoolCommand` (the full
/// parser, which stays the authority) gives, and `QuickCommandLineTests` checks that over every option
/// and form in this table. It accepts only the forms it is sure of: `-x`, grouped flags (`-qAt`), flags
/// ending in an option that takes the next argument (`-tAc SQL`), `-x VALUE`, `-xVALUE` (getopt's attached
/// value, as psql takes `-p5432` or `-F:`), `--name`, `--name VALUE`, `--name=VALUE`, positionals, `--`. As in
/// psql, a psql option's value is the next argument whatever it looks like (`-c '-- comment'`). Anything else
/// (help, version, completion requests, unknown or malformed options, a failed validation) returns nil, and
/// the full parser takes over, with its messages.
enum QuickCommandLine {
    static func parse(_ arguments: [String]) -> LaunchOptions? {
        var parsed = ParsedArguments()
        var index = arguments.startIndex
        var onlyPositionals = false
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument.hasPrefix("--") {
                var name = argument.dropFirst(2)
                var attached: Substring?
                if let equals = name.firstIndex(of: "=") {
                    attached = name[name.index(after: equals)...]
                    name = name[..<equals]
                }
                guard let option = QuickOption.named(long: name) else { return nil }
                switch option.kind {
                case .flag(let apply):
                    guard attached == nil else { return nil }
                    apply(&parsed)
                case .value(let apply):
                    let value: String
                    if let attached {
                        value = String(attached)
                    } else {
                        // psql's options (those with a letter) take the next argument whatever it is; tidepool's
                        // own long options, like swift-argument-parser's defaults, only a plain one.
                        guard index < arguments.endIndex, arguments[index] != "--",
                              option.short != nil || isPlainValue(arguments[index]) else {
                            return nil
                        }
                        value = arguments[index]
                        index += 1
                    }
                    guard apply(&parsed, value) else { return nil }
                }
                continue
            }
            // Short options: `-xVALUE`, or flags (`-qAt`) of which the last may take the next argument.
            let letters = argument.dropFirst()
            if letters.count > 1, let option = QuickOption.named(short: letters.first!), case .value(let apply) = option.kind {
                guard apply(&parsed, String(letters.dropFirst())) else { return nil }
                continue
            }
            for (position, letter) in letters.enumerated() {
                guard let option = QuickOption.named(short: letter) else { return nil }
                switch option.kind {
                case .flag(let apply):
                    apply(&parsed)
                case .value(let apply):
                    guard position == letters.count - 1, index < arguments.endIndex, arguments[index] != "--" else { return nil }
                    guard apply(&parsed, arguments[index]) else { return nil }
                    index += 1
                }
            }
        }
        return parsed.launchOptions()
    }

    /// A value swift-argument-parser takes for an option by default: `-` or anything not starting with `-`.
    private static func isPlainValue(_ value: String) -> Bool {
        value == "-" || !value.hasPrefix("-")
    }
}

/// What the quick parser collects, in the full parser's terms, before it becomes `LaunchOptions`.
struct ParsedArguments {
    var options = LaunchOptions()
    var positionals: [String] = []
    var list = false
    var timingOn = false
    var timingOff = false

    /// `TidepoolCommand.validate()` and `launchOptions(arguments:)`, for the quick path. Nil when the
    /// full parser would refuse the line, so that it can say why.
    func launchOptions() -> LaunchOptions? {
        guard positionals.count <= 2 else { return nil }
        guard options.poolMin >= 0, options.poolMax >= 1, options.poolMin <= options.poolMax else { return nil }
        var o = options
        if o.user == nil, positionals.count > 1 { o.user = positionals[1] }
        if o.dbname == nil { o.dbname = positionals.first }
        if list { o.actions = [.command("\\l")] }
        if timingOn { o.timing = true }
        if timingOff { o.timing = false }
        return o
    }
}
