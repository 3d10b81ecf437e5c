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

    static let functions = list(letterNames("df", letters: "anptw", upTo: 3), usage: "\\df[anptw][S+] [FUNCPTRN [TYPEPTRN ...]]",
                            help: "list [only agg/normal/procedure/trigger/window] functions", ObjectLists.functions)

    static let operators = list(withModifiers("do"), usage: "\\do[S+] [OPPTRN [TYPEPTRN [TYPEPTRN]]]",
                            help: "list operators", ObjectLists.operators)

    static let types = list(withModifiers("dT"), usage: "\\dT[S+] [PATTERN]",
                            help: "list data types", ObjectLists.types)

    static let schemas = list(withModifiers("dn"), usage: "\\dn[S+] [PATTERN]",
                            help: "list schemas", ObjectLists.schemas)

    static let roles = list(withModifiers("du") + withModifiers("dg"), usage: "\\du[S+] [PATTERN]",
                            help: "list roles", ObjectLists.roles)

    static let databases = list(["l", "l+", "list", "list+"], usage: "\\l[+]   [PATTERN]",
                            help: "list databases", ObjectLists.databases)

    static let extensions = MetaCommand(withModifiers("dx"), usage: "\\dx[+]  [PATTERN]",
                                        help: "list extensions", group: "Informational") { ctx in
        var run = DescribeRun(ctx)
        return run.finish(run.verbose ? ObjectLists.extensionContents(&run) : ObjectLists.extensions(&run))
    }

    static let tablespaces = list(withModifiers("db"), usage: "\\db[+]  [PATTERN]",
                            help: "list tablespaces", ObjectLists.tablespaces)

    static let privileges = list(withModifiers("dp") + ["z"], usage: "\\dp     [PATTERN]",
                            help: "list table, view, and sequence access privileges (\\z: the same)", MoreObjectLists.privileges)

    static let domains = list(withModifiers("dD"), usage: "\\dD[S+] [PATTERN]",
                            help: "list domains", MoreObjectLists.domains)

    static let configuration = list(withModifiers("dconfig"), usage: "\\dconfig[+] [PATTERN]",
                            help: "list configuration parameters", MoreObjectLists.configuration)

    static let languages = list(withModifiers("dL"), usage: "\\dL[S+] [PATTERN]",
                            help: "list procedural languages", MoreObjectLists.languages)

    static let collations = list(withModifiers("dO"), usage: "\\dO[S+] [PATTERN]",
                            help: "list collations", MoreObjectLists.collations)

    static let eventTriggers = list(withModifiers("dy"), usage: "\\dy[+]  [PATTERN]",
                            help: "list event triggers", MoreObjectLists.eventTriggers)

    static let extendedStatistics = list(withModifiers("dX"), usage: "\\dX     [PATTERN]",
                            help: "list extended statistics", CatalogLists.extendedStatistics)

    static let conversions = list(withModifiers("dc"), usage: "\\dc[S+] [PATTERN]",
                            help: "list conversions", CatalogLists.conversions)

    static let accessMethods = list(withModifiers("dA"), usage: "\\dA[+]  [PATTERN]",
                            help: "list access methods", CatalogLists.accessMethods)

    static let largeObjects = list(["dl", "lo_list"], usage: "\\dl",
                            help: "list large objects, same as \\lo_list", CatalogLists.largeObjects)

    static let publications = list(["dRp"], usage: "\\dRp    [PATTERN]",
                            help: "list replication publications", CatalogLists.publications)

    static let subscriptions = list(["dRs", "dRs+"], usage: "\\dRs[+] [PATTERN]",
                            help: "list replication subscriptions", CatalogLists.subscriptions)

    static let roleDatabaseSettings = list(["drds"], usage: "\\drds [ROLEPTRN [DBPTRN]]",
                            help: "list per-database role settings", CatalogLists.roleDatabaseSettings)

    static let partitioned = list(PartitionedLists.names(), usage: "\\dP[itn+] [PATTERN]",
                            help: "list [only index/table] partitioned relations [n=nested]", PartitionedLists.list)

    static let casts = list(withModifiers("dC"), usage: "\\dC[+]  [PATTERN]",
                            help: "list casts", CatalogLists.casts)

    static let foreignServers = list(withModifiers("des"), usage: "\\des[+]  [PATTERN]",
                            help: "list foreign servers", ForeignAndTextSearchLists.servers)

    static let foreignWrappers = list(withModifiers("dew"), usage: "\\dew[+]  [PATTERN]",
                            help: "list foreign-data wrappers", ForeignAndTextSearchLists.wrappers)

    static let foreignTables = list(withModifiers("det"), usage: "\\det[+]  [PATTERN]",
                            help: "list foreign tables", ForeignAndTextSearchLists.foreignTables)

    static let userMappings = list(withModifiers("deu"), usage: "\\deu[+]  [PATTERN]",
                            help: "list user mappings", ForeignAndTextSearchLists.userMappings)

    static let textSearchConfigurations = list(["dF", "dFS"], usage: "\\dF     [PATTERN]",
                            help: "list text search configurations", ForeignAndTextSearchLists.configurations)

    static let textSearchDictionaries = list(withModifiers("dFd"), usage: "\\dFd[+] [PATTERN]",
                            help: "list text search dictionaries", ForeignAndTextSearchLists.dictionaries)

    static let textSearchParsers = list(["dFp", "dFpS"], usage: "\\dFp    [PATTERN]",
                            help: "list text search parsers", ForeignAndTextSearchLists.parsers)

    static let textSearchTemplates = list(withModifiers("dFt"), usage: "\\dFt[+] [PATTERN]",
                            help: "list text search templates", ForeignAndTextSearchLists.templates)

    static let objectDescriptions = list(withModifiers("dd"), usage: "\\dd[S]  [PATTERN]",
                            help: "show object descriptions not displayed elsewhere", ObjectDescriptions.list)

    /// A describe command whose whole work is `body` (a list of psql's): the run's modifiers and pattern,
    /// psql's handling of extra arguments.
    private static func list(_ names: [String], usage: String, help: String,
                             _ body: @escaping @Sendable (inout DescribeRun) -> Bool) -> MetaCommand {
        MetaCommand(names, usage: usage, help: help, group: "Informational") { ctx in
            var run = DescribeRun(ctx)
            return run.finish(body(&run))
        }
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

    /// Runs a list's query and prints it under `title`; false when the query failed (already reported).
    func printList(_ sql: String, title: String) -> Bool {
        guard let rows = query(sql) else { return false }
        printQuery(rows, title: title)
        return true
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
