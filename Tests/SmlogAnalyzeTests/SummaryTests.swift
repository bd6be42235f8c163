import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import Testing

@Suite struct SummaryTests {
    @Test func recipientEquationReconcilesOverEveryStatus() {
        let events = DeliveryStatus.allCases.enumerated().flatMap { i, status in
            Array(repeating: Fixture.record("<r\(i)@example.org>", status: status), count: i + 1)
        }
        let t = Fixture.build(events).totals
        #expect(t.recipients == 36)   // 1 + 2 + … + 8
        #expect(t.delivered == 1 && t.bounced == 2 && t.pending == 3)
        #expect(t.otherStatuses == 4 + 5 + 6 + 7 + 8)
        #expect(t.recipients == t.delivered + t.bounced + t.pending + t.otherStatuses)
        #expect(t.reconciles)
    }

    @Test func noticeRecordsStayOutOfTheRecipientFigures() {
        let t = Fixture.build([
            Fixture.record(status: .delivered),
            Fixture.record("<alice@corp.example>", status: .delivered, kind: .dsn),
            Fixture.record("<alice@corp.example>", status: .bounced, kind: .dsn),
        ]).totals
        #expect(t.recipients == 1)
        #expect(t.delivered == 1)
        #expect(t.bounced == 0)
    }

    @Test func messagesCountUserMailWithAFromLineOnceWithItsSize() {
        let t = Fixture.build([
            Fixture.message(qid: "A", size: 1500, recipients: 3),
            Fixture.message(qid: "B", size: 500),
            Fixture.message(qid: "C", size: 9999, hasFromLine: false),
            Fixture.message(qid: "D", size: 7777, kind: .dsn),
            Fixture.message(qid: "E", size: 3049, recipients: 0),
        ]).totals
        #expect(t.messages == 2)
        #expect(t.bytes == 2000)
        #expect(t.messagesWithoutRecipients == 1)
    }

    @Test func groupedRecipientsOnOneLineCountOneDeferralEach() {
        let t = Fixture.build([
            Fixture.attempt(.deferred, qid: "A", recipients: 3, stat: "Deferred: Connection refused by mx."),
            Fixture.attempt(.deferred, qid: "A", recipients: 1, stat: "Deferred: Connection refused by mx."),
            Fixture.attempt(.deferred, qid: "B", recipients: 2, stat: "Deferred: Connection refused by mx."),
        ]).totals
        #expect(t.deferrals == 6)
        #expect(t.deferredMessages == 2)
    }

    @Test func handoffDeferralsAreCountedApartAndNoticeAttemptsNotAtAll() {
        let t = Fixture.build([
            Fixture.attempt(.deferred, qid: "A", recipients: 2, stat: "Deferred: 452 4.2.2 Mailbox full"),
            Fixture.attempt(.deferred, qid: "M", recipients: 4, relay: "[127.0.0.1] [127.0.0.1]",
                            stat: "Deferred: Connection refused by [127.0.0.1]", handoff: true),
            Fixture.attempt(.deferred, qid: "N", recipients: 1, stat: "Deferred: Connection refused by mx.", notice: true),
            Fixture.attempt(.sent, qid: "A", recipients: 2, stat: "Sent (ok)"),
        ]).totals
        #expect(t.deferrals == 2)
        #expect(t.handoffDeferrals == 4)
        #expect(t.deferredMessages == 1)
    }

    @Test func sameQueueIdOnTwoHostsIsTwoDeferredMessages() {
        let t = Fixture.build([
            Fixture.attempt(.deferred, qid: "A", host: "mx1"),
            Fixture.attempt(.deferred, qid: "A", host: "mx2"),
        ]).totals
        #expect(t.deferredMessages == 2)
    }

    @Test func rejectsCountOnlyTheRejectActionAndTempfailsApart() {
        func reject(_ action: RejectAction) -> CorrelatedEvent {
            .reject(RejectEvent(time: Fixture.time(1), host: "mx", qid: nil, ruleset: "check_rcpt", action: action,
                                arg1: nil, client: "[192.0.2.1]", text: "550 5.7.1 Relaying denied"))
        }
        let t = Fixture.build([reject(.reject), reject(.reject), reject(.tempfail), reject(.discard), reject(.quarantine)]).totals
        #expect(t.rejected == 2)
        #expect(t.tempfailed == 1)
    }

    @Test func delayWarningsAreSenderNotifiesStartingWithWarning() {
        func notice(_ kind: NoticeKind, _ reason: String) -> CorrelatedEvent {
            .notice(NoticeEvent(time: Fixture.time(1), host: "mx", parentQid: "P", noticeQid: "N", kind: kind, reason: reason))
        }
        let t = Fixture.build([
            notice(.senderNotify, "Warning: could not send message for past 3 minutes"),
            notice(.senderNotify, "Cannot send message for 8 minutes"),
            notice(.dsn, "Service unavailable"),
            notice(.dsn, "User unknown"),
            notice(.returnToSender, "Service unavailable"),
            notice(.postmasterNotify, "Service unavailable"),
        ]).totals
        #expect(t.delayWarnings == 1)
        #expect(t.senderNotifyOther == 1)
        #expect(t.dsnNotices == 2)
        #expect(t.returnToSender == 1)
        #expect(t.postmasterNotices == 1)
        #expect(t.notices == 6)
    }

    @Test func systemErrorsAreCountedAndGroupedByText() {
        func syserr(_ text: String) -> CorrelatedEvent {
            .systemError(SystemErrorRecord(time: Fixture.time(1), host: "mx", qid: nil, text: text))
        }
        let report = Fixture.build([
            syserr("SYSERR(root): timeout writing message to [127.0.0.1]"),
            syserr("SYSERR(root): timeout writing message to [127.0.0.1]"),
            syserr("Losing ./qfAB12: savemail panic"),
        ])
        #expect(report.totals.systemErrors == 3)
        #expect(report.systemErrors.first == CountedText(text: "SYSERR(root): timeout writing message to [127.0.0.1]", count: 2))
    }

    @Test func plainConnectsAreNotSessionProblems() {
        func session(_ kind: SessionEvent) -> CorrelatedEvent {
            .session(SessionRecord(time: Fixture.time(1), host: "mx", kind: kind, client: "localhost [127.0.0.1]", text: nil))
        }
        let report = Fixture.build([session(.connect), session(.connect), session(.lostInputChannel)])
        #expect(report.totals.sessionEvents == 1)
        #expect(report.rejects?.sessions.first { $0.text == "connect" }?.count == 2)
    }
}
