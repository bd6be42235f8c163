import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import Testing

@Suite struct QueueTests {
    @Test(arguments: [
        (Int64(0), 0), (299, 0), (300, 1), (599, 1), (600, 2), (1199, 2), (1200, 3),
        (2400, 4), (4800, 5), (9600, 6), (19_200, 7), (38_400, 8), (76_799, 8), (76_800, 9), (10_000_000, 9), (-30, 0),
    ])
    func agesFallInQshapeBuckets(age: Int64, bucket: Int) {
        #expect(QueueRow.bucketIndex(ageSeconds: age) == bucket)
    }

    @Test func pendingRecipientsAreAgedAtTheLastLogTimestampByDomain() throws {
        let end = Fixture.time(3 * 3600)
        let report = Fixture.build([
            Fixture.record("<a@slow.example>", status: .pending, qid: "A", received: 3 * 3600 - 60, stat: "Deferred: Connection refused by mx."),
            Fixture.record("<b@slow.example>", status: .pending, qid: "B", received: 3 * 3600 - 700),
            Fixture.record("<c@other.example>", status: .pending, qid: "C", received: 0, attempts: 7,
                           stat: "Deferred: 452 4.2.2 <c@other.example>: Mailbox full"),
            Fixture.record("<d@other.example>", status: .pending, qid: "D", received: nil),
            Fixture.record("<e@slow.example>", status: .delivered),
            Fixture.record("<f@slow.example>", status: .pending, kind: .dsn),
        ], input: InputAccounting(lastTimestamp: end))
        let q = try #require(report.queue)
        #expect(q.asOf == end)
        #expect(q.total.total == report.totals.pending)
        #expect(q.total.total == 4)
        #expect(q.total.unknownAge == 1)
        let slow = try #require(q.domains.first { $0.domain == "slow.example" })
        #expect(slow.buckets[0] == 1)   // 1 minute
        #expect(slow.buckets[2] == 1)   // 11m40s
        let other = try #require(q.domains.first { $0.domain == "other.example" })
        #expect(other.buckets[6] == 1)  // 180 minutes: [160, 320)
        #expect(other.unknownAge == 1)
        #expect(q.oldest.map(\.qid) == ["C", "B", "A"])
        #expect(q.oldest[0].ageSeconds == 3 * 3600)
        #expect(q.oldest[0].lastError == "Deferred: 452 4.2.2 <c@other.example>: Mailbox full")
        #expect(q.oldest[0].attempts == 7)
        #expect(q.oldest[0].relay == "smarthost.lab.example")
    }

    @Test func oldestListKeepsOnlyTheOldestFew() {
        let events = (0..<50).map { i in
            Fixture.record("<r\(i)@example.org>", status: .pending, qid: "Q\(i)", received: Int64(1000 - i))
        }
        let report = Fixture.build(events, options: ReportOptions(oldestPending: 3))
        #expect(report.queue?.oldest.map(\.qid) == ["Q49", "Q48", "Q47"])
    }
}
