#if canImport(Glibc)
import Glibc
#endif
import Scan
import ScanChecks

// Scans hostile inputs of 5 MB and 50 MB and fails (exit 1) when the larger takes more than
// `allowedRatio` times as long per byte: the scanner must stay linear (DESIGN.md, Statement scanning).
// Usage: scan-linearity [MEGABYTES]   (default 50; the small size is a tenth of it)

let large = (CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) : nil) ?? 50
let allowedRatio = 2.5
/// Below this the large run is too short to judge (page faults of the copy dominate); a quadratic
/// scanner would need minutes here, not half a second.
let noiseFloor = 0.5

func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// `unit` repeated to `bytes`, optionally between a prefix and a suffix.
func repeated(_ unit: String, to bytes: Int, prefix: String = "", suffix: String = "") -> [UInt8] {
    let u = Array(unit.utf8)
    var out = Array(prefix.utf8)
    out.reserveCapacity(bytes + suffix.utf8.count)
    while out.count < bytes { out += u }
    return out + Array(suffix.utf8)
}

let patterns: [(String, (Int) -> [UInt8])] = [
    ("one long line, one literal", { repeated("x", to: $0, prefix: "select '", suffix: "';") }),
    ("statements on one line", { repeated("select 1;", to: $0) }),
    ("statements on lines", { repeated("select 1;\n", to: $0) }),
    ("nested parentheses", { repeated("(", to: $0, prefix: "select ") }),
    ("nested comments", { repeated("/*", to: $0, prefix: "select 1 ") }),
    ("unterminated dollar quote", { repeated("$b$ $", to: $0, prefix: "select $a$") }),
    ("dollar signs", { repeated("$", to: $0) }),
    ("colons (variables)", { repeated(":a :'b' :\"c\" ", to: $0) }),
    ("backslash commands", { repeated("\\echo x ", to: $0) }),
    ("BEGIN ATOMIC bodies", { repeated("create function f() begin atomic select 1; ", to: $0) }),
    ("unterminated E string", { repeated("\\'", to: $0, prefix: "select E'") }),
]

func time(_ input: [UInt8]) -> Double {
    let start = seconds()
    let (events, rest) = ScanChecks.scan(input, variables: ScanChecks.variables)
    let elapsed = seconds() - start
    if events.isEmpty, rest.isEmpty { print("  (nothing scanned)") }
    return elapsed
}

var failed = false
for (name, make) in patterns {
    let smallBytes = large * 1_000_000 / 10
    let small = time(make(smallBytes))
    let big = time(make(large * 1_000_000))
    let ratio = (big / 10) / max(small, 1e-6)
    let linear = ratio <= allowedRatio || big < noiseFloor
    let verdict = linear ? "ok" : "NOT LINEAR"
    if !linear { failed = true }
    let line = "\(name): \(smallBytes / 1_000_000) MB \(Int(small * 1000)) ms, \(large) MB \(Int(big * 1000)) ms, per-byte ratio \((ratio * 100).rounded() / 100) \(verdict)"
    print(line)
}
exit(failed ? 1 : 0)
