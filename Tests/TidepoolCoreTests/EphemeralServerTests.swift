import Foundation
import Glibc
import Testing
@testable import TidepoolCore

/// The throwaway server behind `--ephemeral`: it must work, and it must leave nothing behind,
/// whether it is stopped or its owner is killed.
@Suite struct EphemeralServerTests {
    @Test func startsAcceptsConnectionsAndStopsWithoutATrace() throws {
        var messages: [String] = []
        let server = try EphemeralServer.start { messages.append($0) }
        let directory = server.socketDirectory
        let postmaster = server.postmaster.pid

        let output = try psql(
            ["-h", directory, "-p", "\(server.port)", "-U", "postgres", "-d", "postgres", "-XAt", "-c",
             "select 6 * 7, current_setting('listen_addresses') = '', current_setting('fsync')"])
        #expect(output == "42|t|off\n")
        #expect(try psql([server.conninfo, "-XAtc", "select current_user"]) == "postgres\n")
        #expect(messages.contains { $0.contains(directory) })

        server.stop()
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(!isAlive(postmaster))
        #expect(processes(mentioning: directory).isEmpty, "the watchdog must be gone too")
        server.stop()
    }

    @Test func watchdogRemovesTheServerWhenItsOwnerIsKilled() async throws {
        let server = try EphemeralServer.start { _ in }
        let directory = server.socketDirectory
        let postmaster = server.postmaster.pid
        let owner = try server.handOverOwnership(to: ["sleep", "600"])
        #expect(try psql(["-h", directory, "-p", "\(server.port)", "-U", "postgres", "-XAtc", "select 1"]) == "1\n")

        kill(owner, SIGKILL)
        _ = ChildProcess.wait(for: owner)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while clock.now < deadline && (FileManager.default.fileExists(atPath: directory) || isAlive(postmaster)) {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(!isAlive(postmaster))
        #expect(processes(mentioning: directory).isEmpty)
        server.stop()
    }

    @Test func findsTheServerBinaries() throws {
        let binaries = try ServerBinaries.locate()
        #expect(ServerBinaries.holdsServer(binaries.directory))
        #expect(FileManager.default.isExecutableFile(atPath: binaries.initdb))
    }

    @Test func quotesConninfoValuesOnlyWhenNeeded() {
        #expect(EphemeralServer.quoted("/tmp/tidepool-abc") == "/tmp/tidepool-abc")
        #expect(EphemeralServer.quoted("/tmp/my dir") == "'/tmp/my dir'")
        #expect(EphemeralServer.quoted(#"/tmp/it's\x"#) == #"'/tmp/it\'s\\x'"#)
    }

    // MARK: - Helpers

    /// Runs the real psql 15 and returns its stdout; fails the test on a non-zero exit.
    private func psql(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/lib/postgresql/15/bin/psql")
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql \(arguments) exited \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether `pid` is a live process (a zombie is not: it only waits for its parent to reap it).
    private func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let endOfName = stat.lastIndex(of: ")") else { return false }
        return !stat[endOfName...].hasPrefix(") Z")
    }

    /// Pids of the processes whose command line mentions `text` (the postmaster's `-D` and the
    /// watchdog's arguments both name the directory).
    private func processes(mentioning text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int(entry) != nil,
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(text)
        }
    }
}
