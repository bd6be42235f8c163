import Benchmark
import SmlogAnalyze
import SmlogCorrelate
import SmlogInput
import SmlogParse
import SmlogRender

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// One pass over the same generated 100k-line log per iteration (see BenchmarkLog), stage by
// stage. Names have no spaces: package-benchmark writes threshold files with `_` for spaces but
// looks them up by the name as it is. What each benchmark sets up (opening the file, making the parser, the correlator,
// the builder) is outside the measured part, so `mallocCountTotal` is what the stage allocated
// over the whole log: 0 means no allocation per line in the steady state. `ns per line` and
// `MB/s` are per pass of the measured part; package-benchmark's `throughput` is passes per second.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident] + BenchmarkMetric.perLineMetrics,
        timeUnits: .milliseconds,
        units: Dictionary(uniqueKeysWithValues: BenchmarkMetric.perLineMetrics.map { ($0, BenchmarkUnits.count) }),
        warmupIterations: 1,
        maxDuration: .seconds(3),
        maxIterations: 40,
        thresholds: [
            // Malloc counts are deterministic; times on a shared machine are not, so only malloc
            // counts are checked (Thresholds/). The stages that allocate get 1 % of slack for the
            // few mallocs of package-benchmark's peak-RSS sampling thread.
            .mallocCountTotal: .init(relative: [.p90: 1.0]),
        ]
    )
    let needsLog: Benchmark.BenchmarkSetupHook = { _ = BenchmarkLog.shared }
    let needsParsedLines: Benchmark.BenchmarkSetupHook = { _ = PreparsedLog.shared }
    // Framing and parsing must not allocate per line. Their benchmarks leave out the peak-RSS
    // metric: package-benchmark samples it on a thread of its own that allocates a few times per
    // sample, and the malloc counters are process-wide.
    let allocationFree = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal] + BenchmarkMetric.perLineMetrics,
        setup: needsLog)

    // Framing: bytes -> lines.

    Benchmark("Floor.memchr", configuration: allocationFree) { benchmark in
        let log = BenchmarkLog.shared
        let timer = PassTimer.start(benchmark)
        let lines = countNewlines(log.bytes)
        timer.stop(benchmark, lines: lines, bytes: log.bytes.count)
        blackHole(lines)
    }

    Benchmark("Framing.LineReader.plain", configuration: allocationFree) { benchmark in
        try frameFile(benchmark, path: BenchmarkLog.shared.path, inflateOnHelperThread: false)
    }

    Benchmark("Framing.LineReader.gz.inflateInline", configuration: allocationFree) { benchmark in
        try frameFile(benchmark, path: BenchmarkLog.shared.gzipPath, inflateOnHelperThread: false)
    }

    Benchmark("Framing.LineReader.gz.inflateOnHelperThread", configuration: allocationFree) { benchmark in
        try frameFile(benchmark, path: BenchmarkLog.shared.gzipPath, inflateOnHelperThread: true)
    }

    // Parsing: lines -> events (lines already in memory).

    Benchmark("Parse.SyslogHeaderParser", configuration: allocationFree) { benchmark in
        let log = BenchmarkLog.shared
        var parser = SyslogHeaderParser()
        parser.setYearReference(.fixed(BenchmarkLog.year))
        var messageBytes = 0
        let timer = PassTimer.start(benchmark)
        for index in 0..<log.lineCount {
            if let header = parser.parse(LineBytes(log.line(index))) {
                messageBytes &+= Int(header.message.upper - header.message.lower)
            }
        }
        timer.stop(benchmark, lines: log.lineCount, bytes: log.bytes.count)
        blackHole(messageBytes)
    }

    Benchmark("Parse.LogLineParser", configuration: allocationFree) { benchmark in
        let log = BenchmarkLog.shared
        var parser = LogLineParser()
        parser.beginFile(yearReference: .fixed(BenchmarkLog.year))
        var handed = 0
        var unrecognized = 0
        let timer = PassTimer.start(benchmark)
        for index in 0..<log.lineCount {
            let lineClass = parser.parse(log.line(index)) { parsed in handed &+= Int(parsed.kind.rawValue) }
            if lineClass == .unrecognized { unrecognized &+= 1 }
        }
        parser.finish { _ in unrecognized &+= 1 }
        timer.stop(benchmark, lines: log.lineCount, bytes: log.bytes.count)
        blackHole(handed)
        blackHole(unrecognized)
    }

    // Correlation: events -> records and correlated events.

    Benchmark("Correlate.Correlator.preparsedLines", configuration: .init(setup: needsParsedLines)) { benchmark in
        let log = BenchmarkLog.shared
        let parsed = PreparsedLog.shared.lines
        var correlator = Correlator()
        var events = EventCounter()
        let timer = PassTimer.start(benchmark)
        for line in parsed {
            var line = line
            correlator.consume(&line, into: &events)
        }
        correlator.finish(into: &events)
        timer.stop(benchmark, lines: log.lineCount, bytes: log.bytes.count)
        blackHole(events.count)
    }

    Benchmark("ParseCorrelate", configuration: .init(setup: needsLog)) { benchmark in
        let log = BenchmarkLog.shared
        var parser = LogLineParser()
        parser.beginFile(yearReference: .fixed(BenchmarkLog.year))
        var correlator = Correlator()
        var events = EventCounter()
        let timer = PassTimer.start(benchmark)
        for index in 0..<log.lineCount {
            _ = parser.parse(log.line(index)) { parsed in
                correlator.consume(&parsed, into: &events)
            }
        }
        parser.finish { _ in }
        correlator.finish(into: &events)
        timer.stop(benchmark, lines: log.lineCount, bytes: log.bytes.count)
        blackHole(events.count)
    }

    // The commands' work without process start-up and output.

    Benchmark("Report.ParseCorrelateAnalyze", configuration: .init(setup: needsLog)) { benchmark in
        let log = BenchmarkLog.shared
        var timer: PassTimer?
        let report = buildReport(started: { timer = PassTimer.start(benchmark) }) { feed in
            for index in 0..<log.lineCount { feed(log.line(index)) }
        }
        timer?.stop(benchmark, lines: log.lineCount, bytes: log.bytes.count)
        blackHole(report.totals)
    }

    Benchmark("Records.ParseCorrelateWriteNDJSON", configuration: .init(setup: needsLog)) { benchmark in
        let log = BenchmarkLog.shared
        var parser = LogLineParser()
        parser.beginFile(yearReference: .fixed(BenchmarkLog.year))
        var correlator = Correlator()
        var records = RecordBuffer()
        let timer = PassTimer.start(benchmark)
        for index in 0..<log.lineCount {
            _ = parser.parse(log.line(index)) { parsed in correlator.consume(&parsed, into: &records) }
        }
        parser.finish { _ in }
        correlator.finish(into: &records)
        timer.stop(benchmark, lines: log.lineCount, bytes: log.bytes.count)
        blackHole(records.written)
    }

    Benchmark(
        "Render.TextAndJSON",
        configuration: .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal],
            timeUnits: .microseconds,
            setup: { _ = FinishedReport.shared })
    ) { benchmark in
        let report = FinishedReport.shared.report
        benchmark.startMeasurement()
        let text = TextRenderer(width: 80, color: false).render(report)
        let json = JSONRenderer(pretty: true).render(report)
        benchmark.stopMeasurement()
        blackHole(text.count &+ json.count)
    }

    Benchmark(
        "EndToEnd.report.plain",
        configuration: .init(setup: needsLog)
    ) { benchmark in
        try reportFromFile(benchmark, path: BenchmarkLog.shared.path)
    }

    Benchmark(
        "EndToEnd.report.gz",
        configuration: .init(setup: needsLog)
    ) { benchmark in
        try reportFromFile(benchmark, path: BenchmarkLog.shared.gzipPath)
    }
}

