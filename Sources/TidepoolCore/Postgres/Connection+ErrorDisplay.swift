import CLibPQ

extension Connection {
    /// How libpq words errors and notices on this connection: psql's VERBOSITY (default, verbose, terse,
    /// sqlstate) and SHOW_CONTEXT (never, errors, always). Unknown words leave libpq's defaults.
    public func setErrorDisplay(verbosity: String, context: String) {
        let level: PGVerbosity
        switch verbosity {
        case "verbose": level = PQERRORS_VERBOSE
        case "terse": level = PQERRORS_TERSE
        case "sqlstate": level = PQERRORS_SQLSTATE
        default: level = PQERRORS_DEFAULT
        }
        let shown: PGContextVisibility
        switch context {
        case "never": shown = PQSHOW_CONTEXT_NEVER
        case "always": shown = PQSHOW_CONTEXT_ALWAYS
        default: shown = PQSHOW_CONTEXT_ERRORS
        }
        _ = PQsetErrorVerbosity(pg, level)
        _ = PQsetErrorContextVisibility(pg, shown)
    }
}
