import CLibPQ
import Foundation
import TidepoolCore

/// Differential testing of the printers against the real psql 15: the same query runs through psql
/// (with the equivalent `-P` options) and through libpq into our printer, and the bytes must match.
enum PrintTestServer {
    static let psql = "/usr/lib/postgresql/15/bin/psql"
    // The server `make test` starts (PGHOST/PGPORT/PGUSER); TIDEPOOL_TEST_* override it.
    static let host = env("TIDEPOOL_TEST_HOST") ?? env("PGHOST") ?? "127.0.0.1"
    static let port = env("TIDEPOOL_TEST_PORT") ?? env("PGPORT") ?? "5432"
    static let user = env("TIDEPOOL_TEST_USER") ?? env("PGUSER") ?? "postgres"
    private static func env(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
    /// Queries need no tables; one database with the part's prefix serves every test.
    static let database: String = {
        let name = "print_tests"
        _ = runPsql(["-d", "postgres", "-c", "create database \(name)"], sql: nil)
        return name
    }()

    static var conninfo: String {
        "host=\(host) port=\(port) user=\(user) dbname=\(database) client_encoding=UTF8"
    }

    /// Runs psql; returns stdout bytes.
    @discardableResult
    static func runPsql(_ args: [String], sql: String?, mergeStderr: Bool = false) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        var all = ["-X", "-h", host, "-p", port, "-U", user]
        all += args
        if let sql { all += ["-c", sql] }
        process.arguments = all
        var env = ProcessInfo.processInfo.environment
        env["PGCLIENTENCODING"] = "UTF8"
        env["PSQL_PAGER"] = ""
        env["PAGER"] = ""
        env.removeValue(forKey: "COLUMNS")
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = mergeStderr ? out : FileHandle.nullDevice
        try! process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    /// psql's output for `sql` printed with `settings` (and any extra psql arguments).
    static func psqlOutput(_ sql: String, _ settings: PrintSettings, extra: [String] = []) -> [UInt8] {
        runPsql(["-d", database] + psqlArguments(settings) + extra, sql: sql)
    }

    static func psqlArguments(_ s: PrintSettings) -> [String] {
        var p: [String] = ["format=\(s.format.rawValue)", "border=\(s.border)",
                           "expanded=\(s.expanded == .auto ? "auto" : (s.expanded == .on ? "on" : "off"))",
                           "tuples_only=\(s.tuplesOnly ? "on" : "off")", "footer=\(s.footer ? "on" : "off")",
                           "null=\(s.nullDisplay)", "csv_fieldsep=\(s.csvFieldSeparator)",
                           "linestyle=\(s.lineStyle.rawValue)", "columns=\(s.columns)",
                           "unicode_border_linestyle=\(s.unicodeBorderLineStyle.rawValue)",
                           "unicode_column_linestyle=\(s.unicodeColumnLineStyle.rawValue)",
                           "unicode_header_linestyle=\(s.unicodeHeaderLineStyle.rawValue)"]
        if let title = s.title { p.append("title=\(title)") }
        if s.fieldSeparatorZero { p.append("fieldsep_zero") } else { p.append("fieldsep=\(s.fieldSeparator)") }
        if s.recordSeparatorZero { p.append("recordsep_zero") } else { p.append("recordsep=\(s.recordSeparator)") }
        var args: [String] = []
        for option in p { args += ["-P", option] }
        if s.fetchCount > 0 { args += ["-v", "FETCH_COUNT=\(s.fetchCount)"] }
        return args
    }

    /// Our output for `sql`: the result fetched with libpq and fed row by row to our printer.
    static func ourOutput(_ sql: String, _ settings: PrintSettings) -> [UInt8] {
        let conn = PQconnectdb(conninfo)
        defer { PQfinish(conn) }
        precondition(PQstatus(conn) == CONNECTION_OK, String(cString: PQerrorMessage(conn)))
        let res = PQexec(conn, sql)
        defer { PQclear(res) }
        precondition(PQresultStatus(res) == PGRES_TUPLES_OK, String(cString: PQresultErrorMessage(res)))
        let out = OutputStream.memory()
        feed(res!, to: makeResultPrinter(settings: settings, output: out))
        out.flush()
        return out.memoryContents
    }

    static func feed(_ res: OpaquePointer, to printer: ResultPrinter) {
        let nfields = Int(PQnfields(res))
        let ntuples = Int(PQntuples(res))
        var columns: [ResultColumn] = []
        for c in 0..<nfields {
            columns.append(ResultColumn(name: String(cString: PQfname(res, Int32(c))), typeOID: PQftype(res, Int32(c))))
        }
        printer.begin(columns: columns)
        var cells = [Cell](repeating: .null, count: nfields)
        for r in 0..<ntuples {
            for c in 0..<nfields {
                if PQgetisnull(res, Int32(r), Int32(c)) != 0 {
                    cells[c] = .null
                } else {
                    let p = UnsafeRawPointer(PQgetvalue(res, Int32(r), Int32(c))!).assumingMemoryBound(to: UInt8.self)
                    cells[c] = Cell(base: p, count: Int(PQgetlength(res, Int32(r), Int32(c))))
                }
            }
            cells.withUnsafeBufferPointer { printer.row($0) }
        }
        printer.end(rowCount: ntuples)
    }

    /// Readable form of bytes for failure messages.
    static func show(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\0", with: "\\0")
    }
}

/// One printing configuration of a differential test.
struct PrintConfig: Sendable, CustomStringConvertible {
    var description: String
    var settings: PrintSettings

    init(_ description: String, _ change: (inout PrintSettings) -> Void) {
        self.description = description
        var s = PrintSettings()
        change(&s)
        settings = s
    }
}
