@testable import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import Testing

@Suite struct BounceTests {
    @Test func bouncesGroupByDsnAndReasonWithAddressesMasked() throws {
        let report = Fixture.build([
            Fixture.record("<u1@example.com>", status: .bounced, dsn: "5.1.1", stat: "User unknown"),
            Fixture.record("<u2@example.com>", status: .bounced, dsn: "5.1.1", stat: "User unknown"),
            Fixture.record("<x@example.net>", status: .bounced, sender: "<app@corp.example>", dsn: "5.2.2",
                           stat: "552 5.2.2 <x@example.net>... Mailbox full"),
            Fixture.record("<y@example.net>", status: .bounced, sender: "<app@corp.example>", dsn: "5.2.2",
                           stat: "552 5.2.2 <y@example.net>... Mailbox full"),
            Fixture.record("<z@example.net>", status: .bounced, kind: .dsn, dsn: "5.1.1", stat: "User unknown"),
            Fixture.record("<ok@example.net>", status: .delivered),
        ])
        let b = try #require(report.bounces)
        #expect(b.total == 4)
        #expect(b.total == report.totals.bounced)
        #expect(b.reasons == [
            BounceReason(dsn: "5.1.1", reason: "User unknown", recipients: 2),
            BounceReason(dsn: "5.2.2", reason: "552 5.2.2 <…>... Mailbox full", recipients: 2),
        ])
        #expect(b.senders == [CountedText(text: "alice@corp.example", count: 2), CountedText(text: "app@corp.example", count: 2)])
        #expect(b.recipients.count == 4)
    }

    @Test func groupingKeyMasksAddressesAndCollapsesSpaces() {
        #expect(ReasonText.groupingKey("550  5.1.1 <a@b.example>:   User unknown") == "550 5.1.1 <…>: User unknown")
        #expect(ReasonText.groupingKey("mail for bob@example.com loops back") == "mail for …@… loops back")
        #expect(ReasonText.groupingKey("") == "")
    }
}

@Suite struct RejectTests {
    @Test func rejectsAreCountedByRulesetActionReasonAndClient() throws {
        func reject(_ ruleset: String, _ action: RejectAction, _ text: String?, client: String? = "[192.0.2.9]") -> CorrelatedEvent {
            .reject(RejectEvent(time: Fixture.time(1), host: "mx", qid: nil, ruleset: ruleset, action: action,
                                arg1: nil, client: client, text: text))
        }
        let report = Fixture.build([
            reject("check_rcpt", .reject, "550 5.7.1 <v1@example.com>... Relaying denied"),
            reject("check_rcpt", .reject, "550 5.7.1 <v2@example.com>... Relaying denied"),
            reject("check_mail", .reject, "553 5.1.8 Domain of sender address does not exist", client: "localhost [127.0.0.1]"),
            reject("check_mail", .tempfail, "451 4.1.8 Domain of sender address does not resolve"),
            Fixture.record(status: .rejected, relay: nil, mailer: nil),
        ])
        let r = try #require(report.rejects)
        #expect(r.byRuleset == [
            RejectRuleset(ruleset: "check_rcpt", action: "reject", count: 2),
            RejectRuleset(ruleset: "check_mail", action: "reject", count: 1),
            RejectRuleset(ruleset: "check_mail", action: "tempfail", count: 1),
        ])
        #expect(r.reasons.first == CountedText(text: "550 5.7.1 <…>... Relaying denied", count: 2))
        #expect(r.clients == [CountedText(text: "[192.0.2.9]", count: 2), CountedText(text: "localhost", count: 1)])
        #expect(r.rejectedRecipients == 1)
        #expect(report.totals.rejected == 3)
        #expect(report.totals.rejectedRecipients == 1)
    }
}

