import Foundation
import Testing

/// Issue 5: 100,000 rows streamed as JSON lines by the binary, parsed back one line at a time and compared with
/// the data, types included (numbers, booleans, null, text with quotes and control characters, jsonb).
struct JSONStreamingTests {
    @Test("100,000 rows as JSON lines parse back to the data")
    func hundredThousandRows() async throws {
        let env = try TestEnvironment.current()
        guard !env.candidateIsReference else { return }
        var environment = env.baseEnvironment
        environment["PGDATABASE"] = "postgres"
        let script = """
            \\pset format json
            \\pset json_lines on
            select g as n, g % 2 = 0 as even, case when g % 7 = 0 then null else g * 1.5 end as half,
                   'q"' || g || E'\\t\\n' as text, jsonb_build_object('k', g) as doc
            from generate_series(1, 100000) g;

            """
        let run = try await ProgramRunner.run(env.candidate, ["-X", "-q"], stdin: Array(script.utf8),
                                              environment: environment)
        #expect(run.exitCode == 0, "\(run.stderrText)")
        let lines = run.stdout.split(separator: 0x0A)
        try #require(lines.count == 100_000, "got \(lines.count) lines")
        for (index, line) in lines.enumerated() {
            let g = index + 1
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            #expect((object["n"] as? NSNumber)?.intValue == g)
            #expect((object["even"] as? Bool) == (g % 2 == 0))
            if g % 7 == 0 {
                #expect(object["half"] is NSNull)
            } else {
                #expect((object["half"] as? NSNumber)?.doubleValue == Double(g) * 1.5)
            }
            #expect(object["text"] as? String == "q\"\(g)\t\n")
            #expect(((object["doc"] as? [String: Any])?["k"] as? NSNumber)?.intValue == g)
        }
    }
}
