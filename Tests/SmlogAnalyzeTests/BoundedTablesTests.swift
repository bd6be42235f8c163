@testable import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import Testing

@Suite struct StringTableTests {
    @Test func findsEveryKeyAfterGrowingAndReplacingKeys() {
        var table = StringTable<Int>()
        var model: [String: Int] = [:]
        for i in 0..<3000 {
            let key = "key\(i % 1000)@example.org"
            table[table.index(of: key) { 0 }] += 1
            model[key, default: 0] += 1
        }
        #expect(table.count == model.count)
        // Re-key half of the entries (as the bounded tables do) and check every key is still found.
        for i in stride(from: 0, to: 1000, by: 2) {
            let old = "key\(i)@example.org"
            let index = try! #require(table.existingIndex(of: old))
            table.replaceKey(at: index, with: "new\(i)")
            model["new\(i)"] = model.removeValue(forKey: old)
        }
        #expect(table.count == model.count)
        for (key, value) in model {
            #expect(table.value(for: key) == value, "\(key)")
        }
        #expect(table.value(for: "key0@example.org") == nil)
    }

    @Test func emptyAndLongKeysAreKeysToo() {
        var table = StringTable<Int>()
        let long = String(repeating: "ab", count: 100)
        for key in ["", long, long + "c", "ä", "a"] { table.increment(key) }
        table.increment(long)
        #expect(table.value(for: "") == 1)
        #expect(table.value(for: long) == 2)
        #expect(table.value(for: long + "c") == 1)
        #expect(table.value(for: "ä") == 1)
        #expect(table.count == 5)
    }
}

@Suite struct TopCountsTests {
    @Test func staysExactUpToItsCapacity() {
        var counts = TopCounts(capacity: 8)
        for i in 0..<8 { counts.add("k\(i)", bytes: i) }
        counts.add("k3", bytes: 10)
        #expect(!counts.isApproximate)
        #expect(counts.distinct == 8)
        #expect(counts.table.value(for: "k3")?.messages == 2)
        #expect(counts.table.value(for: "k3")?.bytes == 13)
    }

    @Test func keepsTheTrueTopOnSkewedInputAndSaysItIsApproximate() {
        // Zipf-like: key i occurs about 2000/(i+1) times, interleaved with a long tail of
        // keys seen once, far more distinct keys than the table holds.
        var counts = TopCounts(capacity: 64)
        var truth: [String: Int] = [:]
        var tail = 0
        for round in 0..<2000 {
            for i in 0..<20 where round % (i + 1) == 0 {
                counts.add("heavy\(i)", bytes: 100)
                truth["heavy\(i)", default: 0] += 1
            }
            for _ in 0..<3 {
                counts.add("tail\(tail)", bytes: 1)
                truth["tail\(tail)", default: 0] += 1
                tail += 1
            }
        }
        #expect(counts.isApproximate)
        #expect(counts.table.count == 64)
        #expect(counts.distinct >= truth.count)
        let top = Ranking.top(counts.table, limit: 10) { $0.messages }
        let trueTop = truth.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
        #expect(top.map(\.key) == trueTop.map(\.key))
        for row in top {
            let exact = truth[row.key] ?? 0
            // Never too low, too high by at most its overcount.
            #expect(row.value.messages >= exact)
            #expect(row.value.messages - row.value.overcount <= exact)
        }
        // The heavy keys came in early and were never dropped: their counts are exact.
        #expect(top.allSatisfy { $0.value.overcount == 0 && $0.value.messages == truth[$0.key] })
    }

    @Test func theReportMarksABoundedListApproximate() throws {
        let events = (0..<(TopCounts.defaultCapacity + 5)).map {
            Fixture.message(sender: "<s\($0)@x.example>", qid: "\($0)")
        }
        let report = Fixture.build(events, options: ReportOptions(topN: 3))
        let senders = try #require(report.top?.list(.sendersByMessages))
        #expect(senders.approximate)
        #expect(senders.entries.count == 3)
        #expect(report.top?.list(.senderDomainsByMessages)?.approximate == false)
        #expect(report.top?.list(.senderDomainsByMessages)?.entries.first?.messages == TopCounts.defaultCapacity + 5)
    }
}

