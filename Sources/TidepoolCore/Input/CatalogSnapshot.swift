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
    /// Functions and types are limited to the visible ones, as psql completes them.
    enum Query {
        static let relations = """
            select n.nspname, c.relname, c.relkind, pg_catalog.pg_table_is_visible(c.oid) \
            from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace \
            where c.relkind in ('r','p','v','m','f','S','i') and n.nspname <> 'pg_toast' \
            and (n.nspname !~ '^pg_temp_' or n.oid = pg_catalog.pg_my_temp_schema())
            """
        static let columns = """
            select n.nspname, c.relname, a.attname \
            from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid \
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace \
            where c.relkind in ('r','p','v','m','f') and a.attnum > 0 and not a.attisdropped \
            and n.nspname <> 'pg_toast' \
            order by c.oid, a.attnum
            """
        static let schemas = """
            select nspname from pg_catalog.pg_namespace \
            where nspname !~ '^pg_(toast|temp_|toast_temp_)' order by 1
            """
        static let functions = """
            select distinct p.proname from pg_catalog.pg_proc p \
            where pg_catalog.pg_function_is_visible(p.oid) order by 1
            """
        static let types = """
            select distinct t.typname from pg_catalog.pg_type t \
            where pg_catalog.pg_type_is_visible(t.oid) and t.typname !~ '^_' \
            and (t.typrelid = 0 or (select c.relkind = 'c' from pg_catalog.pg_class c where c.oid = t.typrelid)) \
            order by 1
            """
        static let databases = "select datname from pg_catalog.pg_database where datallowconn order by 1"
        static let roles = "select rolname from pg_catalog.pg_roles order by 1"
    }

    /// Loads a snapshot with `run`, which executes one query and returns its rows (nil on failure).
    /// A part that fails stays empty: completion of the rest still works.
    static func load(_ run: (String) -> [[String?]]?) -> CatalogSnapshot {
        var snapshot = CatalogSnapshot()
        func firstColumn(_ sql: String) -> [String] {
            (run(sql) ?? []).compactMap { $0.first ?? nil }
        }
        for row in run(Query.relations) ?? [] where row.count == 4 {
            guard let schema = row[0], let name = row[1], let kind = row[2]?.first else { continue }
            snapshot.relations.append(Relation(schema: schema, name: name, kind: kind, visible: row[3] == "t"))
        }
        for row in run(Query.columns) ?? [] where row.count == 3 {
            guard let schema = row[0], let name = row[1], let column = row[2] else { continue }
            snapshot.columns[schema + "." + name, default: []].append(column)
        }
        snapshot.schemas = firstColumn(Query.schemas)
        snapshot.functions = firstColumn(Query.functions)
        snapshot.types = firstColumn(Query.types)
        snapshot.databases = firstColumn(Query.databases)
        snapshot.roles = firstColumn(Query.roles)
        return snapshot
    }
}
