import Foundation

/// Runs the built `tidepool` (and psql, for reference) against the test server for the COPY tests; each
/// test gets its own scratch database.
enum CopyTestSupport {
    static let psql = "/usr/lib/postgresql/15/bin/psql"

    struct Run {
        var stdout: [UInt8]
        var stderr: String
        var status: Int32
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// `tidepool` beside the test bundle (.build/debug/), or TIDEPOOL_BIN.
    static var tidepool: String {
        if let bin = ProcessInfo.processInfo.environment["TIDEPOOL_BIN"], !bin.isEmpty { return bin }
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return ((testBinary as NSString).deletingLastPathComponent as NSString).appendingPathComponent("tidepool")
    }

    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PGHOST"] = env["PGHOST"] ?? "127.0.0.1"
        env["PGPORT"] = env["PGPORT"] ?? "54400"
        env["PGUSER"] = env["PGUSER"] ?? "postgres"
        for name in ["PGDATABASE", "PSQLRC", "PAGER", "PSQL_PAGER", "COLUMNS", "PGOPTIONS"] { env[name] = nil }
        env["SWIFT_BACKTRACE"] = "interactive=no"
        return env
    }

    /// Runs `program` with `-X` (no psqlrc) and `arguments`, stdin from `stdinPath` (or empty), stdout into memory or `stdoutPath`.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], stdinPath: String? = nil,
                    stdoutPath: String? = nil, skipStartupFile: Bool = true) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = (skipStartupFile ? ["-X"] : []) + arguments
        process.environment = environment
        process.standardInput = try stdinPath.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) }
            ?? FileHandle.nullDevice
        let errPipe = Pipe()
        process.standardError = errPipe
        let outPipe = Pipe()
        if let stdoutPath {
            FileManager.default.createFile(atPath: stdoutPath, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        } else {
            process.standardOutput = outPipe
        }
        try process.run()
        // Read both pipes while the child runs so that neither fills up.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = stdoutPath == nil ? outPipe.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1000) }
        return Run(stdout: [UInt8](outData), stderr: String(decoding: errData, as: UTF8.self),
                   status: process.terminationStatus)
    }

    /// Creates a fresh database named `copy_<label>`, runs `body` with its name, and drops it.
    static func withDatabase<T>(_ label: String, _ body: (String) throws -> T) throws -> T {
        let name = "copy_\(label)_\(getpid())"
        try run(psql, ["-q", "-d", "postgres", "-c", "drop database if exists \(name)", "-c", "create database \(name)"])
        defer { _ = try? run(psql, ["-q", "-d", "postgres", "-c", "drop database if exists \(name)"]) }
        return try body(name)
    }

    static func scratchFile(_ name: String) -> String {
        let directory = NSTemporaryDirectory() + "tidepool-copy-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/" + name
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
