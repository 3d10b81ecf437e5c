import Foundation

/// What a throwaway server can leave behind: its directory under /tmp and its processes. Used to prove
/// that `--ephemeral` cleans up after itself.
struct ServerTraces: Equatable, Sendable {
    /// Entries of /tmp named `tidepool-*`.
    let temporaryDirectories: Set<String>
    /// Process ids of running `postgres` processes.
    let postgresProcesses: Set<Int32>

    static func now() -> ServerTraces {
        let tmp = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        return ServerTraces(
            // Only mkdtemp's `tidepool-XXXXXX`: other tests keep longer-named scratch folders of their own.
            temporaryDirectories: Set(tmp.filter { $0.hasPrefix("tidepool-") && $0.count == 15 }.map { "/tmp/" + $0 }),
            postgresProcesses: Set(processIDs().filter { commandName(of: $0) == "postgres" }))
    }

    static func processIDs() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }

    static func commandName(of pid: Int32) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The NUL-separated `/proc/PID/environ` or `cmdline`, as text; empty when unreadable (gone, or
    /// another user's process when not root).
    static func procText(_ pid: Int32, _ file: String) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/\(file)") else { return "" }
        return String(decoding: data.map { $0 == 0 ? UInt8(ascii: "\n") : $0 }, as: UTF8.self)
    }

    /// Postgres processes that exist now but not in `before` and belong to the run marked by `marker`
    /// (an environment variable the test gave tidepool, inherited by the server it starts) or that run
    /// in a tidepool-* directory created since `before`.
    func leftovers(since before: ServerTraces, marker: String) -> [String] {
        let newDirectories = temporaryDirectories.subtracting(before.temporaryDirectories)
        return postgresProcesses.subtracting(before.postgresProcesses).sorted().compactMap { pid in
            let environment = Self.procText(pid, "environ")
            let commandLine = Self.procText(pid, "cmdline")
            let ours = environment.contains(marker)
                || newDirectories.contains { commandLine.contains($0) }
                || (commandLine.contains("/tmp/tidepool-")
                    && !before.temporaryDirectories.contains { commandLine.contains($0) })
            return ours ? "pid \(pid): \(commandLine.replacingOccurrences(of: "\n", with: " "))" : nil
        }
    }
}
