#if canImport(Glibc)
import Glibc
#endif
import SmlogCorrelate
import SmlogParse

/// libFuzzer target: the input is a log run through the parser and the correlator, with short
/// horizons so flushing, settling and hand-off waits all happen inside small inputs. Traps when
/// a parsed line points outside its bytes or when messages are left in memory after `finish`.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    setenv("TZ", "Europe/Berlin", 1)
    tzset()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let selector = input.first ?? 0
    let reference: YearReference =
        selector & 1 == 0 ? .fixed(2026) : .reference(epochSeconds: 1_795_000_000)
    // Short waits (seconds) half of the time, sendmail's defaults the other half.
    let options =
        selector & 2 == 0
        ? CorrelatorOptions()
        : CorrelatorOptions(horizonSeconds: 120, settleSeconds: 5, handoffSeconds: 30)
    var parser = LogLineParser()
    parser.beginFile(yearReference: reference)
    var correlator = Correlator(options: options)
    var events = 0
    forEachLine(of: input) { line in
        _ = parser.parse(line) { parsed in
            checkBounds(parsed)
            correlator.consume(parsed) { event in
                events += 1
                touch(event)
            }
        }
    }
    parser.finish { _ in }
    correlator.finish { event in
        events += 1
        touch(event)
    }
    precondition(correlator.envelopesInFlight == 0, "messages left in memory after finish")
    return 0
}

/// Reads what renderers read from a record, so bad values surface here.
private func touch(_ event: CorrelatedEvent) {
    guard case .record(let record) = event else { return }
    precondition(record.attempts >= record.deferrals, "more deferrals than attempts")
    precondition(!record.qids.isEmpty, "a record without a queue id")
    if let delay = record.delay { precondition(delay >= 0, "negative delay") }
}
