/// psql's inspection commands: `\d[S+] [PATTERN]` and the lists `\dt \di \dv \dm \ds \dE \df \do \dn \du \dg
/// \l \dx \db \dT \dp \z \dD \dconfig \dL \dO \dy \dX \dc \dA \dl \dRp \dRs \drds \dP \dC \des \dew \det \deu \dF \dFd \dFp \dFt \dd`. Queries are psql 15's (describe.c, for a server of version 15), sent through the
/// back door (`Session.catalogQuery`), so `-E` shows them; output goes through `FooterTable`.
enum DescribeCommands {
    static let all: [MetaCommand] = [describe, relations, functions, operators, types, schemas, roles, databases,
                                     extensions, tablespaces, privileges, domains, configuration, languages,
                                     collations, eventTriggers, extendedStatistics, conversions, accessMethods,
                                     largeObjects, publications, subscriptions, roleDatabaseSettings, partitioned,
                                     casts, foreignServers, foreignWrappers, foreignTables, userMappings,
                                     textSearchConfigurations, textSearchDictionaries, textSearchParsers,
                                     textSearchTemplates, objectDescriptions]

    static let describe = MetaCommand(withModifiers("d"), usage: "\\d[S+] [NAME]",
                                      help: "describe table, view, sequence, or index",
                                      group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        let ok = run.pattern == nil
            ? RelationLists.list(types: "tvmsE", &run)
            : RelationDescriber.describe(&run)
        return run.finish(ok)
    }

    static let relations = MetaCommand(relationListNames(), usage: "\\dt[S+] [PATTERN]",
                                       help: "list tables (\\di indexes, \\dv views, \\dm materialized views, \\ds sequences, \\dE foreign tables)",
                                       group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(RelationLists.list(types: run.letters, &run))
    }

