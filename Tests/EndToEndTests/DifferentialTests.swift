import Testing

/// The corpus: every script in Differential/ run through psql and the candidate, which must print the
/// same bytes on stdout and stderr and exit with the same code.
///
/// - Run: `make test TEST_ARGS="--filter EndToEndTests"` (sets PGHOST/PGPORT/PGUSER), or by hand with
///   `PGHOST=127.0.0.1 PGPORT=54400 PGUSER=postgres swift test --filter EndToEndTests`.
/// - Prove the harness: `TIDEPOOL_BIN=/usr/lib/postgresql/15/bin/psql` makes psql the candidate; all
///   must pass (tidepool-only tests are then skipped).
/// - Add a case: drop `NAME.sql` into Differential/, optionally starting with `-- flags: -A -t`. Each
///   script runs twice, on stdin and with `-f PATH`; a script whose flags hold `-c` runs once, with
///   empty stdin. Keep it deterministic (no now(), random(), pids, OIDs, timings) and keep errors out
///   of transaction blocks unless a savepoint recovers them: there tidepool differs from psql on
///   purpose (auto-rollback, DESIGN.md).
@Suite("Differential corpus against psql")
struct DifferentialTests {
    @Test("same stdout, stderr and exit code as psql", arguments: DifferentialCase.all)
    func matchesPsql(_ testCase: DifferentialCase) async throws {
        let environment = try TestEnvironment.current()
        let comparison = try await Differential.compare(
            environment,
            label: "\(testCase.script.name)_\(testCase.input)",
            arguments: testCase.arguments,
            stdin: testCase.stdin)
        let identical = comparison.isIdentical
        #expect(identical, Comment(rawValue: comparison.report))
    }

    @Test("the corpus holds at least 45 scripts, each with flags that split")
    func corpusIsComplete() {
        let scripts = DifferentialScript.all()
        #expect(scripts.count >= 45, "only \(scripts.count) scripts in \(DifferentialScript.folder)")
        for script in scripts {
            #expect(!script.flags.contains("--unsplittable-flags-line"), "bad flags line in \(script.name).sql")
            #expect(!script.bytes.isEmpty || script.drivenByCommandOption, "\(script.name).sql is empty")
        }
    }
}
