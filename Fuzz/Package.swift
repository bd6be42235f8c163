// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets over smlog's line parser and correlator. A separate package, so the main
// package's `swift build` / `swift test` never build it. Build and run with `Fuzz/run.sh`.
//
// The main package exports no library products, so the two stages under test are compiled
// here from the same sources (Sources/SmlogParse and Sources/SmlogCorrelate are symbolic links
// to ../Sources/...), instrumented like the fuzz targets themselves.
let package = Package(
    name: "smlog-fuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .target(name: "SmlogParse"),
        .target(
            name: "SmlogCorrelate",
            dependencies: ["SmlogParse", .product(name: "DequeModule", package: "swift-collections")]
        ),
        .executableTarget(name: "ParserFuzz", dependencies: ["SmlogParse"]),
        .executableTarget(name: "CorrelatorFuzz", dependencies: ["SmlogParse", "SmlogCorrelate"]),
    ],
    swiftLanguageModes: [.v6]
)