    static let functions = MetaCommand(letterNames("df", letters: "anptw", upTo: 3), usage: "\\df[anptw][S+] [FUNCPTRN [TYPEPTRN ...]]",
                                       help: "list [only agg/normal/procedure/trigger/window] functions",
                                       group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ObjectLists.functions(&run))
    }

    static let operators = MetaCommand(withModifiers("do"), usage: "\\do[S+] [OPPTRN [TYPEPTRN [TYPEPTRN]]]",
                                       help: "list operators", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ObjectLists.operators(&run))
    }

    static let types = MetaCommand(withModifiers("dT"), usage: "\\dT[S+] [PATTERN]", help: "list data types",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ObjectLists.types(&run))
    }

    static let schemas = MetaCommand(withModifiers("dn"), usage: "\\dn[S+] [PATTERN]", help: "list schemas",
                                     group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ObjectLists.schemas(&run))
    }

    static let roles = MetaCommand(withModifiers("du") + withModifiers("dg"), usage: "\\du[S+] [PATTERN]",
                                   help: "list roles", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ObjectLists.roles(&run))
    }

    static let databases = MetaCommand(["l", "l+", "list", "list+"], usage: "\\l[+]   [PATTERN]",
                                       help: "list databases", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ObjectLists.databases(&run))
    }

    static let extensions = MetaCommand(withModifiers("dx"), usage: "\\dx[+]  [PATTERN]",
                                        help: "list extensions", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(run.verbose ? ObjectLists.extensionContents(&run) : ObjectLists.extensions(&run))
    }

    static let tablespaces = MetaCommand(withModifiers("db"), usage: "\\db[+]  [PATTERN]",
                                         help: "list tablespaces", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ObjectLists.tablespaces(&run))
    }

    static let privileges = MetaCommand(withModifiers("dp") + ["z"], usage: "\\dp     [PATTERN]",
                                        help: "list table, view, and sequence access privileges (\\z: the same)",
                                        group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(MoreObjectLists.privileges(&run))
    }

    static let domains = MetaCommand(withModifiers("dD"), usage: "\\dD[S+] [PATTERN]", help: "list domains",
                                     group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(MoreObjectLists.domains(&run))
    }

    static let configuration = MetaCommand(withModifiers("dconfig"), usage: "\\dconfig[+] [PATTERN]",
                                           help: "list configuration parameters", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(MoreObjectLists.configuration(&run))
    }

    static let languages = MetaCommand(withModifiers("dL"), usage: "\\dL[S+] [PATTERN]",
                                       help: "list procedural languages", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(MoreObjectLists.languages(&run))
    }

    static let collations = MetaCommand(withModifiers("dO"), usage: "\\dO[S+] [PATTERN]", help: "list collations",
                                        group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(MoreObjectLists.collations(&run))
    }

    static let eventTriggers = MetaCommand(withModifiers("dy"), usage: "\\dy[+]  [PATTERN]",
                                           help: "list event triggers", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(MoreObjectLists.eventTriggers(&run))
    }

    static let extendedStatistics = MetaCommand(withModifiers("dX"), usage: "\\dX     [PATTERN]",
                                                help: "list extended statistics", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(CatalogLists.extendedStatistics(&run))
    }

    static let conversions = MetaCommand(withModifiers("dc"), usage: "\\dc[S+] [PATTERN]", help: "list conversions",
                                         group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(CatalogLists.conversions(&run))
    }

    static let accessMethods = MetaCommand(withModifiers("dA"), usage: "\\dA[+]  [PATTERN]",
                                           help: "list access methods", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(CatalogLists.accessMethods(&run))
    }

    static let largeObjects = MetaCommand(["dl", "lo_list"], usage: "\\dl",
                                          help: "list large objects, same as \\lo_list", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(CatalogLists.largeObjects(&run))
    }

    static let publications = MetaCommand(["dRp"], usage: "\\dRp    [PATTERN]",
                                          help: "list replication publications", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(CatalogLists.publications(&run))
    }

    static let subscriptions = MetaCommand(["dRs", "dRs+"], usage: "\\dRs[+] [PATTERN]",
                                           help: "list replication subscriptions", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(CatalogLists.subscriptions(&run))
    }

    static let roleDatabaseSettings = MetaCommand(["drds"], usage: "\\drds [ROLEPTRN [DBPTRN]]",
                                                  help: "list per-database role settings", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(CatalogLists.roleDatabaseSettings(&run))
    }

    static let partitioned = MetaCommand(PartitionedLists.names(), usage: "\\dP[itn+] [PATTERN]",
                                         help: "list [only index/table] partitioned relations [n=nested]",
                                         group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(PartitionedLists.list(&run))
    }

    static let casts = MetaCommand(withModifiers("dC"), usage: "\\dC[+]  [PATTERN]", help: "list casts",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(CatalogLists.casts(&run))
    }

    static let foreignServers = MetaCommand(withModifiers("des"), usage: "\\des[+]  [PATTERN]", help: "list foreign servers",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ForeignAndTextSearchLists.servers(&run))
    }

    static let foreignWrappers = MetaCommand(withModifiers("dew"), usage: "\\dew[+]  [PATTERN]", help: "list foreign-data wrappers",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ForeignAndTextSearchLists.wrappers(&run))
    }

    static let foreignTables = MetaCommand(withModifiers("det"), usage: "\\det[+]  [PATTERN]", help: "list foreign tables",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ForeignAndTextSearchLists.foreignTables(&run))
    }

    static let userMappings = MetaCommand(withModifiers("deu"), usage: "\\deu[+]  [PATTERN]", help: "list user mappings",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ForeignAndTextSearchLists.userMappings(&run))
    }

    static let textSearchConfigurations = MetaCommand(["dF", "dFS"], usage: "\\dF     [PATTERN]", help: "list text search configurations",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ForeignAndTextSearchLists.configurations(&run))
    }

    static let textSearchDictionaries = MetaCommand(withModifiers("dFd"), usage: "\\dFd[+] [PATTERN]", help: "list text search dictionaries",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ForeignAndTextSearchLists.dictionaries(&run))
    }

    static let textSearchParsers = MetaCommand(["dFp", "dFpS"], usage: "\\dFp    [PATTERN]", help: "list text search parsers",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ForeignAndTextSearchLists.parsers(&run))
    }

    static let textSearchTemplates = MetaCommand(withModifiers("dFt"), usage: "\\dFt[+] [PATTERN]", help: "list text search templates",
                                   group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ForeignAndTextSearchLists.templates(&run))
    }

    static let objectDescriptions = MetaCommand(withModifiers("dd"), usage: "\\dd[S]  [PATTERN]",
                                                help: "show object descriptions not displayed elsewhere",
                                                group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(ObjectDescriptions.list(&run))
    }

    // MARK: names

    /// psql reads `S` and `+` anywhere after the command letters.
    static func withModifiers(_ base: String) -> [String] {
        [base, base + "S", base + "+", base + "S+", base + "+S"]
    }

    /// `base` followed by any ordering of up to `upTo` distinct `letters`, each with the modifiers.
    static func letterNames(_ base: String, letters: String, upTo: Int) -> [String] {
        var stems = [base]
        var frontier = [(base, Set<Character>())]
        for _ in 0..<upTo {
            var next: [(String, Set<Character>)] = []
            for (stem, used) in frontier {
                for letter in letters where !used.contains(letter) {
                    next.append((stem + String(letter), used.union([letter])))
                }
            }
            stems += next.map(\.0)
            frontier = next
        }
        return stems.flatMap(withModifiers)
    }

    /// `\dt`, `\di`, `\dv`, `\dm`, `\ds`, `\dE` and their combinations (`\dtv`, `\dvi+` …).
    static func relationListNames() -> [String] {
        letterNames("d", letters: "tivmsE", upTo: 3).filter { $0 != "d" && !$0.hasPrefix("dS") && !$0.hasPrefix("d+") }
    }
}

