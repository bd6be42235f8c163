import Foundation
import SmlogParse

/// The suite's fixed input: a 100k-line sendmail log from `generate-maillog.py` (seed 1,
/// RFC 3164, one host), plain and gzip -6, generated into `Benchmarks/.data/bench/` the first
/// time a benchmark needs it and reused afterwards (never committed).
///
/// The plain log is also loaded once into memory that never moves or is freed, with a table of
/// its lines, so the stage benchmarks can hand out lines without reading a file and parsed
/// lines can keep pointing into it.
final class BenchmarkLog: @unchecked Sendable {
    static let lineTarget = 100_000
    static let seed = 1
    /// RFC 3164 lines carry no year; the generator starts on 2026-11-29.
    static let year = 2026

    static let shared = BenchmarkLog()

    let path: String
    let gzipPath: String
    /// The whole plain log (allocated once, on purpose never freed).
    let bytes: UnsafeRawBufferPointer
    /// Start offset and length (without `\n`) of every line.
    private let starts: [Int]
    private let lengths: [Int]

    var lineCount: Int { starts.count }

    private init() {
        // Timestamps without an offset are read in TZ: fix it so every run parses alike.
        setenv("TZ", "UTC", 1)
        tzset()
        let dataDirectory = Self.dataDirectory()
        path = dataDirectory + "/maillog-100k-s\(Self.seed).log"
        gzipPath = path + ".gz"
        Self.generateIfMissing(plain: path, gzip: gzipPath)
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            fatalError("cannot read \(path)")
        }
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 64)
        _ = data.copyBytes(to: memory)
        bytes = UnsafeRawBufferPointer(memory)
        var starts: [Int] = []
        var lengths: [Int] = []
        starts.reserveCapacity(Self.lineTarget + 1_000)
        lengths.reserveCapacity(Self.lineTarget + 1_000)
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(start)
            lengths.append(offset - start)
            start = offset + 1
        }
        if start < bytes.count {
            starts.append(start)
            lengths.append(bytes.count - start)
        }
        self.starts = starts
        self.lengths = lengths
    }

    /// Line `index`, without its `\n`, pointing into `bytes`.
    @inline(__always)
    func line(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<(starts[index] + lengths[index])])
    }

    /// True when `line` lies inside the loaded log (a sendmail-split line joined by the parser
    /// lives in the parser's own buffer instead).
    func contains(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, let start = line.baseAddress else { return line.isEmpty }
        return start >= base && start + line.count <= base + bytes.count
    }

    /// `Benchmarks/.data/bench`, found from this source file (override: `SMLOG_BENCH_DATA`).
    private static func dataDirectory() -> String {
        if let override = ProcessInfo.processInfo.environment["SMLOG_BENCH_DATA"] { return override }
        let benchmarksFolder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // SmlogBenchmarks
            .deletingLastPathComponent()  // Benchmarks (targets)
            .deletingLastPathComponent()  // Benchmarks (package)
        return benchmarksFolder.appendingPathComponent(".data/bench").path
    }

    private static func generateIfMissing(plain: String, gzip: String) {
        let files = FileManager.default
        if files.fileExists(atPath: plain), files.fileExists(atPath: gzip) { return }
        let folder = (plain as NSString).deletingLastPathComponent
        let generator = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("generate-maillog.py").path
        try? files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let script = """
            set -e
            python3 '\(generator)' --lines \(lineTarget) --seed \(seed) --format rfc3164 -q -o '\(plain).tmp'
            mv '\(plain).tmp' '\(plain)'
            gzip -6 -c '\(plain)' > '\(gzip).tmp'
            mv '\(gzip).tmp' '\(gzip)'
            """
        FileHandle.standardError.write(Data("generating the benchmark log: \(plain)\n".utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            fatalError("cannot run /bin/sh to generate the benchmark log: \(error)")
        }
        guard process.terminationStatus == 0 else {
            fatalError("generate-maillog.py failed (status \(process.terminationStatus)); needs python3 and gzip")
        }
    }
}