/// Counts the lines of `bytes` with memchr: the floor any line framing has to beat.
private func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var count = 0
    var offset = 0
    while offset < bytes.count, let hit = memchr(base + offset, 0x0A, bytes.count - offset) {
        count += 1
        offset = base.distance(to: UnsafeRawPointer(hit)) + 1
    }
    return count
}

private func benchmarkInput(_ path: String) -> InputFile {
    InputFile(path: path, displayName: path, modificationTime: nil, compression: .none)
}

/// One LineReader pass over `path`; opening it (and starting the helper thread's reader)
/// is setup, reading every line is measured.
private func frameFile(_ benchmark: Benchmark, path: String, inflateOnHelperThread: Bool) throws {
    var reader = try LineReader(benchmarkInput(path), inflateOnHelperThread: inflateOnHelperThread)
    var lengths = 0
    let timer = PassTimer.start(benchmark)
    let stats = try reader.forEachLine { line in lengths &+= line.count }
    timer.stop(benchmark, lines: stats.lines, bytes: stats.bytes)
    blackHole(lengths)
}

/// The whole of `smlog report` on one file, minus argument parsing and writing the output.
private func reportFromFile(_ benchmark: Benchmark, path: String) throws {
    var reader = try LineReader(benchmarkInput(path), inflateOnHelperThread: true)
    var timer: PassTimer?
    var stats = ReadStats()
    let report = try buildReport(started: { timer = PassTimer.start(benchmark) }) { feed in
        stats = try reader.forEachLine(feed)
    }
    let text = TextRenderer(width: 80, color: false).render(report)
    timer?.stop(benchmark, lines: stats.lines, bytes: stats.bytes)
    blackHole(text.count)
}

