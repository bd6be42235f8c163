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
    ],
    targets: [
        .executableTarget(
            name: "SmlogBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SmlogPipeline", package: "smlog"),
            ],
            path: "Benchmarks/SmlogBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