@Suite struct TrafficTests {
    @Test func eventsLandInTheirLocalHourAndDaysAppearOnlyAcrossDays() throws {
        let oneDay = Fixture.build([
            Fixture.message(received: 0),
            Fixture.record(status: .delivered, received: 0, completed: 3600),
            Fixture.attempt(.deferred, at: 60, recipients: 3),
            Fixture.record(status: .bounced, received: 0, completed: 7200),
        ])
        let t = try #require(oneDay.traffic)
        #expect(t.hours.count == 24)
        #expect(t.hours[15] == TrafficRow(label: "15", received: 1, delivered: 0, deferred: 3, bounced: 0))
        #expect(t.hours[16].delivered == 1)
        #expect(t.hours[17].bounced == 1)
        #expect(t.days.isEmpty)

        let twoDays = Fixture.build([
            Fixture.message(qid: "a", received: 0),
            Fixture.message(qid: "b", received: 86_400),
        ])
        #expect(twoDays.traffic?.days.map(\.label) == ["2026-11-30", "2026-12-01"])
    }

    @Test func theLinesOwnOffsetDecidesTheHour() throws {
        let report = Fixture.build([
            .message(MessageSummary(kind: .mail, qids: ["Q"], host: "mx", sender: "<a@b>", msgid: nil, size: 1,
                                    nrcpts: 1, recipients: 1, hasFromLine: true,
                                    received: Fixture.time(0, utcOffset: 3600), clientRelay: nil, proto: nil)),
        ])
        #expect(try #require(report.traffic).hours[16].received == 1)
    }

    @Test func eventsSwitchingOffsetsLandInTheirOwnLocalHourAndDay() throws {
        // The aggregator remembers the local hour it counts last: a line from another
        // offset (here the next local day) must leave it, and the next line come back.
        let message = { (qid: String, seconds: Int64, offset: Int32) -> CorrelatedEvent in
            .message(MessageSummary(kind: .mail, qids: [qid], host: "mx", sender: "<a@b>", msgid: nil, size: 1,
                                    nrcpts: 1, recipients: 1, hasFromLine: true,
                                    received: Fixture.time(seconds, utcOffset: offset), clientRelay: nil, proto: nil))
        }
        let report = Fixture.build([
            message("a", 0, 0), message("b", 0, 9 * 3600), message("c", 60, 0), message("d", 120, 0),
        ])
        let t = try #require(report.traffic)
        #expect(t.hours[15].received == 3)
        #expect(t.hours[0].received == 1)
        #expect(t.hours.reduce(0) { $0 + $1.received } == 4)
        #expect(t.days.map(\.label) == ["2026-11-30", "2026-12-01"])
        #expect(t.days.map(\.received) == [3, 1])
    }
}

@Suite struct TLSTests {
    @Test func starttlsAndAuthAreCountedPerSide() throws {
        let tls = { (side: Side, version: String?, verify: String?) -> CorrelatedEvent in
            .tls(TLSRecord(time: Fixture.time(1), host: "mx", side: side, relay: "x", version: version, verify: verify, cipher: nil))
        }
        let auth = { (outcome: AuthOutcome, mech: String?, relay: String?) -> CorrelatedEvent in
            .auth(AuthRecord(time: Fixture.time(1), host: "mx", side: .server, outcome: outcome, mech: mech, relay: relay, text: nil))
        }
        let report = Fixture.build([
            tls(.client, "TLSv1.3", "FAIL"), tls(.client, "TLSv1.3", "FAIL"), tls(.server, "TLSv1.2", "NOT"),
            tls(.server, nil, nil),
            auth(.success, "PLAIN", "a [192.0.2.1]"), auth(.failure, "LOGIN", "evil.example [192.0.2.66]"),
            auth(.failure, "", "evil.example [192.0.2.66]"),
        ])
        let t = try #require(report.tls)
        #expect(t.starttls.first == TLSUsage(side: "client", version: "TLSv1.3", verify: "FAIL", count: 2))
        #expect(t.starttls.contains(TLSUsage(side: "server", version: "(none)", verify: "(none)", count: 1)))
        #expect(t.auth.count == 3)
        #expect(t.auth.contains(AuthUsage(side: "server", mechanism: "(none)", outcome: "failure", count: 1)))
        #expect(t.authFailureClients == [CountedText(text: "evil.example", count: 2)])
    }
}
