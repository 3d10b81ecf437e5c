// swift-tools-version: 6.0
import PackageDescription

// TIDEPOOL_SANITIZE=thread or =address (what `make sanitize` sets) builds our own code with that sanitizer:
// the C shims, TidepoolCore, the command line and the executable. The test targets stay uninstrumented
// (Swift 6.3.1 cannot compile the Swift Testing macros under -sanitize) but link the sanitizer's runtime,
// so every test exercises instrumented code. Unset or empty, the package builds exactly as without this.
let sanitizer = Context.environment["TIDEPOOL_SANITIZE"].flatMap { $0.isEmpty ? nil : $0 }
let sanitizedC: [CSetting] = sanitizer.map { [.unsafeFlags(["-fsanitize=\($0)"])] } ?? []
let sanitizedSwift: [SwiftSetting] = sanitizer.map { [.unsafeFlags(["-sanitize=\($0)"])] } ?? []
let sanitizerRuntime: [LinkerSetting] = sanitizer.map { [.unsafeFlags(["-sanitize=\($0)"])] } ?? []

let package = Package(
    name: "tidepool",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tidepool", targets: ["tidepool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libpq, found through pkg-config (libpq-fe.h lives in /usr/include/postgresql).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev", "pkgconf"])]
        ),
        // libedit, loaded when the first prompt opens (not linked: a script or -c never loads it), and the
        // one-line wrappers over its functions, including the variadic ones Swift cannot call.
        .target(
            name: "CEditLine",
            cSettings: sanitizedC
        ),
        .target(
            name: "TidepoolCore",
            dependencies: ["CLibPQ", "CEditLine"],
            swiftSettings: sanitizedSwift
        ),
        // The command line: swift-argument-parser's declarations (help, errors, completion scripts)
        // and the quick path that parses the everyday forms without it (start-up time, see the file).
        .target(
            name: "TidepoolCommandLine",
            dependencies: [
                "TidepoolCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: sanitizedSwift
        ),
        // Hands Swift's CommandLine the arguments glibc gives .init_array functions, so that the static
        // runtime's start-up scan of /proc/self/maps is never linked in (the file says why).
        .target(
            name: "CProcessArguments",
            cSettings: sanitizedC
        ),
        .executableTarget(
            name: "tidepool",
            dependencies: ["TidepoolCommandLine", "CProcessArguments"],
            swiftSettings: sanitizedSwift,
            linkerSettings: sanitizerRuntime
        ),
        .testTarget(
            name: "TidepoolCoreTests",
            dependencies: ["TidepoolCore"],
            exclude: ["Fixtures"],
            linkerSettings: sanitizerRuntime
        ),
        .testTarget(
            name: "TidepoolCommandLineTests",
            dependencies: ["TidepoolCommandLine"],
            linkerSettings: sanitizerRuntime
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TidepoolCore"],
            exclude: ["Differential"],
            linkerSettings: sanitizerRuntime
        ),
    ],
    swiftLanguageModes: [.v6]
)
