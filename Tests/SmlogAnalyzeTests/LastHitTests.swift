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

@Suite("distinct messages past three tallies")
struct TallySetTests {
    @Test("a message counted in many tallies, over and over, counts once in each")
    func manyTalliesCountOnceEach() {
        var distinct = DistinctMessages()
        let key = MessageKey(host: "mx", qid: "Q")
        for _ in 0..<3 {
            distinct.count(key, in: (0, 1, 2))
            distinct.count(key, in: (0, 3, 4))
            distinct.count(key, in: (5, 5, 0))
        }
        for tally in 0...5 { #expect(distinct.count(of: tally) == 1, "tally \(tally)") }
        #expect(distinct.count(of: 6) == 0)
        #expect(distinct.inFlight == 1)
    }

    @Test("tally ids go in place, then into the overflow, each reported new exactly once")
    func insertReportsNewIdsOnce() {
        var set = TallySet()
        let ids: [Int32] = [0, 7, 3, 9, 7, 0, 12, 3, 9, 12, 1]
        var firstTimes: [Int32] = []
        for id in ids where set.insert(id) { firstTimes.append(id) }
        #expect(firstTimes == [0, 7, 3, 9, 12, 1])
    }
}

@Suite("reject rulesets in runs")
struct RulesetRunTests {
    @Test("rulesets and actions in runs, interleaved with new ones, are each counted in full")
    func runsInterleavedWithNewKeys() throws {
        let reject = { (ruleset: String, action: RejectAction) -> CorrelatedEvent in
            .reject(RejectEvent(time: Fixture.time(1), host: "mx", qid: nil, ruleset: ruleset, action: action,
                                arg1: nil, client: nil, text: nil))
        }
        let sequence: [(String, RejectAction)] = [
            ("check_rcpt", .reject), ("check_rcpt", .reject), ("check_mail", .reject), ("check_rcpt", .reject),
            ("check_rcpt", .tempfail), ("check_rcpt", .tempfail), ("", .reject), ("check_relay", .reject),
            ("check_rcpt", .reject), ("", .reject),
        ]
        var expected: [String: Int] = [:]
        for (ruleset, action) in sequence {
            expected["\(ruleset.isEmpty ? "(none)" : ruleset)/\(RejectAggregator.name(action))", default: 0] += 1
        }
        let report = Fixture.build(sequence.map(reject))
        let rows = try #require(report.rejects).byRuleset
        var counted: [String: Int] = [:]
        for row in rows { counted["\(row.ruleset)/\(row.action)", default: 0] += row.count }
        #expect(counted == expected)
        #expect(rows.count == expected.count)
    }
}

@Suite("AUTH lines in runs")
struct AuthRunTests {
    @Test("AUTH keys in runs, interleaved with new ones, are each counted in full")
    func runsInterleavedWithNewKeys() throws {
        let auth = { (side: Side, mech: String?, outcome: AuthOutcome) -> CorrelatedEvent in
            .auth(AuthRecord(time: Fixture.time(1), host: "mx", side: side, outcome: outcome, mech: mech, relay: "c", text: nil))
        }
        let sequence: [(Side, String?, AuthOutcome)] = [
            (.server, "PLAIN", .success), (.server, "PLAIN", .success), (.server, "LOGIN", .success),
            (.server, "PLAIN", .success), (.server, "PLAIN", .failure), (.client, "PLAIN", .success),
            (.server, "PLAIN", .failure), (.server, nil, .success), (.server, "", .success), (.server, "PLAIN", .success),
        ]
        var expected: [String: Int] = [:]
        for (side, mech, outcome) in sequence {
            let mechanism = (mech ?? "").isEmpty ? "(none)" : mech ?? ""
            expected["\(TLSAggregator.name(side))/\(mechanism)/\(outcome == .failure ? "failure" : "success")", default: 0] += 1
        }
        let report = Fixture.build(sequence.map(auth))
        let rows = try #require(report.tls).auth
        var counted: [String: Int] = [:]
        for row in rows { counted["\(row.side)/\(row.mechanism)/\(row.outcome)", default: 0] += row.count }
        #expect(counted == expected)
        #expect(rows.count == expected.count)
    }
}
