// swift-tools-version: 6.1
import PackageDescription

// smlog's package-benchmark suite. A separate package, so that building or testing smlog never
// pulls in package-benchmark and its malloc interposer. Run from this folder:
//     swift package benchmark
// (see README.md).
let package = Package(
    name: "smlog-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "smlog", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        // Already a dependency of package-benchmark's MallocInterposer trait; named here so the
        // suite can read the malloc counters around the measured loop itself.
        .package(url: "https://github.com/ordo-one/malloc-interposer.git", from: "1.6.0"),
    ],
    targets: [
        .executableTarget(
            name: "SmlogBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SmlogPipeline", package: "smlog"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Benchmarks/SmlogBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
