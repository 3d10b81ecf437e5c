// swift-tools-version: 6.0
// Fuzzing and scaling checks for tidepool's scanner (Sources/TidepoolCore/Scan), kept in a package of
// its own so that `swift build` / `swift test` of the main package never see the fuzzer flags.
//
// Sources/Scan is a symbolic link to ../Sources/TidepoolCore/Scan: the fuzzers compile the very same
// files the shell uses (they import nothing, so they build alone). See ../Makefile (`make fuzz`) and
// README.md in this directory.
import PackageDescription

let package = Package(
    name: "tidepool-fuzz",
    products: [
        .executable(name: "fuzz-scanner", targets: ["FuzzScanner"]),
        .executable(name: "fuzz-meta-arguments", targets: ["FuzzMetaArguments"]),
        .executable(name: "scan-linearity", targets: ["ScanLinearity"]),
    ],
    targets: [
        .target(name: "Scan", path: "Sources/Scan"),
        // The invariants, shared by both fuzzers and the linearity check.
        .target(name: "ScanChecks", dependencies: ["Scan"]),
        // libFuzzer's LLVMFuzzerRunDriver, called from the fuzzers' own main.
        .target(name: "FuzzDriver"),
        // Build with -Xswiftc -sanitize=fuzzer,address (the Makefile's `fuzz` target does).
        .executableTarget(name: "FuzzScanner", dependencies: ["Scan", "ScanChecks", "FuzzDriver"]),
        .executableTarget(name: "FuzzMetaArguments", dependencies: ["Scan", "ScanChecks", "FuzzDriver"]),
        .executableTarget(name: "ScanLinearity", dependencies: ["Scan", "ScanChecks"]),
    ],
    swiftLanguageModes: [.v6]
)