/// The report pipeline as the CLI drives it: parse, correlate, feed the builder, finish.
/// `started` runs once the stages are made, just before the first line (to start a timer).
func buildReport(
    started: () -> Void = {},
    _ forEachLine: ((UnsafeRawBufferPointer) -> Void) throws -> Void
) rethrows -> Report {
    var parser = LogLineParser()
    parser.beginFile(yearReference: .fixed(BenchmarkLog.year))
    var correlator = Correlator()
    var builder = ReportBuilder(options: ReportOptions())
    var lines = 0
    var sendmailLines = 0
    var foreignLines = 0
    var unrecognizedLines = 0
    started()
    try forEachLine { line in
        lines += 1
        let lineClass = parser.parse(line) { parsed in
            correlator.consume(&parsed, into: &builder)
        }
        switch lineClass {
        case .sendmail: sendmailLines += 1
        case .foreign: foreignLines += 1
        case .unrecognized:
            unrecognizedLines += 1
            builder.addUnrecognized(line: line)
        }
    }
    parser.finish { line in
        sendmailLines -= 1
        unrecognizedLines += 1
        builder.addUnrecognized(line: line)
    }
    correlator.finish(into: &builder)
    return builder.finish(input: InputAccounting(
        files: ["bench"], lines: lines, sendmailLines: sendmailLines, foreignLines: foreignLines,
        unrecognizedLines: unrecognizedLines))
}

/// The report of the benchmark log, built once, for the render benchmark.
final class FinishedReport: @unchecked Sendable {
    static let shared = FinishedReport()
    let report: Report

    private init() {
        let log = BenchmarkLog.shared
        report = buildReport { feed in
            for index in 0..<log.lineCount { feed(log.line(index)) }
        }
    }
}

/// Counts the correlator's events (the correlation benchmarks), taking them as the CLI does:
/// through a sink, not wrapped in `CorrelatedEvent`.
struct EventCounter: CorrelatedEventSink {
    var count = 0
    mutating func record(_ record: DeliveryRecord) { count &+= 1 }
    mutating func message(_ message: MessageSummary) { count &+= 1 }
    mutating func attempt(_ attempt: AttemptEvent) { count &+= 1 }
    mutating func notice(_ notice: NoticeEvent) { count &+= 1 }
    mutating func reject(_ reject: RejectEvent) { count &+= 1 }
    mutating func session(_ session: SessionRecord) { count &+= 1 }
    mutating func tls(_ tls: TLSRecord) { count &+= 1 }
    mutating func auth(_ auth: AuthRecord) { count &+= 1 }
    mutating func systemError(_ error: SystemErrorRecord) { count &+= 1 }
}

/// Writes each record as NDJSON into a reused buffer (`smlog records` without the output);
/// the line events of the default correlator are dropped.
struct RecordBuffer: DeliveryRecordSink {
    let writer = RecordWriter(format: .ndjson)
    var buffer: [UInt8] = []
    var written = 0

    init() { buffer.reserveCapacity(4096) }

    mutating func record(_ record: DeliveryRecord) {
        buffer.removeAll(keepingCapacity: true)
        writer.write(record, into: &buffer)
        written &+= buffer.count
    }
}
