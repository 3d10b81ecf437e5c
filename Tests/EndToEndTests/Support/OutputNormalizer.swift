/// Makes psql's output and the candidate's comparable byte for byte: the only differences allowed are
/// the program's own name where it names itself, and the database names (each program works in its
/// own database). Works on bytes, not strings, so invalid UTF-8 survives untouched.
struct OutputNormalizer: Sendable {
    /// The name both sides are rewritten to.
    static let canonicalName = "tidepool"

    let referenceName: String
    let candidateName: String
    let referenceDatabase: String
    let candidateDatabase: String

    /// psql's stderr with `psql:` at line start (`psql:<stdin>:4: ERROR:`, `psql: error:`) renamed.
    func reference(stderr: [UInt8]) -> [UInt8] {
        renamingAtLineStart(stderr, from: referenceName)
    }

    func candidate(stdout: [UInt8]) -> [UInt8] {
        replacing(stdout, candidateDatabase, with: referenceDatabase)
    }

    /// The candidate's stderr with its database name made psql's (same length: alignment holds) and,
    /// when the candidate is not called tidepool (psql proving the harness), its name made canonical.
    func candidate(stderr: [UInt8]) -> [UInt8] {
        renamingAtLineStart(replacing(stderr, candidateDatabase, with: referenceDatabase), from: candidateName)
    }

    private func renamingAtLineStart(_ bytes: [UInt8], from name: String) -> [UInt8] {
        guard name != Self.canonicalName else { return bytes }
        let target = Array((name + ":").utf8)
        let replacement = Array((Self.canonicalName + ":").utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            if atLineStart && bytes[index...].starts(with: target) {
                output += replacement
                index += target.count
                atLineStart = false
                continue
            }
            atLineStart = bytes[index] == UInt8(ascii: "\n")
            output.append(bytes[index])
            index += 1
        }
        return output
    }
}

/// Every occurrence of `pattern` in `bytes` replaced by `replacement`.
func replacing(_ bytes: [UInt8], _ pattern: String, with replacement: String) -> [UInt8] {
    let target = Array(pattern.utf8)
    guard !target.isEmpty, bytes.count >= target.count else { return bytes }
    let first = target[0]
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        if bytes[index] == first && bytes[index...].starts(with: target) {
            output += replacement.utf8
            index += target.count
        } else {
            output.append(bytes[index])
            index += 1
        }
    }
    return output
}
