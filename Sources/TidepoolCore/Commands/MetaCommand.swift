/// A backslash command: its names, its line in `\?`, and what it does.
public struct MetaCommand: Sendable {
    public var names: [String]
    /// The usage shown in `\?`, e.g. `\timing [on|off]`.
    public var usage: String
    public var help: String
    /// The `\?` section it is listed under.
    public var group: String
    /// True for tidepool's own commands (marked in `\?`).
    public var tidepoolOnly: Bool
    public var run: @Sendable (inout MetaCommandContext) -> MetaCommandOutcome

    public init(_ names: [String], usage: String, help: String, group: String, tidepoolOnly: Bool = false,
                run: @escaping @Sendable (inout MetaCommandContext) -> MetaCommandOutcome) {
        self.names = names
        self.usage = usage
        self.help = help
        self.group = group
        self.tidepoolOnly = tidepoolOnly
        self.run = run
    }
}

/// What a meta-command sees: the session, its arguments, and the query buffer as the scanner holds it.
public struct MetaCommandContext {
    public let session: Session
    public let name: String
    public var arguments: MetaArguments
    /// The statement being typed (may be empty).
    public var queryBuffer: [UInt8]
    /// The last statement sent, which `\g` with an empty buffer runs again and `\p` shows.
    public var previousBuffer: [UInt8]
    /// The input's `\if` stack (ConditionalCommands.swift).
    public var conditionals = ConditionalStack()
    /// The main loop's `:name` substitution, for arguments (nil in a skipped branch).
    public var substitute: VariableLookup = { _ in nil }
    /// The file being read, for `\ir` and messages; nil for stdin, -c and the terminal.
    public var inputName: String? = nil
    /// The next line of the input being read, taken away from the main loop (psql's `\prompt` without a
    /// terminal reads its answer from stdin, which is then also the script); nil at its end.
    public var readInputLine: () -> [UInt8]? = { nil }
}

/// What the main loop should do after a meta-command.
public enum MetaCommandOutcome {
    case success
    case failure
    /// Leave the input (\q).
    case quit
    /// Send this text now, optionally with other print settings or to another output (\g, \gx).
    case execute([UInt8], settings: PrintSettings?, output: OutputStream?)
    /// Forget the query buffer (\r).
    case resetBuffer
    /// Replace the query buffer with this text and scan it again, running what is complete (\e, \ef, \ev).
    case replaceBuffer([UInt8])
    /// The command already ran this text through the session (\g FILE, \gset, \gexec, \watch): the buffer
    /// is cleared, the text becomes the previous statement, and the status counts as a statement's.
    case ran([UInt8], Session.StatementStatus)
    /// End the input with this status (\c failing in a script, \i ending in a lost connection).
    case stop(MainLoop.ExitStatus)
}

/// Every meta-command, looked up by name. `\?` and completion are generated from it.
public struct MetaCommandRegistry: Sendable {
    public private(set) var commands: [MetaCommand] = []
    private var byName: [String: Int] = [:]

    public init() {}

    public mutating func register(_ command: MetaCommand) {
        commands.append(command)
        for name in command.names { byName[name] = commands.count - 1 }
    }

    public func command(named name: String) -> MetaCommand? {
        byName[name].map { commands[$0] }
    }

    /// All commands tidepool knows, one family per file under Commands/.
    public static let standard: MetaCommandRegistry = {
        var registry = MetaCommandRegistry()
        for command in GeneralCommands.all + VariableCommands.all + ConditionalCommands.all + QueryBufferCommands.all
            + OutputCommands.all + FileCommands.all + FormattingCommands.all + ConnectCommands.all + WatchCommand.all
            + PoolCommands.all
            + JobCommands.all + InteractiveCommands.all + CrosstabView.all + LargeObjectCommands.all
            + PromptCommand.all
            + DescribeCommands.all + ShowDefinitionCommands.all + CopyCommand.all {
            registry.register(command)
        }
        return registry
    }()

    /// The text of `\?`.
    public func helpText() -> String {
        var text = ""
        var groups: [String] = []
        for c in commands where !groups.contains(c.group) { groups.append(c.group) }
        for group in groups {
            text += "\(group)\n"
            for c in commands where c.group == group {
                let usage = c.usage.count < 24 ? c.usage + String(repeating: " ", count: 24 - c.usage.count) : c.usage + " "
                text += "  \(usage)\(c.help)\(c.tidepoolOnly ? " [tidepool]" : "")\n"
            }
            text += "\n"
        }
        return text
    }
}

extension MetaCommandContext {
    /// psql's complaint for an argument a command cannot take.
    func complain(_ message: String) -> MetaCommandOutcome {
        session.diagnostics.error("\\\(name): \(message)")
        return .failure
    }

    /// Parses an optional on/off argument the way psql's toggles do. nil = no argument (toggle).
    mutating func booleanArgument() -> Result<Bool?, MessageError> {
        guard let value = argument() else { return .success(nil) }
        guard let flag = Variables.parseBoolean(value) else {
            return .failure(MessageError("unrecognized value \"\(value)\" for \"\\\(name)\": Boolean expected"))
        }
        return .success(flag)
    }
}

/// An error that is nothing but the message to show.
public struct MessageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
