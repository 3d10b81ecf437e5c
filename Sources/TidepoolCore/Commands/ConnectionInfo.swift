/// The text of `\conninfo`, in psql's words. Built from what libpq resolved, never from the password.
enum ConnectionInfo {
    static func describe(_ c: Connection) -> String {
        let db = c.option("dbname") ?? ""
        let user = c.option("user") ?? ""
        let host = c.option("host") ?? ""
        let port = c.option("port") ?? ""
        var text: String
        if host.hasPrefix("/") {
            text = "You are connected to database \"\(db)\" as user \"\(user)\" via socket in \"\(host)\" at port \"\(port)\".\n"
        } else if let address = c.option("hostaddr"), !address.isEmpty, address != host {
            text = "You are connected to database \"\(db)\" as user \"\(user)\" on host \"\(host)\" (address \"\(address)\") at port \"\(port)\".\n"
        } else {
            text = "You are connected to database \"\(db)\" as user \"\(user)\" on host \"\(host)\" at port \"\(port)\".\n"
        }
        if c.usesSSL {
            text += "SSL connection (protocol: \(c.sslAttribute("protocol") ?? "unknown"), cipher: \(c.sslAttribute("cipher") ?? "unknown"), compression: \(c.sslAttribute("compression") == "on" ? "on" : "off"))\n"
        }
        return text
    }
}
