/// \if, \elif, \else, \endif: psql's conditional blocks (command.c, exec_command_if and friends).
/// The main loop runs only these four in a skipped branch; everything else there is scanned and dropped.
enum ConditionalCommands {
    static let all: [MetaCommand] = [ifCommand, elifCommand, elseCommand, endifCommand]
    /// The commands that run even where the current branch is skipped.
    static let names: Set<String> = ["if", "elif", "else", "endif"]

    static let ifCommand = MetaCommand(["if"], usage: "\\if EXPR", help: "begin conditional block",
                                       group: "Conditional") { ctx in
        let stack = ctx.conditionals
        guard stack.isActive else {
            // Inside a skipped branch the expression is not even evaluated.
            stack.push(.ignored, queryLength: ctx.queryBuffer.count)
            return .success
        }
        stack.push(.active, queryLength: ctx.queryBuffer.count)
        if !isTrue(&ctx, expressionName: "\\if expression") { stack.replaceTop(with: .inactive) }
        return .success
    }

    static let elifCommand = MetaCommand(["elif"], usage: "\\elif EXPR",
                                         help: "alternative within current conditional block", group: "Conditional") { ctx in
        let stack = ctx.conditionals
        switch stack.top {
        case .active?:
            stack.saveQueryLength(ctx.queryBuffer.count)
            stack.replaceTop(with: .ignored)
        case .inactive?:
            discardBranchText(ctx)
            stack.replaceTop(with: .active)
            if !isTrue(&ctx, expressionName: "\\elif expression") { stack.replaceTop(with: .inactive) }
        case .ignored?:
            discardBranchText(ctx)
        case .elseActive?, .elseInactive?:
            ctx.session.diagnostics.error("\\elif: cannot occur after \\else")
            return .failure
        case nil:
            ctx.session.diagnostics.error("\\elif: no matching \\if")
            return .failure
        }
        return .success
    }

    static let elseCommand = MetaCommand(["else"], usage: "\\else",
                                         help: "final alternative within current conditional block",
                                         group: "Conditional") { ctx in
        let stack = ctx.conditionals
        switch stack.top {
        case .active?:
            stack.saveQueryLength(ctx.queryBuffer.count)
            stack.replaceTop(with: .elseInactive)
        case .inactive?:
            discardBranchText(ctx)
            stack.replaceTop(with: .elseActive)
        case .ignored?:
            discardBranchText(ctx)
            stack.replaceTop(with: .elseInactive)
        case .elseActive?, .elseInactive?:
            ctx.session.diagnostics.error("\\else: cannot occur after \\else")
            return .failure
        case nil:
            ctx.session.diagnostics.error("\\else: no matching \\if")
            return .failure
        }
        return .success
    }

    static let endifCommand = MetaCommand(["endif"], usage: "\\endif", help: "end conditional block",
                                          group: "Conditional") { ctx in
        let stack = ctx.conditionals
        switch stack.top {
        case .active?, .elseActive?:
            stack.pop()
        case .inactive?, .ignored?, .elseInactive?:
            discardBranchText(ctx)
            stack.pop()
        case nil:
            ctx.session.diagnostics.error("\\endif: no matching \\if")
            return .failure
        }
        return .success
    }

    /// psql's gather_boolean_expression + ParseVariableBool: the arguments joined by spaces must be a
    /// boolean. A bad value is reported and counts as false (the block is then skipped, not an error).
    static func isTrue(_ ctx: inout MetaCommandContext, expressionName: String) -> Bool {
        var words: [String] = []
        while let word = ctx.argument() { words.append(word) }
        let expression = words.joined(separator: " ")
        guard let value = Variables.parseBoolean(expression) else {
            ctx.session.diagnostics.error("unrecognized value \"\(expression)\" for \"\(expressionName)\": Boolean expected")
            return false
        }
        return value
    }

    /// Text typed in the branch being left was never meant to run: cut the query buffer back (psql's
    /// discard_query_text). The main loop applies it.
    private static func discardBranchText(_ ctx: MetaCommandContext) {
        if let saved = ctx.conditionals.savedQueryLength, saved < ctx.queryBuffer.count {
            ctx.conditionals.truncateQueryTo = saved
        }
    }
}
