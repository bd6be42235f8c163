// swift-tools-version:6.1
import PackageDescription

// Pipeline: SmlogInput (bytes -> lines) -> SmlogParse (lines -> events)
// -> SmlogCorrelate (events -> delivery records) -> SmlogAnalyze (records -> report model)
// -> SmlogRender (report -> text/CSV/JSON) -> smlog (thin CLI). Dependencies point one way.

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "smlog",
    products: [
        .executable(name: "smlog", targets: ["smlog"]),
        // The pipeline stages as a library, for the benchmark package (Benchmarks/) and tools.
        .library(
            name: "SmlogPipeline",
            targets: ["SmlogInput", "SmlogParse", "SmlogCorrelate", "SmlogAnalyze", "SmlogRender"]
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "SmlogInput",
            dependencies: ["CZlib"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SmlogParse",
            swiftSettings: strictSettings
        ),
        .target(
            name: "SmlogCorrelate",
            dependencies: [
                "SmlogParse",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SmlogAnalyze",
            dependencies: [
                "SmlogCorrelate",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SmlogRender",
            // SmlogCorrelate too: the records writer reads its types directly, and a target
            // rebuilds only when a module it names changes.
            dependencies: ["SmlogAnalyze", "SmlogCorrelate"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SmlogCLI",
            dependencies: [
                "SmlogInput", "SmlogParse", "SmlogCorrelate", "SmlogAnalyze", "SmlogRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "smlog",
            dependencies: ["SmlogCLI"],
            swiftSettings: strictSettings
        ),
        // Shared by the test targets: the lock around the process TZ, a seeded random generator.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strictSettings),
        .testTarget(name: "SmlogInputTests", dependencies: ["SmlogInput", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SmlogParseTests", dependencies: ["SmlogParse", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SmlogCorrelateTests", dependencies: ["SmlogCorrelate", "SmlogParse", "SmlogInput", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SmlogAnalyzeTests", dependencies: ["SmlogAnalyze", "SmlogCorrelate", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SmlogRenderTests", dependencies: ["SmlogRender", "SmlogAnalyze", "SmlogCorrelate", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["SmlogCLI", "SmlogCorrelate", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["Goldens"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
