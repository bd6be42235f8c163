import Benchmark
import MallocInterposerSwift

extension BenchmarkMetric {
    /// Nanoseconds per log line through the measured part of one pass.
    static let nanosecondsPerLine = BenchmarkMetric.custom(
        "ns per line", polarity: .prefersSmaller, useScalingFactor: false)
    /// Log text per second (10^6 bytes of uncompressed log, newlines included), as compare.sh counts.
    static let megabytesPerSecond = BenchmarkMetric.custom(
        "MB/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Mallocs between the start and the end of the measured part, read from the interposer's
    /// counters directly: unlike `mallocCountTotal`, it leaves out the harness's own mallocs
    /// around each measurement (about 16 to 20 here, even for a loop that allocates nothing).
    static let stageMallocs = BenchmarkMetric.custom(
        "Mallocs in the measured loop", polarity: .prefersSmaller, useScalingFactor: false)

    static let perLineMetrics: [BenchmarkMetric] = [.nanosecondsPerLine, .megabytesPerSecond, .stageMallocs]
}

/// Brackets the measured part of one pass over the log (setup before it is not counted)
/// and records the pass's time per line, bytes per second and mallocs.
struct PassTimer {
    private let started: ContinuousClock.Instant
    private let mallocsBefore: Int

    static func start(_ benchmark: Benchmark) -> PassTimer {
        benchmark.startMeasurement()
        return PassTimer(mallocsBefore: MallocInterposerSwift.getStatistics().mallocCount, started: .now)
    }

    private init(mallocsBefore: Int, started: ContinuousClock.Instant) {
        self.mallocsBefore = mallocsBefore
        self.started = started
    }

    func stop(_ benchmark: Benchmark, lines: Int, bytes: Int) {
        let elapsed = ContinuousClock.now - started
        let mallocs = MallocInterposerSwift.getStatistics().mallocCount - mallocsBefore
        benchmark.stopMeasurement()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard seconds > 0, lines > 0 else { return }
        benchmark.measurement(.nanosecondsPerLine, Int((seconds * 1e9 / Double(lines)).rounded()))
        benchmark.measurement(.megabytesPerSecond, Int((Double(bytes) / seconds / 1e6).rounded()))
        benchmark.measurement(.stageMallocs, mallocs)
    }
}