@Suite struct DistinctMessagesTests {
    @Test func countsEachMessageOncePerTallyAndForgetsCompletedMessages() {
        var distinct = DistinctMessages()
        let a = MessageKey(host: "mx", qid: "A")
        let b = MessageKey(host: "mx", qid: "B")
        distinct.count(a, in: 0)
        distinct.count(a, in: 0)
        distinct.count(a, in: 2)
        distinct.count(b, in: 0)
        #expect(distinct.count(of: 0) == 2)
        #expect(distinct.count(of: 1) == 0)
        #expect(distinct.count(of: 2) == 1)
        #expect(distinct.inFlight == 2)
        distinct.forget(host: "mx", qids: ["A", "other"])
        #expect(distinct.inFlight == 1)
        #expect(distinct.count(of: 0) == 2)
    }

    @Test func deferredMessagesAreCountedOnceWhileTheirKeysAreDropped() {
        let report = Fixture.build([
            Fixture.attempt(.deferred, at: 1, qid: "Q1", stat: "Deferred: Connection refused by mx.example."),
            Fixture.attempt(.deferred, at: 2, qid: "Q1", stat: "Deferred: Connection refused by mx.example."),
            Fixture.attempt(.deferred, at: 3, qid: "Q2", stat: "Deferred: 452 4.2.2 Mailbox full"),
            Fixture.record(status: .delivered, qid: "Q1"),
            Fixture.message(qid: "Q1"),
        ])
        #expect(report.totals.deferredMessages == 2)
        #expect(report.deferrals.reasons.map(\.messages) == [1, 1])
        #expect(report.totals.deferrals == 3)
    }
}

@Suite struct ReportLookupsTests {
    static let relays: [String?] = [
        "smarthost.lab.example. [127.0.0.1]", "MX.Example.NET. [192.0.2.1] (may be forged)", "[10.0.0.1]",
        "", "  ", nil, "localhost",
    ]

    @Test func cachedRelayNamesEqualTheUncachedOnes() {
        let lookups = ReportLookups(limit: 3)
        for _ in 0..<3 {
            for relay in Self.relays {
                for mailer in ["relay", "local", nil] as [String?] {
                    #expect(lookups.relayName(relay, mailer: mailer) == RelayName.normalize(relay, mailer: mailer))
                }
            }
        }
    }

    @Test(arguments: ["<Bob@Example.COM>", "alice", "<>", " <x@y.example> ", "jörg@Beispiel.DE", ""])
    func cachedAddressesEqualTheUncachedOnes(_ raw: String) {
        let lookups = ReportLookups(limit: 2)
        for _ in 0..<2 {
            let cached = lookups.address(raw)
            #expect(cached.address == Address.normalize(raw))
            #expect(cached.domain == Address.domain(ofNormalized: Address.normalize(raw)))
        }
    }

    @Test func cachedDeferralClassesEqualTheClassifier() {
        let lookups = ReportLookups(limit: 2)
        let texts: [(String?, String?, String?)] = [
            ("Deferred: Connection refused by [127.0.0.1]", nil, "4.0.0"),
            ("Deferred: 452 4.2.2 Mailbox full", nil, "4.2.2"),
            ("Deferred", "450 4.7.1 Greylisted", "4.7.1"),
            ("Deferred", "550 5.1.1 unknown", "4.4.2"),
            (nil, nil, nil),
        ]
        for _ in 0..<3 {
            for (stat, reply, dsn) in texts {
                guard case .attempt(let a) = Fixture.attempt(.deferred, dsn: dsn, stat: stat, reply: reply) else {
                    Issue.record("not an attempt")
                    return
                }
                #expect(lookups.deferral(a).reasonClass == DeferralClassifier.classify(stat: stat, reply: reply, dsn: dsn))
            }
        }
    }
}

