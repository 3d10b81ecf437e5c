import Foundation
import Testing

/// tidepool's own additions to psql's script commands, on the built binary (psql 15 has no `\watch c=`,
/// no `\pset json_lines`, no AUTO_ROLLBACK, so these cannot be differential).
@Suite("Meta-commands beyond psql 15")
struct MetaCommandScriptTests {
    private func runScript(_ text: String) throws -> CopyTestSupport.Run {
        let path = NSTemporaryDirectory() + "tidepool-meta-\(getpid())-\(UUID().uuidString).sql"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try CopyTestSupport.run(CopyTestSupport.tidepool, ["-d", "postgres", "-f", path])
    }

    @Test("\\watch c=N runs N times with psql 15's header, on a pooled connection")
    func watchCount() throws {
        let run = try runScript("\\C 'my title'\nselect pg_backend_pid() = pg_backend_pid() as same \\watch i=0.01 c=3\n\\echo done\n")
        #expect(run.status == 0)
        let headers = run.text.components(separatedBy: "\n").filter { $0.hasPrefix("my title\t") && $0.hasSuffix(" (every 0.01s)") }
        #expect(headers.count == 3, "\(run.text)")
        #expect(run.text.hasSuffix("done\n"))
        #expect(run.stderr.isEmpty)
    }

    @Test("\\watch rejects a bad count with a clear message")
    func watchBadCount() throws {
        let run = try runScript("select 1 \\watch c=0\n")
        #expect(run.stderr.contains("\\watch: incorrect iteration count \"c=0\""))
        #expect(!run.text.contains("every"))
    }

    @Test("\\pset json_lines and AUTO_ROLLBACK's values")
    func tidepoolSettings() throws {
        let run = try runScript("""
            \\pset format json
            \\pset json_lines on
            select 1 as a union all select 2;
            \\set AUTO_ROLLBACK statement
            \\echo :AUTO_ROLLBACK
            \\set AUTO_ROLLBACK sometimes
            \\echo :AUTO_ROLLBACK
            """)
        #expect(run.text.contains("Output format is json.\nJSON lines output is on.\n"))
        #expect(run.text.contains("{\"a\":1}\n{\"a\":2}\n"))
        #expect(run.text.hasSuffix("statement\nstatement\n"))
        #expect(run.stderr.contains("unrecognized value \"sometimes\" for \"AUTO_ROLLBACK\"\nAvailable values are: block, statement, off."))
    }

    @Test("\\c moves the pool: a later \\watch runs on the new database")
    func connectMovesPool() throws {
        let run = try runScript("\\c template1\nselect current_database() \\watch c=1\n\\c postgres\n")
        #expect(run.status == 0)
        #expect(run.text.contains("You are now connected to database \"template1\" as user"))
        #expect(run.text.contains(" template1\n"))
    }

    @Test("the output of \\o |command and \\g |command reaches the command; PGPASSWORD does not")
    func pipes() throws {
        setenv("PGPASSWORD", "secret-for-test", 1)
        defer { unsetenv("PGPASSWORD") }
        let run = try runScript("\\! echo \"[$PGPASSWORD]\"\nselect 'x' as piped \\g | tr a-z A-Z\n")
        #expect(run.text.contains("[]\n"))
        #expect(run.text.contains(" PIPED \n"))
    }
}
