#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SmlogParse
import Testing
import TestSupport

/// Header parsing speed over the lab log repeated in memory. Opt-in, and meant for release
/// builds: `SMLOG_BENCH=1 swift test -c release --filter SyslogHeaderThroughput`.
@Suite("Syslog header throughput", .serialized)
struct SyslogHeaderThroughputTests {
    static var isRequested: Bool { getenv("SMLOG_BENCH") != nil && LabCorpus.isAvailable }

    /// CPU time of this thread: other processes sharing the machine do not count against it.
    private static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Parses every line of `name`, repeated to about 120 MB, a few times; prints the best run.
    private static func measure(_ name: String, zone: LocalTimeZone) {
        let file = LabCorpus.bytes(name)
        let copies = max(1, 120_000_000 / max(file.count, 1))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(file.count * copies)
        for _ in 0..<copies { buffer.append(contentsOf: file) }
        let lines = LabCorpus.lines(buffer)
        var best = Double.infinity
        var parsed = 0
        var checksum: Int64 = 0
        buffer.withUnsafeBytes { raw in
            for _ in 0..<5 {
                var parser = SyslogHeaderParser(zone: zone)
                parser.setYearReference(.reference(epochSeconds: LabCorpus.modificationTime(name)))
                parsed = 0
                let start = threadCPUSeconds()
                for range in lines {
                    let line = LineBytes(UnsafeRawBufferPointer(rebasing: raw[range]))
                    if let header = parser.parse(line) {
                        parsed += 1
                        checksum &+= header.time.seconds &+ Int64(header.message.lower)
                    }
                }
                best = min(best, threadCPUSeconds() - start)
            }
        }
        let megabytes = Double(buffer.count) / 1e6
        print(
            "header parse \(name) zone=\(zone): \(lines.count) lines, \(Int(megabytes)) MB, best of 5 "
                + "\(Int(best * 1000)) ms CPU = \(Int(Double(lines.count) / best)) lines/s, "
                + "\(Int(megabytes / best)) MB/s (checksum \(checksum))")
        #expect(parsed == lines.count)
    }

    @Test("RFC 3164 lab log, process zone", .enabled(if: isRequested))
    func traditionalThroughput() {
        ProcessTimeZone.with("UTC") { Self.measure("maillog", zone: .process) }
    }

    @Test("RFC 3164 lab log in Europe/Berlin", .enabled(if: isRequested && ProcessTimeZone.isInstalled("Europe/Berlin")))
    func traditionalBerlinThroughput() {
        ProcessTimeZone.with("Europe/Berlin") { Self.measure("maillog", zone: .process) }
    }

    @Test("RFC 3339 lab log", .enabled(if: isRequested))
    func isoThroughput() {
        ProcessTimeZone.with("UTC") { Self.measure("maillog-rfc3339", zone: .process) }
    }
}
