import Foundation
import Testing

/// Issue 4 at a real terminal: the prompt follows the block's state (`=*>` inside, `=!>` once it failed and was
/// rolled back, `=>` after it ended), and `\q` inside a block asks before leaving.
struct PtyTransactionTests {
    @Test func promptMarksAndQuitInsideABlockAsks() async throws {
        let environment = try TestEnvironment.current()
        guard !environment.candidateIsReference else { return }
        let db = ScratchDatabases.name(prefix: "tpd", label: "txprompt", suffix: "pty")
        let home = NSTemporaryDirectory() + "tidepool-pty-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await ScratchDatabases.with([db], in: environment) {
            try PtySession.psql(db, "create table t (i int)")
            let outcome = try PtySession.run(arguments: ["-d", db, "--no-timing"], environment: ["HOME": home], steps: [
                .expect("\(db)=# $"),
                .send("begin;\r"), .expect("\(db)=\\*# $"),
                .send("insert into t values (1);\r"), .expect("\(db)=\\*# $"),
                .send("select 1/0;\r"), .expect("rolled back.*\(db)=!# $"),
                .send("insert into t values (2);\r"), .expect("statement skipped.*\(db)=!# $"),
                .send("rollback;\r"), .expect("ROLLBACK.*\(db)=# $"),
                .send("begin;\r"), .expect("\(db)=\\*# $"),
                .send("insert into t values (3);\r"), .expect("\(db)=\\*# $"),
                .send("\\q\r"), .expect("\\[c\\]ommit, \\[r\\]oll back, or \\[s\\]tay\\? $"),
                .send("s\r"), .expect("\(db)=\\*# $"),
                .send("\\q\r"), .expect("or \\[s\\]tay\\? $"),
                .send("c\r"),
            ])
            #expect(!outcome.timedOut, "screen: \(outcome.text)")
            #expect(outcome.exitStatus == 0)
            #expect(outcome.text.contains("ERROR:  division by zero"))
            var check = environment.baseEnvironment
            check["PGDATABASE"] = db
            let rows = try await ProgramRunner.run(environment.psql, ["-X", "-A", "-t", "-c", "select i from t order by i"],
                                                  environment: check)
            #expect(rows.stdoutText == "3\n", "only the committed block's row is there")
        }
    }
}
