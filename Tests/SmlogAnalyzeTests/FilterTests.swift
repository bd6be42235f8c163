import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import Testing

@Suite struct FilterTests {
    @Test func timeWindowIsHalfOpenAndJudgesRecordsByArrival() {
        let options = ReportOptions(since: Fixture.time(100), until: Fixture.time(200))
        let report = Fixture.build([
            Fixture.record("<early@x>", status: .delivered, received: 99, completed: 150),
            Fixture.record("<first@x>", status: .delivered, received: 100, completed: 300),
            Fixture.record("<last@x>", status: .delivered, received: 199),
            Fixture.record("<late@x>", status: .delivered, received: 200),
            Fixture.record("<nocreate@x>", status: .bounced, received: nil, completed: 150),
            Fixture.record("<notime@x>", status: .bounced, received: nil, completed: nil),
            Fixture.attempt(.deferred, at: 99),
            Fixture.attempt(.deferred, at: 150, recipients: 2),
            Fixture.attempt(.deferred, at: 200),
            Fixture.message(qid: "in", received: 150),
            Fixture.message(qid: "out", received: 250),
        ], options: options)
        #expect(report.totals.delivered == 2)
        #expect(report.totals.bounced == 1)
        #expect(report.totals.deferrals == 2)
        #expect(report.totals.messages == 1)
        #expect(report.period.since == Fixture.time(100))
        #expect(report.period.until == Fixture.time(200))
    }

    @Test func withoutAWindowEventsWithoutTimesCount() {
        let report = Fixture.build([Fixture.record(status: .bounced, received: nil, completed: nil)])
        #expect(report.totals.bounced == 1)
    }

    @Test func hostFilterKeepsOnlyTheNamedHosts() {
        let report = Fixture.build([
            Fixture.record(status: .delivered, host: "mx1"),
            Fixture.record(status: .delivered, host: "mx2"),
            Fixture.attempt(.deferred, host: "mx2"),
        ], options: ReportOptions(hosts: ["mx1"]), input: InputAccounting(hosts: ["mx1", "mx2"]))
        #expect(report.totals.delivered == 1)
        #expect(report.totals.deferrals == 0)
        #expect(report.period.hosts == ["mx1"])
    }

    @Test func unselectedSectionsAreNotComputedButContractSectionsAre() {
        let report = Fixture.build([Fixture.record(status: .delivered, delay: 3)],
                                   options: ReportOptions(sections: [.queue]))
        #expect(report.sections == [.queue])
        #expect(report.queue != nil)
        #expect(report.top == nil && report.bounces == nil && report.tls == nil && report.unrecognized == nil)
        #expect(report.totals.delivered == 1)
        #expect(report.latency.delay.count == 1)
        #expect(report.relays.rows.count == 1)
    }

    @Test func sectionListsParseByName() {
        #expect(ReportSectionName.parseList("relays, queue,relays") == [.relays, .queue])
        #expect(ReportSectionName.parseList("TLS") == [.tls])
        #expect(ReportSectionName.parseList("relays,bogus") == nil)
    }
}
