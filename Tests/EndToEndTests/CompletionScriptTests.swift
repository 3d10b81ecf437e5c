import Foundation
import Testing

/// The committed shell completion scripts are what the current binary generates (`make completions`).
@Suite struct CompletionScriptTests {
    @Test(arguments: [("bash", "completions/tidepool.bash"), ("zsh", "completions/_tidepool"),
                      ("fish", "completions/tidepool.fish")])
    func committedScriptMatchesGenerated(shell: String, path: String) async throws {
        let environment = try TestEnvironment.current()
        guard !environment.candidateIsReference else { return }
        let run = try await ProgramRunner.run(environment.candidate, ["--generate-completion-script", shell],
                                              environment: environment.baseEnvironment)
        #expect(run.exitCode == 0)
        let committed = try String(contentsOfFile: FileManager.default.currentDirectoryPath + "/" + path, encoding: .utf8)
        #expect(run.stdoutText == committed, "\(path) is stale: run `make completions`")
    }
}
