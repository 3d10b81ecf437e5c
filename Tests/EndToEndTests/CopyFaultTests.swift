import Foundation
import Glibc
import Testing

/// COPY under faults, psql beside tidepool: the backend terminated or the server restarted in the middle
/// of COPY FROM STDIN, `\copy … from`, COPY TO STDOUT and `\copy … to`, and Ctrl-C while a piped script is
/// inside inline COPY data. Each case runs psql first, then the candidate, on a server of its own
/// (FaultServer), and checks what each printed, its exit status and the table afterwards (through psql).
///
/// The name matches scripts/run-tests.sh's serial `timing=` list ("FaultTests"): these cases restart
/// servers and send signals at chosen moments.
@Suite("COPY under faults", .serialized)
struct CopyFaultTests {
    /// psql, then the candidate (the same binary twice when the harness is proved against psql).
    private static func programs() throws -> [String] {
        let env = try TestEnvironment.current()
        return [env.psql, env.candidate]
    }

    /// A fresh table `t` holding one committed row, so that "nothing of the COPY kept" shows as count 1.
    private static func freshTable(_ server: FaultServer) async throws {
        try await server.query("drop table if exists t; create table t(i int); insert into t values (0)")
    }

    /// Waits until a COPY is running on a client backend (the statement is active, not merely the last
    /// one sent), so that the fault lands inside it.
    private static func waitForActiveCopy(_ server: FaultServer) async throws -> Bool {
        for _ in 0..<200 {
            let rows = try await server.query("""
                select count(*) from pg_stat_activity
                where state = 'active' and query ilike 'copy%' and pid <> pg_backend_pid()
                """)
            if rows == ["1"] { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    private static func terminateCopy(_ server: FaultServer) async throws {
        let rows = try await server.query("""
            select count(pg_terminate_backend(pid)) from pg_stat_activity
            where state = 'active' and query ilike 'copy%' and pid <> pg_backend_pid()
            """)
        #expect(rows == ["1"])
    }

    /// What psql does when the connection goes in the middle of a statement of a script: the server's
    /// FATAL (or libpq's words), then "connection to server was lost" last, status 2, nothing after it.
    private static func expectLostConnection(_ sh: FaultShell, _ status: Int32?, _ program: String,
                                             sourceLocation: SourceLocation = #_sourceLocation) {
        let name = (program as NSString).lastPathComponent
        #expect(status == 2, "\(name): \(sh.report)", sourceLocation: sourceLocation)
        #expect(sh.stderr.contains("FATAL:  terminating connection due to administrator command"),
                "\(name): \(sh.report)", sourceLocation: sourceLocation)
        #expect(sh.stderr.hasSuffix("connection to server was lost\n"), "\(name): \(sh.report)",
                sourceLocation: sourceLocation)
        #expect(!sh.stdout.contains("after") && !sh.stdout.contains("42"), "\(name) went on: \(sh.report)",
                sourceLocation: sourceLocation)
    }

    // MARK: Connection lost during COPY FROM

    @Test("backend terminated inside COPY FROM STDIN data: exit 2, nothing after runs, no row of the COPY kept",
          arguments: ["copy t from stdin;", "\\copy t from pstdin"])
    func copyInTerminated(_ copy: String) async throws {
        signal(SIGPIPE, SIG_IGN)  // a shell that has ended may not read the rest of the script
        try await FaultServer.with("copyin-term") { server in
            for program in try Self.programs() {
                try await Self.freshTable(server)
                let sh = try FaultShell([], environment: server.environment, program: program)
                sh.send("\\echo ready", copy, "1", "2")
                #expect(await sh.waitFor("ready"))
                #expect(try await Self.waitForActiveCopy(server), "\(sh.report)")
                try await Self.terminateCopy(server)
                try await Task.sleep(for: .milliseconds(300))
                sh.send("3", "\\.", "\\echo after", "select 42;")
                let status = await sh.finish()
                Self.expectLostConnection(sh, status, program)
                #expect(try await server.query("select count(*) from t") == ["1"])
            }
        }
    }

    @Test("server restarted inside COPY FROM STDIN data: exit 2, nothing after runs, no row of the COPY kept",
          arguments: ["copy t from stdin;", "\\copy t from pstdin"])
    func copyInRestarted(_ copy: String) async throws {
        signal(SIGPIPE, SIG_IGN)
        try await FaultServer.with("copyin-restart") { server in
            for program in try Self.programs() {
                try await Self.freshTable(server)
                let sh = try FaultShell([], environment: server.environment, program: program)
                sh.send("\\echo ready", copy, "1", "2")
                #expect(await sh.waitFor("ready"))
                #expect(try await Self.waitForActiveCopy(server), "\(sh.report)")
                try await server.restart()
                sh.send("3", "\\.", "\\echo after", "select 42;")
                let status = await sh.finish()
                Self.expectLostConnection(sh, status, program)
                #expect(try await server.query("select count(*) from t") == ["1"])
            }
        }
    }

