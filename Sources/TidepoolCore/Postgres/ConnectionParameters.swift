/// The keyword/value pairs handed to `PQconnectStartParams`, in psql's order and with psql's rules:
/// `dbname` may itself be a conninfo string or a `postgres://` URI (expand_dbname), and everything not given
/// is left to libpq, which reads PG* variables, .pgpass and service files itself.
public struct ConnectionParameters: Sendable, Equatable {
    public var host: String?
    public var port: String?
    public var user: String?
    public var password: String?
    public var dbname: String?
    public var applicationName = "tidepool"
    /// "auto" at a terminal (psql sets client_encoding=auto when stdin and stdout are terminals).
    public var clientEncoding: String?
    /// Extra keywords (e.g. from `\connect` with a conninfo), applied after the ones above.
    public var extra: [(String, String)] = []

    public init(host: String? = nil, port: String? = nil, user: String? = nil,
                password: String? = nil, dbname: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.dbname = dbname
    }

    public static func == (a: ConnectionParameters, b: ConnectionParameters) -> Bool {
        a.host == b.host && a.port == b.port && a.user == b.user && a.password == b.password
            && a.dbname == b.dbname && a.applicationName == b.applicationName
            && a.clientEncoding == b.clientEncoding
            && a.extra.map(\.0) == b.extra.map(\.0) && a.extra.map(\.1) == b.extra.map(\.1)
    }

    /// The pairs in the order libpq should see them. Later pairs override earlier ones, except that
    /// an expanded dbname's contents are overridden by pairs that follow it, as psql arranges.
    var keywordValuePairs: [(String, String)] {
        var pairs: [(String, String)] = []
        if let host { pairs.append(("host", host)) }
        if let port { pairs.append(("port", port)) }
        if let user { pairs.append(("user", user)) }
        if let password { pairs.append(("password", password)) }
        if let dbname { pairs.append(("dbname", dbname)) }
        pairs.append(("fallback_application_name", applicationName))
        if let clientEncoding { pairs.append(("client_encoding", clientEncoding)) }
        pairs.append(contentsOf: extra)
        return pairs
    }
}
