#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SmlogCorrelate
import SmlogParse
import TestSupport

/// Memory of the correlate stage under logs built to exhaust it: it must follow the messages
/// in flight, never the length of the log.
@Suite("hostile input: correlator memory")
struct HostileMemoryTests {
    /// Streams `count` generated lines through the real parser and a correlator, calling
    /// `observe` after each line; events are counted, not kept.
    private static func stream(
        _ count: Int, options: CorrelatorOptions, line: (Int) -> String,
        observe: (Int, borrowing Correlator) -> Void = { _, _ in }
    ) -> (records: Int, maxInFlight: Int) {
        ProcessTimeZone.with("UTC") { streamInUTC(count, options: options, line: line, observe: observe) }
    }

    private static func streamInUTC(
        _ count: Int, options: CorrelatorOptions, line: (Int) -> String,
        observe: (Int, borrowing Correlator) -> Void
    ) -> (records: Int, maxInFlight: Int) {
        var parser = LogLineParser()
        parser.beginFile(yearReference: .fixed(2026))
        var correlator = Correlator(options: options)
        var records = 0
        var maxInFlight = 0
        for i in 0..<count {
            var bytes = Array(line(i).utf8)
            _ = bytes.withUnsafeMutableBytes { raw in
                parser.parse(UnsafeRawBufferPointer(raw)) { parsed in
                    correlator.consume(&parsed) { if case .record = $0 { records += 1 } }
                }
            }
            maxInFlight = max(maxInFlight, correlator.envelopesInFlight)
            observe(i, correlator)
        }
        correlator.finish { if case .record = $0 { records += 1 } }
        return (records, maxInFlight)
    }

    static func time(_ second: Int) -> String {
        let day = 1 + second / 86_400
        let s = second % 86_400
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "Nov \(day < 10 ? " " : "")\(day) \(pad(s / 3600)):\(pad(s / 60 % 60)):\(pad(s % 60))"
    }

    static func qid(_ n: Int) -> String {
        let digits = String(n)
        return "6AUFoA" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    static func from(_ n: Int, at second: Int) -> String {
        "\(time(second)) vm sm-mta[1697]: \(qid(n)): from=<spam\(n)@example.com>, size=312, class=0, nrcpts=1, msgid=<\(n)@example.com>, proto=ESMTP, daemon=MTA, relay=client.example [192.0.2.1]"
    }

    @Test("a flood of from= lines that never get a to=: messages in flight stay bounded by the horizon")
    func fromFloodIsBoundedByHorizon() {
        // One from= every 2 s of log time, a 10-minute horizon: at most ~300 messages are
        // younger than the horizon, whatever the length of the flood.
        let count = 30_000
        let result = Self.stream(count, options: CorrelatorOptions(horizonSeconds: 600)) { i in
            Self.from(i, at: i * 2)
        }
        #expect(result.maxInFlight <= 600 / 2 + 2)
        // nrcpts=1 but no recipient named: one record each, address unknown.
        #expect(result.records == count)
    }
}