    @Test("backend terminated while \\copy reads a program: exit 2, nothing after runs, no row kept, no hang")
    func copyFromProgramTerminated() async throws {
        signal(SIGPIPE, SIG_IGN)
        try await FaultServer.with("copyprog-term") { server in
            for program in try Self.programs() {
                try await Self.freshTable(server)
                let sh = try FaultShell([], environment: server.environment, program: program)
                sh.send("\\copy t from program 'for i in 1 2 3 4 5 6 7 8 9 10; do echo $i; sleep 0.3; done'",
                        "\\echo after", "select 42;")
                #expect(try await Self.waitForActiveCopy(server), "\(sh.report)")
                try await Self.terminateCopy(server)
                let status = await sh.finish(timeout: .seconds(30))
                Self.expectLostConnection(sh, status, program)
                #expect(try await server.query("select count(*) from t") == ["1"])
            }
        }
    }

    // MARK: Connection lost during COPY TO

    @Test("backend terminated during COPY TO STDOUT and \\copy to a file: rows so far, then exit 2",
          arguments: ["copy (select g, pg_sleep(0.02) from generate_series(1, 500) g) to stdout;",
                      "\\copy (select g, pg_sleep(0.02) from generate_series(1, 500) g) to 'FILE'"])
    func copyOutTerminated(_ copy: String) async throws {
        signal(SIGPIPE, SIG_IGN)
        try await FaultServer.with("copyout-term") { server in
            for program in try Self.programs() {
                let file = NSTemporaryDirectory() + "tidepool-copyout-\(UUID().uuidString)"
                defer { try? FileManager.default.removeItem(atPath: file) }
                let sh = try FaultShell([], environment: server.environment, program: program)
                sh.send(copy.replacingOccurrences(of: "FILE", with: file), "\\echo after", "select 42;")
                #expect(try await Self.waitForActiveCopy(server), "\(sh.report)")
                try await Task.sleep(for: .milliseconds(200))  // some rows have gone out
                try await Self.terminateCopy(server)
                let status = await sh.finish(timeout: .seconds(30))
                Self.expectLostConnection(sh, status, program)
                if copy.hasPrefix("copy") {
                    #expect(sh.stdout.hasPrefix("1\t\n2\t\n"), "\(sh.report)")
                    #expect(!sh.stdout.contains("500\t"), "\(sh.report)")
                }
            }
        }
    }

    // MARK: Ctrl-C in a script's COPY data

    /// psql's fgets in handleCopyIn longjmps out on SIGINT: the COPY ends "canceled by user" (nothing of it
    /// kept) and the script goes on with the lines after — which then are SQL. Under ON_ERROR_STOP the
    /// COPY's error ends the script with status 3.
    @Test("Ctrl-C while a piped script waits inside COPY data: the COPY is cancelled, as in psql",
          arguments: [("copy t from stdin;", false), ("copy t from stdin;", true),
                      ("\\copy t from pstdin", false), ("\\copy t from pstdin", true)])
    func interruptInCopyData(_ copy: String, _ onErrorStop: Bool) async throws {
        signal(SIGPIPE, SIG_IGN)
        try await FaultServer.with("copyin-sigint") { server in
            var runs: [(status: Int32?, stdout: String, stderr: String)] = []
            for program in try Self.programs() {
                try await Self.freshTable(server)
                let sh = try FaultShell(onErrorStop ? ["-v", "ON_ERROR_STOP=1"] : [],
                                        environment: server.environment, program: program)
                sh.send("select 1 as one;", copy, "1", "2")
                #expect(try await Self.waitForActiveCopy(server), "\(sh.report)")
                try await Task.sleep(for: .milliseconds(300))  // blocked reading the data
                sh.signal(SIGINT)
                try await Task.sleep(for: .milliseconds(500))
                sh.send("3", "\\.", "\\echo after", "select 42;")
                let status = await sh.finish(timeout: .seconds(30))
                runs.append((status, sh.stdout, sh.stderr))
                #expect(sh.stderr.hasPrefix("ERROR:  COPY from stdin failed: canceled by user\n"), "\(sh.report)")
                #expect(status == (onErrorStop ? 3 : 0), "\(sh.report)")
                #expect(sh.stdout.contains("after") == !onErrorStop, "\(sh.report)")
                #expect(try await server.query("select count(*) from t") == ["1"])
            }
            #expect(runs[0].status == runs[1].status)
            #expect(runs[0].stdout == runs[1].stdout)
            #expect(runs[0].stderr == runs[1].stderr)
        }
    }
}

