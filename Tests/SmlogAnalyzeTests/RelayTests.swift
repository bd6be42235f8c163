@testable import SmlogAnalyze
import SmlogCorrelate
import Testing

@Suite struct RelayNameTests {
    @Test(arguments: [
        ("smarthost.lab.example. [127.0.0.1]", "smarthost.lab.example"),
        ("smarthost.lab.example.", "smarthost.lab.example"),
        ("smarthost.lab.example", "smarthost.lab.example"),
        ("[127.0.0.1] [127.0.0.1]", "[127.0.0.1]"),
        ("[192.0.2.7]", "[192.0.2.7]"),
        ("MX1.Example.NET. [192.0.2.1] (may be forged)", "mx1.example.net"),
        ("localhost [127.0.0.1]", "localhost"),
        ("[IPv6:2001:db8::1] [IPv6:2001:db8::1]", "[IPv6:2001:db8::1]"),
        ("  mx.example.com [198.51.100.2]", "mx.example.com"),
    ])
    func relayValuesNormaliseToTheHostName(raw: String, expected: String) {
        #expect(RelayName.normalize(raw) == expected)
    }

    @Test func missingRelayIsNamedAfterTheMailer() {
        #expect(RelayName.normalize(nil, mailer: "local") == "(local)")
        #expect(RelayName.normalize(nil, mailer: nil) == "(none)")
        #expect(RelayName.normalize("", mailer: "prog") == "(prog)")
    }
}

@Suite struct RelayAggregatorTests {
    @Test func relayRowsCountRecordsAndDeferralsPerNormalisedHop() {
        let report = Fixture.build([
            Fixture.record("<a@x.example>", status: .delivered, delay: 4),
            Fixture.record("<b@x.example>", status: .delivered, relay: "smarthost.lab.example.", delay: 10),
            Fixture.record("<c@x.example>", status: .bounced, dsn: "5.1.1", stat: "User unknown"),
            Fixture.record("bob", status: .delivered, relay: nil, mailer: "local", delay: 0),
            Fixture.record("<n@x.example>", status: .delivered, kind: .dsn),
            Fixture.attempt(.deferred, recipients: 2, stat: "Deferred: Connection refused by smarthost.lab.example."),
            Fixture.attempt(.deferred, recipients: 1, stat: "Deferred: 452 4.2.2 Mailbox full", handoff: false),
            Fixture.attempt(.deferred, recipients: 9, relay: "[127.0.0.1] [127.0.0.1]", handoff: true),
        ])
        let rows = report.relays.rows
        #expect(rows.map(\.relay) == ["smarthost.lab.example", "(local)"])
        let smarthost = rows[0]
        #expect(smarthost.delivered == 2)
        #expect(smarthost.bounced == 1)
        #expect(smarthost.deferrals == 3)
        #expect(smarthost.deferralClasses == [ClassCount(reasonClass: .connectionRefused, events: 2),
                                              ClassCount(reasonClass: .mailboxFull, events: 1)])
        #expect(smarthost.delay.count == 2)
        #expect(smarthost.delay.max == 10)
        #expect(rows.reduce(0) { $0 + $1.delivered } == report.totals.delivered)
        #expect(rows.reduce(0) { $0 + $1.bounced } == report.totals.bounced)
        #expect(rows.reduce(0) { $0 + $1.deferrals } == report.totals.deferrals)
    }

    @Test func busiestRelaysComeFirstAndTiesSortByName() {
        let report = Fixture.build([
            Fixture.record(status: .delivered, relay: "b.example. [192.0.2.2]"),
            Fixture.record(status: .delivered, relay: "a.example. [192.0.2.1]"),
            Fixture.record(status: .delivered, relay: "c.example. [192.0.2.3]"),
            Fixture.record(status: .bounced, relay: "c.example. [192.0.2.3]"),
        ], options: ReportOptions(topN: 2))
        #expect(report.relays.rows.map(\.relay) == ["c.example", "a.example"])
        #expect(report.relays.distinct == 3)
    }
}
