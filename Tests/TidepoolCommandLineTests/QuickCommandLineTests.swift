import TidepoolCore
import Testing

@testable import TidepoolCommandLine

/// The quick parser against the full one (swift-argument-parser's `TidepoolCommand`): whatever the quick
/// parser accepts must come out exactly as the full parser has it, and the two must know the same options.
@Suite("Quick command line agrees with the full parser")
struct QuickCommandLineTests {
    /// The full parser's answer, or nil where it refuses the line.
    /// What the binary does when the quick parser declines: getopt's groups spelled out, then the full parser.
    private func full(_ given: [String]) -> LaunchOptions? {
        let arguments = GetoptArguments.normalize(given)
        guard let command = try? TidepoolCommand.parse(arguments), !command.showVersion else { return nil }
        return command.launchOptions(arguments: arguments)
    }

    private func expectAgreement(_ arguments: [String], quickMustAccept: Bool = false,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let quick = QuickCommandLine.parse(arguments)
        if quickMustAccept {
            #expect(quick != nil, "the quick parser declined \(arguments)", sourceLocation: sourceLocation)
        }
        guard let quick else { return }
        let full = full(arguments)
        #expect(full != nil, "the quick parser accepted \(arguments), the full parser refuses it",
                sourceLocation: sourceLocation)
        #expect(quick == full, "\(arguments): quick \(quick) vs full \(String(describing: full))",
                sourceLocation: sourceLocation)
    }

    /// A value each option's conversion accepts (numbers for the pool options).
    private func sampleValue(for option: QuickOption) -> String {
        switch option.long.first {
        case "pool-min": return "2"
        case "pool-max": return "6"
        case "acquire-timeout", "idle-timeout", "idle-tx-timeout": return "1.5"
        default: return "v=1"
        }
    }

    @Test("every option the full parser's help lists is in the quick table, and no other")
    func sameOptions() {
        let help = TidepoolCommand.helpMessage(columns: 400)
        let helpLongs = Set(help.matches(of: /--([a-z0-9][a-z0-9-]*)/).map { String($0.output.1) })
        let helpShorts = Set(help.matches(of: /(?:^|[ ,])-([A-Za-z0-9?])\b/.anchorsMatchLineEndings())
            .map { Character(String($0.output.1)) })
        let ownLongs: Set<String> = ["help", "version", "generate-completion-script"]
        let ownShorts: Set<Character> = ["?", "V"]
        let tableLongs = Set(QuickOption.all.flatMap(\.long))
        let tableShorts = Set(QuickOption.all.compactMap(\.short))
        #expect(helpLongs.subtracting(ownLongs).subtracting(tableLongs).isEmpty,
                "in the help, not in the quick table: \(helpLongs.subtracting(ownLongs).subtracting(tableLongs))")
        #expect(helpShorts.subtracting(ownShorts).subtracting(tableShorts).isEmpty,
                "in the help, not in the quick table: \(helpShorts.subtracting(ownShorts).subtracting(tableShorts))")
        // Hidden options are not in the help; each table entry is proved by the parity tests below.
        #expect(tableShorts.isSubset(of: helpShorts), "\(tableShorts.subtracting(helpShorts))")
        #expect(tableLongs.subtracting(["ephemeral-seed"]).isSubset(of: helpLongs),
                "\(tableLongs.subtracting(helpLongs))")
    }

    @Test("each option, in each of its forms, parses as the full parser parses it")
    func everyOptionEveryForm() {
        for option in QuickOption.all {
            var forms: [[String]] = []
            switch option.kind {
            case .flag:
                if let short = option.short { forms.append(["-\(short)"]) }
                for long in option.long { forms.append(["--\(long)"]) }
            case .value:
                let value = sampleValue(for: option)
                if let short = option.short { forms.append(["-\(short)", value]) }
                for long in option.long { forms += [["--\(long)", value], ["--\(long)=\(value)"]] }
            }
            for form in forms {
                expectAgreement(form, quickMustAccept: true)
                expectAgreement(["-X"] + form + ["db", "alice"], quickMustAccept: true)
            }
        }
    }

    @Test("the everyday command lines take the quick path and agree")
    func everydayLines() {
        let lines: [[String]] = [
            ["-c", "select 1"],
            ["-X", "-A", "-t", "-c", "select 1"],
            ["-qAt", "-c", "select 1", "mydb"],
            ["-X", "-f", "script.sql"],
            ["-f", "-"],
            ["-"],
            ["-X", "-v", "ON_ERROR_STOP=1", "-f", "a.sql", "-c", "select 2", "-f", "b.sql"],
            ["-c", "select 1", "-c", "\\dt"],
            ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres", "-w"],
            ["postgresql://u@127.0.0.1:5432/db?sslmode=disable", "-c", "select 1"],
            ["host=127.0.0.1 port=5432 dbname=x", "bob"],
            ["--csv", "-c", "select 1"],
            ["--pipeline", "-1", "-f", "load.sql"],
            ["--pool-max", "5", "--pool-min=0", "--acquire-timeout", "1", "--idle-tx-timeout=2.5"],
            ["--no-timing", "--timing"],
            ["-P", "pager=off", "-P", "null=(null)", "-F", ",", "-R", ";"],
            ["-l"],
            ["-l", "-c", "select 1"],
            ["--", "-dbname-with-dash"],
            ["-c", "select 1", "--", "db", "user"],
            ["-h", "a", "-h", "b"],
            ["-o", "/dev/null", "-x", "-H", "-z", "-0", "-n", "-e", "-E", "-a", "-b", "-q"],
            // getopt's forms, as psql takes them: attached values, a value that looks like an option, flags
            // ending in an option that takes the next argument.
            ["-h127.0.0.1", "-p5432", "-Upostgres", "-dpostgres", "-F:", "-R/", "-vname=1", "-Pformat=csv"],
            ["-c", "-x"], ["-c", "-- a comment"], ["-qc", "select 1"], ["-cselect 1"], ["-tAc", "select 1"],
            ["--command", "--not-an-option"], ["-f", "-"],
        ]
        for line in lines { expectAgreement(line, quickMustAccept: true) }
    }

    @Test("getopt's groups are spelled out for the full parser, one option per argument")
    func getoptGroupsSpelledOut() {
        #expect(GetoptArguments.normalize(["-p5432", "-Upostgres", "-F:"]) == ["-p", "5432", "-U", "postgres", "-F", ":"])
        #expect(GetoptArguments.normalize(["-qtAcselect 1"]) == ["-q", "-t", "-A", "-c", "select 1"])
        #expect(GetoptArguments.normalize(["-tAc", "-- sql"]) == ["-t", "-A", "-c", "-- sql"])
        #expect(GetoptArguments.normalize(["-vname=a=b"]) == ["-v", "name=a=b"])
        #expect(GetoptArguments.normalize(["--command", "-qx", "-qx"]) == ["--command", "-qx", "-q", "-x"])
        #expect(GetoptArguments.normalize(["--", "-qx"]) == ["--", "-qx"])
        #expect(GetoptArguments.normalize(["-qk"]) == ["-qk"])  // unknown letter: left for the full parser's message
        #expect(GetoptArguments.normalize(["-c"]) == ["-c"])
    }

    @Test("what the quick parser is not sure of goes to the full parser")
    func declines() {
        let lines: [[String]] = [
            ["--help"], ["-?"], ["-V"], ["--version"], ["--generate-completion-script", "bash"],
            ["--no-such-flag"], ["-k"], ["-c"], ["--command"], ["--csv=yes"], ["-qcselect 1"], ["a", "b", "c"],
            ["--pool-max", "0"], ["--pool-min", "5", "--pool-max", "2"], ["--pool-max", "many"],
            ["--acquire-timeout", "soon"], ["--comm", "select 1"],
        ]
        for line in lines {
            #expect(QuickCommandLine.parse(line) == nil, "\(line) should go to the full parser")
        }
    }

    @Test("random command lines: whatever the quick parser accepts, the full parser parses the same")
    func randomLines() {
        var words: [String] = ["db", "user", "-", "--", "x=1", "select 1", "-qAt", "-Xq", "-ql", "-tx",
                               "-p5432", "-vx=1", "-F:", "-tAc", "-qc"]
        for option in QuickOption.all {
            if let short = option.short { words.append("-\(short)") }
            for long in option.long {
                words.append("--\(long)")
                if case .value = option.kind { words.append("--\(long)=\(sampleValue(for: option))") }
            }
        }
        words += ["3", "0", "1.5", "-1", "-c", "-f", "--pool-max", "--pool-min"]
        var generator = SplitMix64(seed: 0x71DE_9001)
        var accepted = 0
        for _ in 0..<1000 {
            let count = Int(generator.next() % 7)
            let line = (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            if QuickCommandLine.parse(line) != nil { accepted += 1 }
            expectAgreement(line)
        }
        // The property means something only if the quick parser accepts a fair share of the lines.
        #expect(accepted > 100, "only \(accepted) of 1000 random lines took the quick path")
    }
}

/// A small deterministic generator, so a failing random line can be reproduced.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