/// A trigger that raises on row 5,000 of a 10,000-row COPY FROM STDIN: the error (with its DETAIL, HINT
/// and CONTEXT), the exit status and the table afterwards are psql's, on stdin and with -f, with and
/// without ON_ERROR_STOP, for inline COPY and `\copy … from pstdin`.
@Suite("COPY: a failing trigger in a large COPY FROM STDIN")
struct CopyTriggerTests {
    private static func script(_ copy: String) -> [UInt8] {
        var text = """
            create table big (i int, t text);
            create function refuse_5000() returns trigger language plpgsql as $$
            begin
              if new.i = 5000 then
                raise exception 'row % refused', new.i using detail = 'a detail', hint = 'a hint';
              end if;
              return new;
            end $$;
            create trigger refuse before insert on big for each row execute function refuse_5000();
            insert into big values (0, 'committed before');
            \\echo before
            \(copy)

            """
        for i in 1...10_000 { text += "\(i)\trow \(i)\n" }
        text += "\\.\n\\echo after\nselect count(*), min(i), max(i) from big;\n"
        return Array(text.utf8)
    }

    @Test("same output, exit status and table as psql",
          arguments: [("copy big from stdin;", false), ("copy big from stdin;", true),
                      ("\\copy big from pstdin", false), ("\\copy big from pstdin", true)])
    func failingTrigger(_ copy: String, _ onErrorStop: Bool) async throws {
        let environment = try TestEnvironment.current()
        let arguments = ["-X"] + (onErrorStop ? ["-v", "ON_ERROR_STOP=1"] : [])
        let label = "trigger_\(copy.hasPrefix("copy") ? "inline" : "pstdin")_\(onErrorStop ? "stop" : "go")"
        let comparison = try await Differential.compare(environment, label: label, arguments: arguments,
                                                        stdin: Self.script(copy))
        #expect(comparison.isIdentical, Comment(rawValue: comparison.report))
        #expect(comparison.candidate.exitCode == (onErrorStop ? 3 : 0))
        let stdout = String(decoding: comparison.candidateStdout, as: UTF8.self)
        let stderr = String(decoding: comparison.candidateStderr, as: UTF8.self)
        #expect(stderr.contains("ERROR:  row 5000 refused\nDETAIL:  a detail\nHINT:  a hint\n"), "\(stderr)")
        #expect(stderr.contains("COPY big, line 5000: \"5000\trow 5000\""), "\(stderr)")
        if !onErrorStop {
            // Only the row committed before the COPY is left.
            #expect(stdout.contains("     1 |   0 |   0\n"), "\(stdout)")
        }
    }
}

/// COPY at the prompt (a pseudo-terminal): data typed after psql's banner and `>> ` prompts, Ctrl-C that
/// cancels the COPY and leaves the shell at the prompt, and a `\copy` whose backend dies — the shell says
/// so as psql does, resets the connection and goes on.
@Suite("COPY at the prompt under faults", .serialized)
struct CopyTerminalFaultTests {
    @Test("typed COPY data: banner, Ctrl-C cancels (no row kept); a lost \\copy resets and the shell goes on")
    func terminalCopy() async throws {
        let environment = try TestEnvironment.current()
        guard !environment.candidateIsReference else { return }
        let db = ScratchDatabases.name(prefix: "tpd", label: "copyfault", suffix: "pty")
        let home = NSTemporaryDirectory() + "tidepool-pty-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await ScratchDatabases.with([db], in: environment) {
            let outcome = try PtySession.run(arguments: ["-d", db, "--no-timing"], environment: ["HOME": home], steps: [
                .expect("\(db)=# $"),
                .send("create table t(i int);\r"), .expect("\(db)=# $"),
                .send("copy t from stdin;\r"), .expect(">> $"),
                .send("1\r"), .expect(">> $"),
                .send("2\r"), .expect(">> $"),
                .sleep(0.2), .send("\u{3}"), .expect("canceled by user(.|\n)*\(db)=# $"),
                .send("select count(*) as after_cancel from t;\r"), .expect("\(db)=# $"),
                .send("create function die() returns trigger language plpgsql as $$ begin "
                      + "perform pg_terminate_backend(pg_backend_pid()); perform pg_sleep(5); return new; end $$;\r"),
                .expect("\(db)=# $"),
                .send("create trigger die before insert on t for each row execute function die();\r"),
                .expect("\(db)=# $"),
                .send("\\copy t from program 'seq 1 5'\r"), .expect("Attempting reset: Succeeded\\.(.|\n)*\(db)=# $"),
                .send("drop trigger die on t;\r"), .expect("\(db)=# $"),
                .send("select count(*) as after_loss from t;\r"), .expect("\(db)=# $"),
                .send("\\q\r"),
            ])
            #expect(!outcome.timedOut, "screen: \(outcome.text)")
            #expect(outcome.exitStatus == 0, "screen: \(outcome.text)")
            let text = outcome.text
            #expect(text.contains("Enter data to be copied followed by a newline.\n"
                + "End with a backslash and a period on a line by itself, or an EOF signal.\n"), "\(text)")
            #expect(text.contains("ERROR:  COPY from stdin failed: canceled by user"), "\(text)")
            #expect(text.contains(/after_cancel \n-+\n +0\n/), "\(text)")
            #expect(text.contains("FATAL:  terminating connection due to administrator command"), "\(text)")
            #expect(text.contains("The connection to the server was lost. Attempting reset: Succeeded."), "\(text)")
            #expect(text.contains(/after_loss \n-+\n +0\n/), "\(text)")
        }
    }
}
