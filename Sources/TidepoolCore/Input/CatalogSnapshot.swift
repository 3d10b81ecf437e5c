/// The names completion offers, read from the server at one moment: an immutable value, so the line
/// editor's completion callback can read it without locks beyond the one that hands it out, and a
/// refresh replaces it whole (STYLE.md, pgcli).
public struct CatalogSnapshot: Sendable {
    /// A table, view, materialized view, foreign table, sequence or index.
    public struct Relation: Sendable, Hashable {
        public var schema: String
        public var name: String
        /// pg_class.relkind: r, p, v, m, f, S, i.
        public var kind: Character
        /// On the search path (pg_table_is_visible): offered without its schema.
        public var visible: Bool

        public init(schema: String, name: String, kind: Character, visible: Bool) {
            self.schema = schema
            self.name = name
            self.kind = kind
            self.visible = visible
        }

        public var isTableLike: Bool { "rpvmf".contains(kind) }
        public var isView: Bool { kind == "v" || kind == "m" }
    }

    public var relations: [Relation] = []
    /// Columns in attnum order, keyed by "schema.name" (unquoted).
    public var columns: [String: [String]] = [:]
    public var schemas: [String] = []
    /// Visible functions and procedures, each name once.
    public var functions: [String] = []
    public var types: [String] = []
    public var databases: [String] = []
    public var roles: [String] = []

    public init() {}

    /// Relations named `name` (unquoted) that a bare reference would reach, or in `schema` when given.
    public func relations(named name: String, schema: String?) -> [Relation] {
        relations.filter { relation in
            relation.name == name && (schema.map { relation.schema == $0 } ?? relation.visible)
        }
    }

    /// The columns of the relation a statement names as `schema.name` or `name`.
    public func columns(of name: String, schema: String?) -> [String] {
        guard let relation = relations(named: name, schema: schema).first else { return [] }
        return columns[relation.schema + "." + relation.name] ?? []
    }
}

extension CatalogSnapshot {
    /// The catalog queries, each one round trip; pg_toast and other sessions' temporary schemas are left out.
    /// "Visible" is approximated by the schema being on the search path (`current_schemas`), which costs a
    /// fraction of `pg_table_is_visible` per row on a catalog of thousands of tables.
    enum Query {
        static let relations = """
            select c.oid, n.nspname, c.relname, c.relkind, n.nspname = any(pg_catalog.current_schemas(true)) \
            from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace \
            where c.relkind in ('r','p','v','m','f','S','i') and n.nspname <> 'pg_toast' \
            and (n.nspname !~ '^pg_temp_' or n.oid = pg_catalog.pg_my_temp_schema())
            """
        static let columns = """
            select a.attrelid, a.attname from pg_catalog.pg_attribute a \
            join pg_catalog.pg_class c on c.oid = a.attrelid \
            where c.relkind in ('r','p','v','m','f') and a.attnum > 0 and not a.attisdropped \
            order by a.attrelid, a.attnum
            """
        static let schemas = """
            select nspname from pg_catalog.pg_namespace \
            where nspname !~ '^pg_(toast|temp_|toast_temp_)' order by 1
            """
        static let functions = """
            select p.proname from pg_catalog.pg_proc p \
            where p.pronamespace = any(pg_catalog.current_schemas(true)::pg_catalog.regnamespace[]) group by 1
            """
        static let types = """
            select t.typname from pg_catalog.pg_type t left join pg_catalog.pg_class c on c.oid = t.typrelid \
            where t.typnamespace = any(pg_catalog.current_schemas(true)::pg_catalog.regnamespace[]) \
            and t.typname !~ '^_' and (t.typrelid = 0 or c.relkind = 'c') group by 1
            """
        static let databases = "select datname from pg_catalog.pg_database where datallowconn order by 1"
        static let roles = "select rolname from pg_catalog.pg_roles order by 1"
    }

    /// Loads the relations (the first thing a user completes) with `run`, which executes one query and returns
    /// its rows (nil on failure); returns the snapshot and each relation's key by oid, for `loadColumns`.
    static func loadRelations(_ run: (String) -> [[String?]]?) -> (CatalogSnapshot, [String: String]) {
        var snapshot = CatalogSnapshot()
        var keyByOID: [String: String] = [:]
        for row in run(Query.relations) ?? [] where row.count == 5 {
            guard let oid = row[0], let schema = row[1], let name = row[2], let kind = row[3]?.first else { continue }
            snapshot.relations.append(Relation(schema: schema, name: name, kind: kind, visible: row[4] == "t"))
            keyByOID[oid] = schema + "." + name
        }
        return (snapshot, keyByOID)
    }

    /// Adds the columns of the relations `loadRelations` found.
    static func loadColumns(into snapshot: inout CatalogSnapshot, keys keyByOID: [String: String],
                            _ run: (String) -> [[String?]]?) {
        for row in run(Query.columns) ?? [] where row.count == 2 {
            guard let oid = row[0], let key = keyByOID[oid], let column = row[1] else { continue }
            snapshot.columns[key, default: []].append(column)
        }
    }

    /// Adds the rest: schemas, functions, types, databases, roles.
    static func loadNames(into snapshot: inout CatalogSnapshot, _ run: (String) -> [[String?]]?) {
        func firstColumn(_ sql: String) -> [String] {
            (run(sql) ?? []).compactMap { $0.first ?? nil }
        }
        snapshot.schemas = firstColumn(Query.schemas)
        snapshot.functions = firstColumn(Query.functions).sorted()
        snapshot.types = firstColumn(Query.types).sorted()
        snapshot.databases = firstColumn(Query.databases)
        snapshot.roles = firstColumn(Query.roles)
    }
}
