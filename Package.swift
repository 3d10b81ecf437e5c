// swift-tools-version: 6.0
import PackageDescription

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
        // libedit plus the one-line wrappers over its variadic functions, which Swift cannot call.
        .target(
            name: "CEditLine",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        .target(
            name: "TidepoolCore",
            dependencies: ["CLibPQ", "CEditLine"]
        ),
        // The command line: swift-argument-parser's declarations (help, errors, completion scripts)
        // and the quick path that parses the everyday forms without it (start-up time, see the file).
        .target(
            name: "TidepoolCommandLine",
            dependencies: [
                "TidepoolCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tidepool",
            dependencies: ["TidepoolCommandLine"]
        ),
        .testTarget(
            name: "TidepoolCoreTests",
            dependencies: ["TidepoolCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "TidepoolCommandLineTests",
            dependencies: ["TidepoolCommandLine"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TidepoolCore"],
            exclude: ["Differential"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
