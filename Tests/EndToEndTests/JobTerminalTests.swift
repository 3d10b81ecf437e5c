import Foundation
import Glibc
import Testing

/// Issue 3 at a real terminal: tidepool runs inside tmux (a pseudo-terminal with a screen we can read back),
/// keys are typed with send-keys, and what the user would see is read with capture-pane.
@Suite("Background jobs and the status line at a terminal")
struct JobTerminalTests {
    let env: TestEnvironment

    init() throws { env = try TestEnvironment.current() }

    private func withDatabase<T: Sendable>(_ label: String, _ body: (String) async throws -> T) async throws -> T {
        let name = ScratchDatabases.name(prefix: "jobs", label: label, suffix: "t")
        return try await ScratchDatabases.with([name], in: env) { try await body(name) }
    }

    /// Runs `body` with tidepool started in a fresh terminal, and always ends that terminal.
    private func withTerminal(_ db: String, _ body: (TmuxTerminal) async throws -> Void) async throws {
        let terminal = try await TmuxTerminal.start(program: env.candidate, arguments: ["-X"], database: db,
                                                    environment: env)
        do {
            try await body(terminal)
        } catch {
            await terminal.close()
            throw error
        }
        await terminal.close()
    }

    @Test("a job started with \\& leaves the prompt usable and announces itself, with its result, when done")
    func jobAnnouncesItself() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("announce") { db in
            try await withTerminal(db) { terminal in
                try await terminal.waitFor("=#")
                try await terminal.type("\\set PROMPT1 '%j%/%R%x%# '")

                try await terminal.type("select pg_sleep(1.5), 'from the job' as what \\&")
                try await terminal.waitFor("[1] started")
                try await terminal.type("select 'foreground' || ' works' as meanwhile;")
                let meanwhile = try await terminal.waitFor(" foreground works")
                #expect(!meanwhile.contains("[1] done"), "the job cannot be done yet")
                #expect(meanwhile.contains("[1]\(db)=#"), "the prompt shows the running job (%j)")

                try await Task.sleep(for: .milliseconds(1800))
                try await terminal.type("")  // a new prompt: the finished job is announced before it
                let screen = try await terminal.waitFor("from the job")
                #expect(screen.contains("[1] done "), "\(screen)")
                #expect(screen.contains("s, 1 row"), "\(screen)")
            }
        }
    }

    @Test("the status line shows while a slow statement runs and is gone from the final screen")
    func statusLine() async throws {
        guard !env.candidateIsReference else { return }
        try await withDatabase("status") { db in
            try await withTerminal(db) { terminal in
                try await terminal.waitFor("=#")
                try await terminal.type("select pg_sleep(2.5) as slept;")
                let during = try await terminal.waitFor("running ")
                #expect(during.contains("| pool 1/"), "\(during)")
                #expect(during.contains("waiting"))

                let after = try await terminal.waitFor("(1 row)", timeout: 10)
                #expect(!after.contains("running "), "the status line is erased: \(after)")
                #expect(after.contains(" slept"))
            }
        }
    }
}

/// One tidepool inside a private tmux server (its own socket, so parallel tests never meet). tmux runs through
/// `ProgramRunner`, whose children start with default signal dispositions and write to files, never to a pipe
/// the daemonised tmux server could hold open.
struct TmuxTerminal: Sendable {
    let socket: String
    let environment: [String: String]
    private static let session = "t"

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func start(program: String, arguments: [String], database: String, environment: TestEnvironment,
                      columns: Int = 120, rows: Int = 40) async throws -> TmuxTerminal {
        var childEnvironment = environment.baseEnvironment
        childEnvironment["PGDATABASE"] = database
        childEnvironment["TERM"] = "xterm"
        childEnvironment["NO_COLOR"] = "1"
        let terminal = TmuxTerminal(socket: "tidepool-jobs-\(getpid())-\(UUID().uuidString.prefix(8))",
                                    environment: childEnvironment)
        let command = ([program] + arguments).map(shellQuoted).joined(separator: " ")
        try await terminal.tmux(["new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", command])
        return terminal
    }

    /// Types `text` and Enter.
    func type(_ text: String) async throws {
        // tmux reads a `;` ending an argument as its own command separator, even with -l: escape it.
        let keys = text.hasSuffix(";") ? text.dropLast() + "\\;" : text
        if !keys.isEmpty { try await tmux(["send-keys", "-t", Self.session, "-l", keys]) }
        try await tmux(["send-keys", "-t", Self.session, "Enter"])
    }

    func screen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", Self.session])
    }

    /// Polls the screen until it shows `text`; returns that screen. (capture-pane drops trailing spaces.)
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 5) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try await screen()
            if last.contains(text) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failed(description: "the screen never showed \"\(text)\"; it shows:\n\(last)")
    }

    /// Ends the tmux server, and with it the program (its terminal goes away).
    func close() async {
        _ = try? await tmux(["kill-server"])
    }

    @discardableResult
    private func tmux(_ arguments: [String]) async throws -> String {
        let run = try await ProgramRunner.run("/usr/bin/tmux", ["-L", socket, "-f", "/dev/null"] + arguments,
                                              environment: environment, timeout: .seconds(10))
        guard run.exitCode == 0 else {
            throw Failed(description: "tmux \(arguments.joined(separator: " ")) failed: \(run.stderrText)")
        }
        return run.stdoutText
    }
}
