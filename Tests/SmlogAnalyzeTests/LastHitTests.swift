@testable import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import TestSupport
import Testing

/// Shortcuts that skip a lookup when an event repeats the one before must count exactly as
/// the lookup would.
@Suite("last-hit shortcuts")
struct LastHitTests {
    @Test("a counter fed with slot hints, right or stale, counts as one fed without")
    func hintedCounterEqualsPlainCounter() {
        var plain = BoundedCounter<String>(capacity: 4)
        var hinted = BoundedCounter<String>(capacity: 4)
        var hint = -1
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let key = "text \(rng.next() % 9)"
            let weight = Int(rng.next() % 3) + 1
            plain.add(key, weight: weight)
            // Every third hint is deliberately wrong (another slot, or out of range).
            let given = rng.next() % 3 == 0 ? Int(rng.next() % 6) - 1 : hint
            hint = hinted.add(key, weight: weight, hint: given).slot
        }
        #expect(hinted.total == plain.total)
        #expect(hinted.entries.map(\.key) == plain.entries.map(\.key))
        #expect(hinted.entries.map(\.count) == plain.entries.map(\.count))
        #expect(hinted.entries.map(\.overcount) == plain.entries.map(\.overcount))
    }

    @Test("STARTTLS versions alternating within and across sides are each counted where they belong")
    func tlsVersionsAlternatingAcrossSides() throws {
        let tls = { (side: Side, version: String?) -> CorrelatedEvent in
            .tls(TLSRecord(time: Fixture.time(1), host: "mx", side: side, relay: "x", version: version, verify: "OK", cipher: nil))
        }
        let events = [
            tls(.server, "TLSv1.3"), tls(.client, "TLSv1.2"), tls(.server, "TLSv1.3"), tls(.server, "TLSv1.2"),
            tls(.client, "TLSv1.2"), tls(.server, "TLSv1.3"), tls(.client, nil), tls(.client, ""), tls(.none, "TLSv1.3"),
        ]
        let report = Fixture.build(events)
        let rows = try #require(report.tls).starttls
        func count(_ side: String, _ version: String) -> Int? {
            rows.first { $0.side == side && $0.version == version }?.count
        }
        #expect(count("server", "TLSv1.3") == 3)
        #expect(count("server", "TLSv1.2") == 1)
        #expect(count("client", "TLSv1.2") == 2)
        #expect(count("client", "(none)") == 2)
        #expect(count("unknown", "TLSv1.3") == 1)
        #expect(rows.count == 5)
    }
}
