import Benchmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Until the pipeline exists this suite measures only the floor SmlogInput has to beat: finding
// every line of an in-memory log with memchr. Parse, correlate and report benchmarks join it
// once those stages are in place (and the main package exposes them as library products).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(5)
    )

    Benchmark("Line split floor: memchr over \(SyntheticLog.lineCount) lines") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SyntheticLog.countLines(SyntheticLog.bytes))
        }
    }
}

/// A few sendmail-shaped lines repeated with varying queue ids and pids: enough for a memory
/// bandwidth floor. For realistic content use generate-maillog.py and compare.sh.
enum SyntheticLog {
    static let lineCount = 200_000
    static let bytes: [UInt8] = make(lines: lineCount)

    static func make(lines: Int) -> [UInt8] {
        var text = ""
        text.reserveCapacity(lines * 140)
        for i in 0..<lines {
            let pid = 10_000 + i / 7
            let qid = "6AT0\(i % 10)x\(i % 6)\(i % 9)\(String(pid).leftPadded(to: 6))"
            switch i % 5 {
            case 0:
                text += "Nov 29 00:00:01 vm sendmail[\(pid)]: \(qid): from=<app@corp.example>, size=\(1000 + i % 9000), class=0, nrcpts=1, msgid=<\(i).\(pid)@appsrv01.corp.example>, proto=ESMTP, daemon=MTA-v4, relay=appsrv01.corp.example [10.20.0.11]\n"
            case 1:
                text += "Nov 29 00:00:01 vm sendmail[\(pid + 1)]: \(qid): to=<user\(i % 997)@example.com>, delay=00:00:01, xdelay=00:00:00, mailer=relay, pri=\(31000 + i % 9000), relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 1A2B3C4D5E)\n"
            case 2:
                text += "Nov 29 00:00:01 vm sendmail[\(pid + 1)]: STARTTLS=client, relay=smarthost.lab.example., version=TLSv1.3, verify=FAIL, cipher=TLS_AES_256_GCM_SHA384, bits=256/256\n"
            case 3:
                text += "Nov 29 00:00:01 vm sendmail[\(pid)]: NOQUEUE: connect from appsrv01.corp.example [10.20.0.11]\n"
            default:
                text += "Nov 29 00:00:01 vm sendmail[\(pid + 1)]: \(qid): done; delay=00:00:01, ntries=1\n"
            }
        }
        return Array(text.utf8)
    }

    static func countLines(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var count = 0
            var offset = 0
            while offset < raw.count, let hit = memchr(base + offset, 0x0A, raw.count - offset) {
                count += 1
                offset = base.distance(to: UnsafeRawPointer(hit)) + 1
            }
            return count
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
