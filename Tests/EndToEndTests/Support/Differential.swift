import Testing

/// The outcome of running psql and the candidate with the same arguments and input, each in a fresh
/// database of its own: stdout, stderr and exit code compared byte for byte after normalization.
struct Comparison: Sendable, CustomTestStringConvertible {
    let reference: ProgramRun
    let candidate: ProgramRun
    /// Normalized outputs, as compared.
    let referenceStdout: [UInt8]
    let referenceStderr: [UInt8]
    let candidateStdout: [UInt8]
    let candidateStderr: [UInt8]

    var stdoutDifference: FirstDifference? { FirstDifference(expected: referenceStdout, actual: candidateStdout) }
    var stderrDifference: FirstDifference? { FirstDifference(expected: referenceStderr, actual: candidateStderr) }
    var sameExitCode: Bool { reference.exitCode == candidate.exitCode }

    var isIdentical: Bool { sameExitCode && stdoutDifference == nil && stderrDifference == nil }

    /// Short, for Swift Testing's expansion of expressions (the raw bytes would drown the report).
    var testDescription: String { isIdentical ? "identical" : "different (exit \(reference.exitCode) vs \(candidate.exitCode))" }

    /// What a failing test prints: the commands and every way the two runs differ.
    var report: String {
        var lines = ["psql:      \(reference.commandLine)", "candidate: \(candidate.commandLine)"]
        if candidate.timedOut { lines.append("the candidate TIMED OUT and was killed") }
        if let signal = candidate.signal, !candidate.timedOut { lines.append("the candidate died of signal \(signal)") }
        lines.append("exit code: psql \(reference.exitCode), candidate \(candidate.exitCode)"
            + (sameExitCode ? " (same)" : ""))
        if let difference = stdoutDifference { lines.append("stdout: \(difference)") }
        if let difference = stderrDifference {
            lines.append("stderr: \(difference)")
        } else if !referenceStderr.isEmpty {
            // Identical, but often what explains a stdout difference.
            let head = String(decoding: referenceStderr.prefix(300), as: UTF8.self)
            lines.append("stderr (same on both sides) begins: \(head)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs the comparison.
enum Differential {
    /// `label` names the databases (`diff_<label>_<pid>_a` for psql, `_b` for the candidate).
    static func compare(
        _ environment: TestEnvironment,
        label: String,
        arguments: [String],
        stdin: [UInt8] = [],
        timeout: Duration = .seconds(120)
    ) async throws -> Comparison {
        let referenceDatabase = ScratchDatabases.name(prefix: "diff", label: label, suffix: "a")
        let candidateDatabase = ScratchDatabases.name(prefix: "diff", label: label, suffix: "b")
        return try await ScratchDatabases.with([referenceDatabase, candidateDatabase], in: environment) {
            var referenceEnvironment = environment.baseEnvironment
            referenceEnvironment["PGDATABASE"] = referenceDatabase
            var candidateEnvironment = environment.baseEnvironment
            candidateEnvironment["PGDATABASE"] = candidateDatabase

            async let reference = ProgramRunner.run(
                environment.psql, arguments, stdin: stdin, environment: referenceEnvironment, timeout: timeout)
            async let candidate = ProgramRunner.run(
                environment.candidate, arguments, stdin: stdin, environment: candidateEnvironment, timeout: timeout)
            let (referenceRun, candidateRun) = try await (reference, candidate)

            let normalizer = OutputNormalizer(
                referenceName: "psql", candidateName: environment.candidateName,
                referenceDatabase: referenceDatabase, candidateDatabase: candidateDatabase)
            return Comparison(
                reference: referenceRun,
                candidate: candidateRun,
                referenceStdout: referenceRun.stdout,
                referenceStderr: normalizer.reference(stderr: referenceRun.stderr),
                candidateStdout: normalizer.candidate(stdout: candidateRun.stdout),
                candidateStderr: normalizer.candidate(stderr: candidateRun.stderr))
        }
    }
}
