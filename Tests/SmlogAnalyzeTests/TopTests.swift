@testable import SmlogAnalyze
import SmlogCorrelate
import Testing

@Suite struct TopTests {
    @Test func tiesAreBrokenByKeyWhateverTheInsertionOrder() {
        let keys = ["delta@x", "alpha@x", "charlie@x", "bravo@x", "echo@x"]
        for order in [keys, keys.reversed(), keys.shuffled()] {
            let table = Dictionary(uniqueKeysWithValues: order.map { ($0, 5) })
            #expect(Ranking.top(table, limit: 3) { $0 }.map(\.key) == ["alpha@x", "bravo@x", "charlie@x"])
        }
    }

    @Test func rankingKeepsTheLargestScoresInOrder() {
        let table = ["a": 1, "b": 9, "c": 5, "d": 9, "e": 0]
        let top = Ranking.top(table, limit: 3) { $0 }
        #expect(top.map(\.key) == ["b", "d", "c"])
        #expect(Ranking.top(table, limit: 0) { $0 }.isEmpty)
    }

    @Test func sendersAreRankedByMessagesAndByBytesSeparately() throws {
        let report = Fixture.build([
            Fixture.message(sender: "<many@corp.example>", qid: "1", size: 10),
            Fixture.message(sender: "<many@corp.example>", qid: "2", size: 10),
            Fixture.message(sender: "<Big@CORP.example>", qid: "3", size: 5000),
            Fixture.message(sender: "<dsn@corp.example>", qid: "4", size: 1, kind: .dsn),
        ])
        let top = try #require(report.top)
        let byMessages = try #require(top.list(.sendersByMessages))
        let byBytes = try #require(top.list(.sendersByBytes))
        #expect(byMessages.entries.map(\.key) == ["many@corp.example", "Big@corp.example"])
        #expect(byBytes.entries.map(\.key) == ["Big@corp.example", "many@corp.example"])
        #expect(byMessages.distinct == 2)
        #expect(top.list(.senderDomainsByMessages)?.entries == [TopEntry(key: "corp.example", messages: 3, bytes: 5020)])
        #expect(top.list(.clientRelays)?.entries == [TopEntry(key: "localhost", messages: 3, bytes: 5020)])
    }

    @Test func recipientsCountOneRecordEachAndLocalUsersHaveALocalDomain() throws {
        let report = Fixture.build([
            Fixture.record("<a@Example.ORG>", status: .delivered, size: 100),
            Fixture.record("<a@example.org>", status: .bounced, size: 100),
            Fixture.record("bob", status: .delivered, size: 7),
        ])
        let top = try #require(report.top)
        #expect(top.list(.recipientsByMessages)?.entries.first == TopEntry(key: "a@example.org", messages: 2, bytes: 200))
        #expect(top.list(.recipientDomainsByMessages)?.entries.map(\.key) == ["example.org", "(local)"])
    }

    @Test func listsAreCutToTopN() throws {
        let events = (0..<30).map { Fixture.message(sender: "<s\($0)@x.example>", qid: "\($0)") }
        let report = Fixture.build(events, options: ReportOptions(topN: 4))
        let list = try #require(report.top?.list(.sendersByMessages))
        #expect(list.entries.count == 4)
        #expect(list.distinct == 30)
        // Equal counts: by key, byte order ("s10@" sorts before "s1@" because "0" < "@").
        #expect(list.entries.map(\.key) == ["s0@x.example", "s10@x.example", "s11@x.example", "s12@x.example"])
    }
}
