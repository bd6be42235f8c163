#if canImport(Glibc)
import Glibc
#endif
import SmlogCorrelate
import SmlogParse
import TestSupport

/// Runs raw log lines through the real parse and correlate stages.
struct CorrelationRun {
    var events: [CorrelatedEvent] = []
    var inFlightAfterEachLine: [Int] = []

    init(_ lines: [String], options: CorrelatorOptions = CorrelatorOptions(), year: Int = 2026) {
        (events, inFlightAfterEachLine) = ProcessTimeZone.with("UTC") { Self.run(lines, options: options, year: year) }
    }

    private static func run(
        _ lines: [String], options: CorrelatorOptions, year: Int
    ) -> (events: [CorrelatedEvent], inFlight: [Int]) {
        var parser = LogLineParser()
        parser.beginFile(yearReference: .fixed(year))
        var correlator = Correlator(options: options)
        var collected: [CorrelatedEvent] = []
        var inFlight: [Int] = []
        for line in lines {
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { raw in
                parser.parse(UnsafeRawBufferPointer(raw)) { parsed in
                    correlator.consume(&parsed) { collected.append($0) }
                }
            }
            inFlight.append(correlator.envelopesInFlight)
        }
        correlator.finish { collected.append($0) }
        return (collected, inFlight)
    }

    var records: [DeliveryRecord] {
        events.compactMap { if case .record(let r) = $0 { r } else { nil } }
    }

    var messages: [MessageSummary] {
        events.compactMap { if case .message(let m) = $0 { m } else { nil } }
    }

    var attempts: [AttemptEvent] {
        events.compactMap { if case .attempt(let a) = $0 { a } else { nil } }
    }

    func record(_ recipient: String) -> DeliveryRecord? {
        records.first { $0.recipient == recipient }
    }
}
