/// Reading a command's arguments as psql's OT_NORMAL does: `:name` substituted through the main loop,
/// backticks run in the shell. (Plain `arguments.next` does neither; a skipped branch never gets here.)
extension MetaCommandContext {
    /// The next argument, evaluated; nil when none is left.
    mutating func argument(_ mode: MetaArguments.Mode = .normal, stripSemicolons: Bool = false) -> String? {
        evaluatedArgument(mode, stripSemicolons: stripSemicolons)?.text
    }

    /// The next argument with its quoting (an empty quoted argument is not a missing one).
    mutating func evaluatedArgument(_ mode: MetaArguments.Mode = .normal,
                                    stripSemicolons: Bool = false) -> MetaArguments.Argument? {
        arguments.nextArgument(mode, stripSemicolons: stripSemicolons, variables: substitute,
                               runCommand: { [session] command in
                                   session.output.flush()
                                   return ShellCommand.capture(command)
                               })
    }

    /// psql warns about each argument a command did not use (`\r: extra argument "x" ignored`); they are
    /// not evaluated.
    mutating func warnExtraArguments() {
        while let extra = arguments.next(.normal) {
            session.diagnostics.warning("\\\(name): extra argument \"\(extra)\" ignored")
        }
    }

    /// Prints a confirmation line on stdout unless QUIET.
    func say(_ line: String) {
        guard !session.quiet, !line.isEmpty else { return }
        session.output.write(line)
        session.output.write(byte: 0x0A)
        session.output.flush()
    }
}
