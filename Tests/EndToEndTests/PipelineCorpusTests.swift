import Foundation
import Testing

/// `--pipeline` must not change what a script does: every script of the differential corpus runs through
/// tidepool twice, one statement at a time and pipelined, each in a fresh database of its own; stdout,
/// stderr, the exit code and the final database state (pg_dump of each) must be identical.
@Suite("Pipelined scripts equal one-by-one runs")
struct PipelineCorpusTests {
    /// The differential corpus plus PipelineScripts/: scripts aimed at the pipeline's hard cases (errors in
    /// blocks under auto-rollback, savepoints, statements that run alone, result variables, -1), which
    /// differ from psql on purpose and so cannot live in the corpus (Tests/PipelineScripts).
    static let cases: [DifferentialCase] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PipelineScripts").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let own = names.filter { $0.hasSuffix(".sql") }.sorted().flatMap { file -> [DifferentialCase] in
            let path = folder + "/" + file
            let bytes = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
            let flags = (try? DifferentialScript.flagsLine(of: bytes)) ?? ["--unsplittable-flags-line"]
            let script = DifferentialScript(name: "pipeline_" + String(file.dropLast(4)), path: path, bytes: bytes, flags: flags)
            return [DifferentialCase(script: script, input: .stdin), DifferentialCase(script: script, input: .file)]
        }
        return DifferentialCase.all + own
    }()

    @Test("own scripts exist") func ownScriptsExist() {
        #expect(Self.cases.filter { $0.script.name.hasPrefix("pipeline_") }.count >= 12)
    }

    @Test("the corpus, with and without --pipeline", arguments: cases)
    func pipelinedRunMatches(_ testCase: DifferentialCase) async throws {
        let environment = try TestEnvironment.current()
        guard !environment.candidateIsReference else { return }  // psql has no --pipeline
        let label = "pipe_\(testCase.script.name)_\(testCase.input)"
        let plainDatabase = ScratchDatabases.name(prefix: "pipe", label: label, suffix: "a")
        let pipedDatabase = ScratchDatabases.name(prefix: "pipe", label: label, suffix: "b")
        let report: String? = try await ScratchDatabases.with([plainDatabase, pipedDatabase], in: environment) {
            let plain = try await Self.run(environment, testCase, database: plainDatabase, extra: [])
            let piped = try await Self.run(environment, testCase, database: pipedDatabase, extra: ["--pipeline"])
            let normalizer = OutputNormalizer(referenceName: environment.candidateName,
                                              candidateName: environment.candidateName,
                                              referenceDatabase: plainDatabase, candidateDatabase: pipedDatabase)
            var problems: [String] = []
            if plain.run.exitCode != piped.run.exitCode {
                problems.append("exit code: \(plain.run.exitCode) one by one, \(piped.run.exitCode) pipelined")
            }
            if let d = FirstDifference(expected: plain.run.stdout, actual: normalizer.candidate(stdout: piped.run.stdout)) {
                problems.append("stdout: \(d)")
            }
            if let d = FirstDifference(expected: plain.run.stderr, actual: normalizer.candidate(stderr: piped.run.stderr)) {
                problems.append("stderr: \(d)")
            }
            if let d = FirstDifference(expected: plain.state, actual: piped.state) {
                problems.append("final state (pg_dump): \(d)")
            }
            return problems.isEmpty ? nil : problems.joined(separator: "\n")
        }
        #expect(report == nil, Comment(rawValue: "\(testCase.testDescription)\n\(report ?? "")"))
    }

    @Test("a long script with a failed block equals the one-by-one run")
    func manyStatementsPipelined() async throws {
        let environment = try TestEnvironment.current()
        guard !environment.candidateIsReference else { return }
        var script = "create table t (id int primary key, v text);\n"
        for i in 1...3000 { script += "insert into t values (\(i), 'row \(i)');\n" }
        script += "begin;\ninsert into t values (3001, 'x');\ninsert into t values (1, 'dup');\ninsert into t values (3002, 'y');\ncommit;\n"
        script += "select count(*), sum(id) from t;\n"
        let databases = ["pipe_many_a", "pipe_many_b"].map { ScratchDatabases.name(prefix: "pipe", label: $0, suffix: "x") }
        let (plain, piped) = try await ScratchDatabases.with(databases, in: environment) {
            var env = environment.baseEnvironment
            env["PGDATABASE"] = databases[0]
            let a = try await ProgramRunner.run(environment.candidate, ["-X", "-q"], stdin: Array(script.utf8), environment: env)
            env["PGDATABASE"] = databases[1]
            let b = try await ProgramRunner.run(environment.candidate, ["-X", "-q", "--pipeline"], stdin: Array(script.utf8), environment: env)
            return (a, b)
        }
        #expect(plain.exitCode == 0 && piped.exitCode == 0)
        #expect(plain.stdout == piped.stdout)
        #expect(String(decoding: piped.stdout, as: UTF8.self).contains("3000 | 4501500"))
        let skipped = String(decoding: piped.stderr, as: UTF8.self).components(separatedBy: "statement skipped").count - 1
        #expect(skipped == 1, "the statement after the failure in the block is reported as skipped: \(piped.stderrText)")
        #expect(!piped.stderrText.contains("current transaction is aborted"))
    }

    private struct Outcome: Sendable {
        let run: ProgramRun
        let state: [UInt8]
    }

    private static func run(_ environment: TestEnvironment, _ testCase: DifferentialCase, database: String,
                            extra: [String]) async throws -> Outcome {
        var env = environment.baseEnvironment
        env["PGDATABASE"] = database
        let run = try await ProgramRunner.run(environment.candidate, testCase.arguments + extra,
                                              stdin: testCase.stdin, environment: env)
        let dump = try await ProgramRunner.run("/usr/lib/postgresql/15/bin/pg_dump",
                                               ["--no-owner", "--no-privileges", "-d", database], environment: env)
        // pg_dump brackets its output with a random \restrict key; the rest is deterministic.
        let lines = dump.stdout.split(separator: 0x0A, omittingEmptySubsequences: false)
            .filter { !$0.starts(with: Array("\\restrict".utf8)) && !$0.starts(with: Array("\\unrestrict".utf8)) }
        return Outcome(run: run, state: Array(lines.joined(separator: [0x0A])))
    }
}
