import Benchmark

extension BenchmarkMetric {
    /// Nanoseconds per log line through the measured part of one pass.
    static let nanosecondsPerLine = BenchmarkMetric.custom(
        "ns per line", polarity: .prefersSmaller, useScalingFactor: false)
    /// Log text per second (10^6 bytes of uncompressed log, newlines included), as compare.sh counts.
    static let megabytesPerSecond = BenchmarkMetric.custom(
        "MB/s", polarity: .prefersLarger, useScalingFactor: false)

    static let perLineMetrics: [BenchmarkMetric] = [.nanosecondsPerLine, .megabytesPerSecond]
}

/// Brackets the measured part of one pass over the log (setup before it is not counted)
/// and records the pass's time per line and bytes per second.
struct PassTimer {
    private let started: ContinuousClock.Instant

    static func start(_ benchmark: Benchmark) -> PassTimer {
        benchmark.startMeasurement()
        return PassTimer(started: .now)
    }

    private init(started: ContinuousClock.Instant) { self.started = started }

    func stop(_ benchmark: Benchmark, lines: Int, bytes: Int) {
        let elapsed = ContinuousClock.now - started
        benchmark.stopMeasurement()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds > 0, lines > 0 else { return }
        benchmark.measurement(.nanosecondsPerLine, Int((seconds * 1e9 / Double(lines)).rounded()))
        benchmark.measurement(.megabytesPerSecond, Int((Double(bytes) / seconds / 1e6).rounded()))
    }
}
