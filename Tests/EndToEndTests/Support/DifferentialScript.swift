import Foundation
import Testing

/// One script of the corpus in Tests/EndToEndTests/Differential/: `NAME.sql`, whose optional first line
/// `-- flags: …` holds extra command-line flags given to both programs.
struct DifferentialScript: Sendable {
    let name: String
    let path: String
    let bytes: [UInt8]
    let flags: [String]

    /// A script driven by `-c` has no script input: stdin and `-f` variants would mean nothing.
    var drivenByCommandOption: Bool {
        flags.contains { $0 == "-c" || $0.hasPrefix("--command") }
    }

    /// The corpus folder, found from this source file so it works from any working directory.
    static let folder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Differential").path

    /// Every script of the corpus, sorted by name. A script that cannot be read or whose flags cannot
    /// be split still appears, with an empty body and a flag that makes both programs fail the same
    /// way: a broken header must show up as a test, not silently vanish.
    static func all() -> [DifferentialScript] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted().map { file in
            let path = folder + "/" + file
            let bytes = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
            let flags = (try? flagsLine(of: bytes)) ?? ["--unsplittable-flags-line"]
            return DifferentialScript(name: String(file.dropLast(4)), path: path, bytes: bytes, flags: flags)
        }
    }

    /// The words after `-- flags:` on the first line (a byte-order mark and a CR are allowed).
    static func flagsLine(of bytes: [UInt8]) throws -> [String] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let firstLine = body.prefix { $0 != UInt8(ascii: "\n") }
        var line = String(decoding: firstLine, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        let marker = "-- flags:"
        guard line.hasPrefix(marker) else { return [] }
        return try ShellWords.split(String(line.dropFirst(marker.count)))
    }
}

/// How the script reaches the two programs.
enum ScriptInput: String, Sendable, CaseIterable {
    /// The script on stdin (psql's messages then carry no file name).
    case stdin
    /// `-f PATH` (messages read `psql:PATH:LINE: ERROR:`).
    case file
    /// Only the `-c` flags of the header; stdin is empty.
    case commandLine = "-c"
}

/// One test case: a script and the way it is fed.
struct DifferentialCase: Sendable, CustomTestStringConvertible {
    let script: DifferentialScript
    let input: ScriptInput

    var testDescription: String { "\(script.name) [\(input.rawValue)]" }

    /// Always -X (no ~/.psqlrc); the connection comes from the environment.
    var arguments: [String] {
        let base = ["-X"] + script.flags
        return input == .file ? base + ["-f", script.path] : base
    }

    var stdin: [UInt8] { input == .stdin ? script.bytes : [] }

    static var all: [DifferentialCase] {
        DifferentialScript.all().flatMap { script in
            script.drivenByCommandOption
                ? [DifferentialCase(script: script, input: .commandLine)]
                : [DifferentialCase(script: script, input: .stdin), DifferentialCase(script: script, input: .file)]
        }
    }
}