/// One run of a describe command: the parsed modifiers and pattern, and the helpers every family
/// shares (catalog queries, psql's messages, printing).
struct DescribeRun {
    let session: Session
    let name: String
    /// The letters after `d` without the modifiers (`tv` for `\dtv+`).
    let letters: String
    let verbose: Bool
    let system: Bool
    let pattern: String?
    private var arguments: MetaArguments
    /// The main loop's `:name` substitution: patterns are OT_NORMAL arguments (`\d :table`).
    private let substitute: VariableLookup

    init(_ ctx: MetaCommandContext) {
        session = ctx.session
        name = ctx.name
        verbose = ctx.name.contains("+")
        system = ctx.name.dropFirst().contains("S")
        letters = String(ctx.name.dropFirst().filter { $0 != "S" && $0 != "+" })
        arguments = ctx.arguments
        substitute = ctx.substitute
        pattern = Self.nextPattern(&arguments, substitute: substitute, session: ctx.session)
    }

    /// The next pattern, evaluated as psql evaluates OT_NORMAL arguments: variables substituted, backticks
    /// run, a trailing `;` dropped.
    private static func nextPattern(_ arguments: inout MetaArguments, substitute: VariableLookup,
                                    session: Session) -> String? {
        arguments.nextArgument(.normal, stripSemicolons: true, variables: substitute, runCommand: { command in
            session.output.flush()
            return ShellCommand.capture(command)
        })?.text
    }

    var quiet: Bool { session.quiet }

    /// `\df` and `\do` read type patterns after a name pattern (psql's exec_command_dfo): up to `max`, none
    /// when there is no name pattern (the words are then extra arguments).
    mutating func argumentPatterns(max: Int) -> [String] {
        guard pattern != nil else { return [] }
        var patterns: [String] = []
        while patterns.count < max, let next = Self.nextPattern(&arguments, substitute: substitute, session: session) {
            patterns.append(next)
        }
        return patterns
    }

    var patterns: NamePattern {
        let conn = session.connection
        return NamePattern(currentDatabase: conn.option("dbname") ?? "",
                           standardStrings: conn.parameter("standard_conforming_strings") != "off")
    }

    /// Runs one catalog query; on failure prints what psql prints and returns nil.
    func query(_ sql: String) -> CatalogRows? {
        switch session.catalogQuery(sql) {
        case .success(let rows):
            if session.variables["ECHO_HIDDEN"] == "noexec" { return nil }
            return rows
        case .failure(let error):
            if !error.message.isEmpty { session.diagnostics.server(error.formatted) }
            return nil
        }
    }

    /// Appends the pattern's clauses; prints psql's complaint and returns nil when the name is invalid.
    func appendPattern(to sql: inout String, _ pattern: String?, haveWhere: Bool, schema: String?, name: String?,
                       altName: String? = nil, visibility: String?, maxParts: Int) -> Bool? {
        switch patterns.append(to: &sql, pattern: pattern, haveWhere: haveWhere, schema: schema, name: name,
                               altName: altName, visibility: visibility, maxParts: maxParts) {
        case .clauses(let haveWhere): return haveWhere
        case .invalid(let message):
            session.diagnostics.error(message)
            return nil
        }
    }

    func error(_ message: String) {
        session.diagnostics.error(message)
    }

    /// printQuery as describe.c calls it: a title, NULL printed as empty, the user's other settings.
    func printQuery(_ rows: CatalogRows, title: String, footers: [String] = [], defaultFooter: Bool = true) {
        var settings = session.printSettings
        settings.nullDisplay = ""
        let table = FooterTable(title: title, columns: rows.columns, rows: rows.rows, footers: footers,
                                defaultFooter: defaultFooter)
        table.print(settings: settings, to: session.output)
        session.log?.print(table, settings: settings)
        session.output.flush()
    }

    /// printTable as describe.c calls it for hand-built tables (no "(N rows)").
    func printTable(_ table: FooterTable, expandedAllowed: Bool = true) {
        var settings = session.printSettings
        if !expandedAllowed { settings.expanded = .off }
        table.print(settings: settings, to: session.output)
        session.log?.print(table, settings: settings)
        session.output.flush()
    }

    /// After a successful command psql warns about each argument it did not use; after a failed one
    /// it drops the rest of the line silently.
    mutating func finish(_ ok: Bool) -> MetaCommandOutcome {
        guard ok else { return .failure }
        while let extra = arguments.next(.normal) {
            session.diagnostics.warning("\\\(name): extra argument \"\(extra)\" ignored")
        }
        return .success
    }
}