@Suite struct SummaryRulesetTests {
    @Test(arguments: ["trust_auth", "tls_server", "tls_rcpt", "try_tls", "check_rcpt", "", "TRUST_AUTH", "milter"])
    func theSwitchAgreesWithTheSet(_ ruleset: String) {
        #expect(SummaryAggregator.isNotInboundRefusal(ruleset) == SummaryAggregator.notInboundRefusals.contains(ruleset))
    }
}

@Suite struct ValueDistributionSplitTests {
    /// Values below 2048 live in an array, larger ones in buckets: percentiles must read
    /// both in ascending order.
    @Test func percentilesSpanTheSmallAndTheBucketedValues() {
        var d = ValueDistribution()
        let values = [0, 0, 1, 5, 2047, 2048, 3000, 39_540, 7, 2047]
        for v in values { d.record(v) }
        let sorted = values.sorted()
        func nearestRank(_ pm: Int) -> Int { sorted[max(1, (pm * sorted.count + 999) / 1000) - 1] }
        let result = d.percentiles(perMille: [100, 500, 700, 800, 900, 1000])
        for (pm, value) in zip([100, 500, 700, 800, 900, 1000], result) {
            let exact = nearestRank(pm)
            // Exact below 2048; above, within the bucket (0.05 %).
            #expect(value.map { abs($0 - exact) <= exact / 2000 } == true, "p\(pm): \(String(describing: value)) vs \(exact)")
        }
        #expect(d.summary().max == 39_540)
        #expect(d.count == values.count)
    }
}

@Suite struct NormalizedCountsTests {
    @Test func rawTextsOfOneKeyCountTogetherAndTheCacheSurvivesReKeying() {
        var counts = NormalizedCounts()
        for _ in 0..<3 {
            counts.add(raw: "MX.example. [192.0.2.1]") { RelayName.normalize($0) }
            counts.add(raw: "mx.example [192.0.2.2]") { RelayName.normalize($0) }
        }
        #expect(counts.counts.table.value(for: "mx.example")?.messages == 6)
        #expect(!counts.counts.isApproximate)
    }

    @Test func aRejectsSectionPastTheCapSaysItIsApproximate() throws {
        let clients = TopCounts.defaultCapacity + 3
        var events: [CorrelatedEvent] = (0..<clients).map { i in
            .reject(RejectEvent(time: Fixture.time(1), host: "mx", qid: nil, ruleset: "check_relay", action: .reject,
                                arg1: nil, client: "[10.\(i / 65536).\(i / 256 % 256).\(i % 256)]", text: "550 5.7.1 Access denied"))
        }
        for _ in 0..<50 {
            events.append(.reject(RejectEvent(time: Fixture.time(2), host: "mx", qid: nil, ruleset: "check_relay",
                                              action: .reject, arg1: nil, client: "bad.example [192.0.2.66]",
                                              text: "550 5.7.1 Access denied")))
        }
        let rejects = try #require(Fixture.build(events, options: ReportOptions(topN: 2)).rejects)
        #expect(rejects.approximate)
        // bad.example came after the table was full: it is still ranked first, with a count
        // that may be too high by the largest count dropped (1), never too low.
        let first = try #require(rejects.clients.first)
        #expect(first.text == "bad.example")
        #expect((50...51).contains(first.count))
        #expect(rejects.reasons == [CountedText(text: "550 5.7.1 Access denied", count: clients + 50)])
    }
}

@Suite struct TrafficDayTests {
    @Test func eventsOnSeveralDaysInAnyOrderLandOnTheirDays() throws {
        let day: Int64 = 86_400
        let report = Fixture.build([
            Fixture.message(qid: "1", received: 0),
            Fixture.message(qid: "2", received: day),
            Fixture.message(qid: "3", received: 0),
            Fixture.message(qid: "4", received: 2 * day),
            Fixture.message(qid: "5", received: day),
        ])
        let traffic = try #require(report.traffic)
        #expect(traffic.days.map(\.received) == [2, 2, 1])
    }
}
