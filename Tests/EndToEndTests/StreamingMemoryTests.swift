import Foundation
import Testing

/// Results stream in bounded memory: ten million rows of csv go through the binary under an address-space
/// limit (`ulimit -v`) that holding the result — as psql does, about 1.4 GB here — could never fit in.
@Suite("Streaming in bounded memory")
struct StreamingMemoryTests {
    @Test("10,000,000 csv rows under ulimit -v 200 MB, peak RSS at most 50 MB",
          .disabled(if: Sanitizer.active != nil, "a sanitizer's shadow memory cannot be mapped under ulimit -v"))
    func tenMillionRowsUnderAMemoryLimit() async throws {
        let environment = try TestEnvironment.current()
        guard !environment.candidateIsReference else { return }
        let query = "SELECT g, g % 7, g * 2 FROM generate_series(1, 10000000) g"
        // GNU time reports the peak RSS when it is installed (make bench installs it); the limit alone decides otherwise.
        let timed = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        let measure = timed ? "/usr/bin/time -f 'peak_rss_kb=%M' " : ""
        let script = "ulimit -v 200000; { \(measure)'\(environment.candidate)' -X -d postgres --csv -c \"\(query)\"; "
            + "echo \"exit=$?\" >&2; } | wc -l"
        let run = try await ProgramRunner.run("/bin/sh", ["-c", script], environment: environment.baseEnvironment,
                                              timeout: .seconds(300))
        #expect(run.stderrText.contains("exit=0"), "\(run.stderrText)")
        // The header and every row arrived.
        #expect(String(decoding: run.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "10000001")
        if timed, let line = run.stderrText.split(separator: "\n").last(where: { $0.hasPrefix("peak_rss_kb=") }),
           let kb = Int(line.dropFirst("peak_rss_kb=".count)) {
            #expect(kb <= 50 * 1024, "peak RSS \(kb) kB")
        }
    }
}
