import Glibc

/// \set, \unset, \getenv, \setenv: psql's variables and the environment.
enum VariableCommands {
    static let all: [MetaCommand] = [set, unset, getenv, setenv]

    static let set = MetaCommand(["set"], usage: "\\set [NAME [VALUE]]",
                                 help: "set internal variable, or list all if no parameters", group: "Variables") { ctx in
        let session = ctx.session
        guard let name = ctx.argument() else {
            for key in session.variables.sortedNames {
                session.output.write("\(key) = '\(session.variables[key] ?? "")'\n")
            }
            session.output.flush()
            return .success
        }
        // The value is every further argument, concatenated without spaces (`\set x 1 2` gives "12").
        var value = ""
        while let piece = ctx.argument() { value += piece }
        if let complaint = session.setVariable(name, value) {
            session.diagnostics.error(complaint)
            return .failure
        }
        return .success
    }

    static let unset = MetaCommand(["unset"], usage: "\\unset NAME", help: "unset (delete) internal variable",
                                   group: "Variables") { ctx in
        guard let name = ctx.argument() else { return ctx.complain("missing required argument") }
        if let complaint = ctx.session.unsetVariable(name) {
            ctx.session.diagnostics.error(complaint)
            return .failure
        }
        ctx.warnExtraArguments()
        return .success
    }

    static let getenv = MetaCommand(["getenv"], usage: "\\getenv PSQLVAR ENVVAR",
                                    help: "fetch value of environment variable", group: "Operating System") { ctx in
        guard let variable = ctx.argument(), let name = ctx.argument() else {
            return ctx.complain("missing required argument")
        }
        ctx.warnExtraArguments()
        // An unset environment variable leaves the psql variable as it was (psql).
        guard let value = Glibc.getenv(name) else { return .success }
        if let complaint = ctx.session.setVariable(variable, String(cString: value)) {
            ctx.session.diagnostics.error(complaint)
            return .failure
        }
        return .success
    }

    static let setenv = MetaCommand(["setenv"], usage: "\\setenv NAME [VALUE]",
                                    help: "set or unset environment variable", group: "Operating System") { ctx in
        guard let name = ctx.argument() else { return ctx.complain("missing required argument") }
        let value = ctx.argument()
        ctx.warnExtraArguments()
        if name.contains("=") { return ctx.complain("environment variable name must not contain \"=\"") }
        if let value {
            Glibc.setenv(name, value, 1)
        } else {
            Glibc.unsetenv(name)
        }
        return .success
    }
}
