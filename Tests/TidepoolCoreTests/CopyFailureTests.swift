import Foundation
import Testing

/// COPY that fails — a bad row, a trigger that raises, a missing file — must fail cleanly: psql's message,
/// psql's exit status, nothing half-loaded, and the session still usable.
@Suite("COPY failures", .serialized)
struct CopyFailureTests {
    @Test("a bad row fails the COPY with psql's error and the next statement works")
    func badRow() throws {
        try CopyTestSupport.withDatabase("badrow") { db in
            let script = CopyTestSupport.scratchFile("badrow.sql")
            try CopyTestSupport.write("""
                create table t (n int, s text);
                copy t from stdin;
                1\tone
                x\ttwo
                3\tthree
                \\.
                select count(*) as loaded from t;
                insert into t values (4, 'four');

                """, to: script)
            let ours = try CopyTestSupport.run(CopyTestSupport.tidepool, ["-d", db, "-f", script])
            #expect(ours.status == 0)
            #expect(ours.stderr == """
                tidepool:\(script):6: ERROR:  invalid input syntax for type integer: "x"
                CONTEXT:  COPY t, line 2, column n: "x"

                """)
            #expect(ours.text.contains(" loaded \n--------\n      0\n(1 row)\n\nINSERT 0 1\n"))
        }
    }

    @Test("a trigger failing in the middle of a 100,000-row COPY undoes it all and reports where")
    func failingTrigger() throws {
        try CopyTestSupport.withDatabase("trigger") { db in
            let tp = CopyTestSupport.tidepool
            let setup = try CopyTestSupport.run(tp, [
                "-q", "-d", db,
                "-c", "create table t (n int, s text)",
                "-c", """
                    create function refuse() returns trigger language plpgsql as $$
                    begin if new.n = 50000 then raise exception 'disk full at row %', new.n; end if; return new; end $$
                    """,
                "-c", "create trigger refuse before insert on t for each row execute function refuse()",
            ])
            #expect(setup.status == 0, "\(setup.stderr)")
            let data = CopyTestSupport.scratchFile("trigger.copy")
            let rows = (1...100_000).map { "\($0)\tvalue \($0)\n" }.joined()
            try CopyTestSupport.write(rows, to: data)
            let run = try CopyTestSupport.run(tp, ["-d", db, "-c", "copy t from stdin"], stdinPath: data)
            #expect(run.status == 1)
            #expect(run.stderr == """
                ERROR:  disk full at row 50000
                CONTEXT:  PL/pgSQL function refuse() line 2 at RAISE
                COPY t, line 50000: "50000\tvalue 50000"

                """)
            // The session is usable after it: the same connection runs the next statement.
            let after = try CopyTestSupport.run(tp, [
                "-d", db, "-A", "-t", "-c", "\\copy t from stdin", "-c", "select count(*) from t",
            ], stdinPath: data)
            #expect(after.text.hasSuffix("0\n"), "\(after.stderr)")
            #expect(after.stderr.contains("disk full at row 50000"))
        }
    }

    @Test("\\copy from a missing file: psql's message and exit status")
    func missingFile() throws {
        try CopyTestSupport.withDatabase("missing") { db in
            let path = "/nonexistent/tidepool/missing.csv"
            for program in [CopyTestSupport.tidepool, CopyTestSupport.psql] {
                let name = (program as NSString).lastPathComponent
                let single = try CopyTestSupport.run(program, ["-d", db, "-c", "\\copy pg_class from '\(path)'"])
                #expect(single.status == 1, "\(name)")
                #expect(single.stderr == "\(path): No such file or directory\n", "\(name)")

                let script = CopyTestSupport.scratchFile("missing-\(name).sql")
                try CopyTestSupport.write("\\copy pg_class from '\(path)'\nselect 'reached';\n", to: script)
                let stops = try CopyTestSupport.run(program, ["-d", db, "-v", "ON_ERROR_STOP=1", "-f", script])
                #expect(stops.status == 3, "\(name)")
                #expect(stops.stderr == "\(name):\(script):1: error: \(path): No such file or directory\n", "\(name)")
                #expect(!stops.text.contains("reached"), "\(name)")
            }
        }
    }

    @Test("\\copy to a program that fails reports its exit code; the rows still went out")
    func failingProgram() throws {
        try CopyTestSupport.withDatabase("program") { db in
            let run = try CopyTestSupport.run(CopyTestSupport.tidepool, [
                "-d", db, "-c", "\\copy (select 1) to program 'cat >/dev/null; exit 4'",
            ])
            #expect(run.status == 1)
            #expect(run.text == "COPY 1\n")
            #expect(run.stderr == "cat >/dev/null; exit 4: child process exited with exit code 4\n")
        }
    }
}
