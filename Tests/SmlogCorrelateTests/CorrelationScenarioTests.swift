import SmlogCorrelate
import SmlogParse
import Testing

/// Correlation scenarios on real-shaped sendmail 8.17 lines.
@Suite("Correlation scenarios")
struct CorrelationScenarioTests {
    @Test("a to= line with three recipients is three records")
    func groupedRecipients() {
        let run = CorrelationRun([
            "Nov 30 15:49:10 vm sendmail[1409]: 6AUFn9IP001409: from=<monitoring@corp.example>, size=1547, class=0, nrcpts=3, msgid=<m1@corp.example>, proto=ESMTP, daemon=MTA-v4, relay=client.corp.example [192.0.2.7]",
            "Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: to=<eva.dubois@example.org>,<eva.khan@example.org>,<li.wu@example.net>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=91733, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 1ECEAF44C9)",
        ])
        #expect(run.records.map(\.recipient) == ["eva.dubois@example.org", "eva.khan@example.org", "li.wu@example.net"])
        #expect(run.records.allSatisfy { $0.status == .delivered && $0.kind == .mail })
        #expect(run.records.allSatisfy { $0.downstreamQid == "1ECEAF44C9" && $0.sender == "monitoring@corp.example" })
        #expect(run.messages.count == 1)
        #expect(run.messages.first?.recipients == 3)
        #expect(run.attempts.first?.recipientCount == 3)
    }

    @Test("deferred, then sent by a queue run: one delivered record with both attempts")
    func deferredThenSent() throws {
        let run = CorrelationRun([
            "Nov 30 15:50:49 vm sendmail[1813]: 6AUFondi001813: from=<batch@vm.lab.example>, size=2791, class=0, nrcpts=1, msgid=<m2@vm.lab.example>, proto=ESMTP, daemon=MTA-v4, relay=client [192.0.2.8]",
            "Nov 30 15:50:50 vm sendmail[1816]: 6AUFondi001813: to=<li.garcia@example.org>, delay=00:00:01, xdelay=00:00:00, mailer=relay, pri=92791, relay=smarthost.lab.example. [127.0.0.1], dsn=4.4.1, stat=Deferred: Connection refused by smarthost.lab.example.",
            "Nov 30 15:52:04 vm sendmail[2240]: 6AUFondi001813: to=<li.garcia@example.org>, delay=00:01:15, xdelay=00:00:01, mailer=relay, pri=182791, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 52A1B2C3D4)",
        ])
        let record = try #require(run.record("li.garcia@example.org"))
        #expect(record.status == .delivered)
        #expect(record.attempts == 2)
        #expect(record.deferrals == 1)
        #expect(record.delay == 75)
        #expect(record.xdelay == 1)
        #expect(record.relay == "smarthost.lab.example. [127.0.0.1]")
        #expect(run.attempts.map(\.outcome) == [.deferred, .sent])
    }

    @Test("a local submission handed to the MTA is one message with two hops")
    func submissionHandedToMTA() throws {
        let run = CorrelationRun([
            "Nov 30 15:49:15 vm sendmail[1537]: 6AUFnFMH001537: from=alice, size=3250, class=0, nrcpts=1, msgid=<20261130154915.146679.m7dkt7kt@vm.lab.example>, relay=alice@localhost",
            "Nov 30 15:49:16 vm sendmail[1538]: 6AUFnFi8001538: from=<alice@vm.lab.example>, size=3406, class=0, nrcpts=1, msgid=<20261130154915.146679.m7dkt7kt@vm.lab.example>, proto=ESMTPS, daemon=MTA-v4, relay=localhost [127.0.0.1]",
            "Nov 30 15:49:16 vm sendmail[1537]: 6AUFnFMH001537: to=nina.silva@example.com, ctladdr=alice (1001/1001), delay=00:00:01, xdelay=00:00:01, mailer=relay, pri=33250, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (6AUFnFi8001538 Message accepted for delivery)",
            "Nov 30 15:49:16 vm sendmail[1558]: 6AUFnFi8001538: to=<nina.silva@example.com>, ctladdr=<alice@vm.lab.example> (1001/1001), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=33406, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as F634EC02B7)",
            "Nov 30 15:49:16 vm sendmail[1558]: 6AUFnFi8001538: done; delay=00:00:00, ntries=1",
        ])
        #expect(run.records.count == 1)
        let record = try #require(run.records.first)
        #expect(record.recipient == "nina.silva@example.com")
        #expect(record.status == .delivered)
        #expect(record.qids == ["6AUFnFMH001537", "6AUFnFi8001538"])
        #expect(record.sender == "alice@vm.lab.example")
        #expect(record.size == 3250)
        #expect(record.relay == "smarthost.lab.example. [127.0.0.1]")
        #expect(run.messages.count == 1)
        #expect(run.messages.first?.qids == ["6AUFnFMH001537", "6AUFnFi8001538"])
        #expect(run.attempts.filter(\.isHandoff).count == 1)
    }

    @Test("a bounce creates a notice, whose own failure creates a double bounce")
    func dsnAndDoubleBounce() throws {
        let run = CorrelationRun([
            "Nov 30 15:55:38 vm sendmail[4300]: 6AUFtc01004300: from=<app@corp.example>, size=900, class=0, nrcpts=1, msgid=<m3@corp.example>, proto=ESMTP, daemon=MTA-v4, relay=client [192.0.2.9]",
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFtc01004300: to=<unknown.raj@example.com>, delay=00:00:02, xdelay=00:00:00, mailer=relay, pri=30900, relay=smarthost.lab.example. [127.0.0.1], dsn=5.1.1, reply=550 5.1.1 <unknown.raj@example.com>: User unknown, stat=User unknown",
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFtc01004300: 6AUFte6D004322: DSN: User unknown",
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFte6D004322: to=<app@corp.example>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=31900, relay=smarthost.lab.example. [127.0.0.1], dsn=5.7.1, reply=554 5.7.1 Rejected, stat=Service unavailable",
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFte6D004322: 6AUFte6E004322: return to sender: Service unavailable",
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFte6E004322: to=postmaster, delay=00:00:00, xdelay=00:00:00, mailer=local, pri=32900, dsn=2.0.0, stat=Sent",
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFte6D004322: Saved message in /var/lib/sendmail/dead.letter",
        ])
        let original = try #require(run.record("unknown.raj@example.com"))
        #expect(original.status == .bounced)
        #expect(original.kind == .mail)
        #expect(original.dsn == "5.1.1")
        let notice = try #require(run.record("app@corp.example"))
        #expect(notice.kind == .dsn)
        #expect(notice.noticeKind == .dsn)
        #expect(notice.status == .bounced)
        #expect(notice.parentQid == "6AUFtc01004300")
        #expect(notice.qids == ["6AUFte6D004322"])
        let doubleBounce = try #require(run.record("postmaster"))
        #expect(doubleBounce.kind == .dsn)
        #expect(doubleBounce.noticeKind == .returnToSender)
        #expect(doubleBounce.status == .delivered)
        #expect(doubleBounce.parentQid == "6AUFte6D004322")
        #expect(run.messages.filter { $0.kind == .mail }.count == 1)
        #expect(run.attempts.filter(\.isNotice).count == 2)
    }

    @Test("the same queue id on two hosts is two messages")
    func sameQueueIDOnTwoHosts() {
        let run = CorrelationRun([
            "Nov 30 10:00:00 mx1 sm-mta[100]: 6AUA00aa000100: from=<a@example.org>, size=10, class=0, nrcpts=1, msgid=<x@a>, proto=ESMTP, daemon=MTA, relay=c1 [192.0.2.1]",
            "Nov 30 10:00:00 mx2 sm-mta[100]: 6AUA00aa000100: from=<b@example.org>, size=20, class=0, nrcpts=1, msgid=<y@b>, proto=ESMTP, daemon=MTA, relay=c2 [192.0.2.2]",
            "Nov 30 10:00:01 mx1 sm-mta[101]: 6AUA00aa000100: to=<r1@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30010, relay=mx.example.net. [198.51.100.1], dsn=2.0.0, stat=Sent (ok)",
            "Nov 30 10:00:02 mx2 sm-mta[101]: 6AUA00aa000100: to=<r2@example.net>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=30020, relay=mx.example.net. [198.51.100.1], dsn=5.1.1, stat=User unknown",
        ])
        #expect(run.messages.count == 2)
        #expect(run.record("r1@example.net")?.sender == "a@example.org")
        #expect(run.record("r1@example.net")?.host == "mx1")
        #expect(run.record("r2@example.net")?.sender == "b@example.org")
        #expect(run.record("r2@example.net")?.status == .bounced)
    }

    @Test("a recipient with only deferrals at end of input is pending")
    func deferralOnlyIsPending() throws {
        let run = CorrelationRun([
            "Nov 30 16:02:41 vm sendmail[6000]: 6AUG2f00006000: from=<bob@vm.lab.example>, size=500, class=0, nrcpts=1, msgid=<m5@vm>, proto=ESMTP, daemon=MTA-v4, relay=client [192.0.2.3]",
            "Nov 30 16:02:42 vm sendmail[6001]: 6AUG2f00006000: to=<sara@example.org>, delay=00:00:01, xdelay=00:00:00, mailer=relay, pri=30500, relay=smarthost.lab.example., dsn=4.4.1, stat=Deferred: Connection refused by smarthost.lab.example.",
        ])
        let record = try #require(run.record("sara@example.org"))
        #expect(record.status == .pending)
        #expect(record.completed == nil)
        #expect(record.deferrals == 1)
        #expect(record.stat == "Deferred: Connection refused by smarthost.lab.example.")
    }

    @Test("the queue timeout turns the waiting recipients into bounces")
    func queueTimeoutBounces() throws {
        let run = CorrelationRun([
            "Nov 30 15:49:25 vm sendmail[1571]: 6AUFnOhc001571: from=<bob@vm.lab.example>, size=4815, class=0, nrcpts=1, msgid=<m6@vm>, proto=ESMTPS, daemon=MTA-v4, relay=client [192.0.2.4]",
            "Nov 30 15:49:25 vm sendmail[1577]: 6AUFnOhc001571: to=<full.sara.khan@example.org>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=34815, relay=smarthost.lab.example. [127.0.0.1], dsn=4.2.2, reply=452 4.2.2 <full.sara.khan@example.org>: Mailbox full, stat=Deferred: 452 4.2.2 <full.sara.khan@example.org>: Mailbox full",
            "Nov 30 15:52:37 vm sendmail[2505]: 6AUFnOhc001571: 6AUFqb9O002505: sender notify: Warning: could not send message for past 3 minutes",
            "Nov 30 15:57:54 vm sendmail[4955]: 6AUFnOhc001571: 6AUFvsqE004955: sender notify: Cannot send message for 8 minutes",
            "Nov 30 15:57:54 vm sendmail[4955]: 6AUFnOhc001571: done; delay=00:08:29, ntries=17",
        ])
        let record = try #require(run.record("full.sara.khan@example.org"))
        #expect(record.status == .bounced)
        #expect(record.stat == "Cannot send message for 8 minutes")
        #expect(record.deferrals == 1)
        let notices = run.events.compactMap { if case .notice(let n) = $0 { n } else { nil } }
        #expect(notices.map(\.kind) == [.senderNotify, .senderNotify])
    }

    @Test("clone children belong to the message they were cloned from")
    func cloneChildren() {
        let run = CorrelationRun([
            "Nov 30 15:55:21 vm sendmail[3877]: 6AUFtJXE003877: from=<root@vm.lab.example>, size=44718, class=0, nrcpts=1, msgid=<m7@vm>, proto=ESMTPS, daemon=MTA-v4, relay=client [192.0.2.5]",
            "Nov 30 15:55:21 vm sendmail[4022]: 6AUFtJXE003877: 6AUFtLXD004022: clone: owner=alice",
            "Nov 30 15:55:21 vm sendmail[4022]: 6AUFtLXD004022: to=bob, ctladdr=alice (1001/1001), delay=00:00:00, xdelay=00:00:00, mailer=local, pri=135012, dsn=2.0.0, stat=Sent",
            "Nov 30 15:56:08 vm sendmail[4501]: 6AUFtLXD004022: to=dba-team@corp.example, ctladdr=alice (1001/1001), delay=00:00:47, xdelay=00:00:00, mailer=relay, pri=315012, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as E09DA707D3)",
            "Nov 30 15:56:08 vm sendmail[4501]: 6AUFtLXD004022: done; delay=00:00:47, ntries=3",
        ])
        #expect(run.messages.count == 1)
        #expect(run.records.count == 2)
        #expect(run.records.allSatisfy { $0.qids == ["6AUFtJXE003877", "6AUFtLXD004022"] })
        #expect(run.records.allSatisfy { $0.sender == "root@vm.lab.example" && $0.status == .delivered })
    }

    @Test("an SMTP transaction with no accepted recipient (nrcpts=0) is not a message")
    func abortedTransaction() {
        let run = CorrelationRun([
            "Nov 30 15:50:06 vm sendmail[1682]: 6AUFo5u4001682: ruleset=check_rcpt, arg1=<user@blocked.example>, relay=localhost [127.0.0.1], reject=550 5.2.1 <user@blocked.example>... Mailbox disabled for this recipient",
            "Nov 30 15:50:06 vm sendmail[1682]: 6AUFo5u4001682: from=<someone@corp.example>, size=0, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, relay=localhost [127.0.0.1]",
        ])
        #expect(run.records.isEmpty)
        #expect(run.messages.isEmpty)
        let rejects = run.events.compactMap { if case .reject(let r) = $0 { r } else { nil } }
        #expect(rejects.count == 1)
        #expect(rejects.first?.ruleset == "check_rcpt")
    }

    @Test("a message refused while being received gives rejected records and no received message")
    func refusedDuringReceipt() throws {
        let run = CorrelationRun([
            "Nov 30 15:50:40 vm sendmail[1788]: 6AUFodLA001788: from=<reports@corp.example>, size=5602379, class=0, nrcpts=1, msgid=<m8@vm>, proto=ESMTP, daemon=MTA-v4, relay=localhost [127.0.0.1]",
            "Nov 30 15:50:40 vm sendmail[1788]: 6AUFodLA001788: message size (5602379) exceeds maximum (5000000)",
            "Nov 30 15:50:40 vm sendmail[1788]: 6AUFodLA001788: to=<mary.chen@example.org>, delay=00:00:00, pri=5632379, stat=Message exceeds maximum fixed size (5000000)",
        ])
        let record = try #require(run.record("mary.chen@example.org"))
        #expect(record.status == .rejected)
        #expect(run.messages.isEmpty)
    }

    @Test("a message idle past the horizon is flushed as incomplete before the end")
    func horizonFlush() throws {
        let run = CorrelationRun(
            [
                "Nov 25 10:00:00 vm sm-mta[10]: 6APA0000000010: from=<a@example.org>, size=1, class=0, nrcpts=1, msgid=<old@x>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]",
                "Nov 25 10:00:01 vm sm-mta[11]: 6APA0000000010: to=<r@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx. [198.51.100.1], dsn=4.0.0, stat=Deferred: Connection timed out with mx.",
                "Nov 27 10:00:00 vm sm-mta[12]: 6ARA0000000012: from=<b@example.org>, size=1, class=0, nrcpts=1, msgid=<new@x>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]",
            ],
            options: CorrelatorOptions(horizonSeconds: 86_400))
        let old = try #require(run.record("r@example.net"))
        #expect(old.status == .incomplete)
        // The old message left memory when the line two days later was read.
        #expect(run.inFlightAfterEachLine == [1, 1, 1])
        let firstRecordIndex = try #require(run.events.firstIndex { if case .record = $0 { true } else { false } })
        let lastAttemptIndex = try #require(run.events.lastIndex { if case .attempt = $0 { true } else { false } })
        #expect(firstRecordIndex > lastAttemptIndex)
    }

    @Test("a queue id reused with a new from= line starts a new message")
    func queueIDReuse() {
        let run = CorrelationRun([
            "Nov 20 10:00:00 vm sm-mta[10]: 6AKA0000000010: from=<a@example.org>, size=1, class=0, nrcpts=1, msgid=<one@x>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]",
            "Nov 20 10:00:01 vm sm-mta[11]: 6AKA0000000010: to=<r@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx. [198.51.100.1], dsn=4.0.0, stat=Deferred: Connection timed out with mx.",
            "Nov 21 10:00:00 vm sm-mta[10]: 6AKA0000000010: from=<b@example.org>, size=2, class=0, nrcpts=1, msgid=<two@x>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]",
            "Nov 21 10:00:01 vm sm-mta[11]: 6AKA0000000010: to=<s@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx. [198.51.100.1], dsn=2.0.0, stat=Sent (ok)",
        ])
        #expect(run.messages.count == 2)
        #expect(run.record("r@example.net")?.sender == "a@example.org")
        #expect(run.record("r@example.net")?.status == .pending)
        #expect(run.record("s@example.net")?.sender == "b@example.org")
        #expect(run.record("s@example.net")?.status == .delivered)
    }

    @Test("alias expansion past nrcpts: late lines of the same run join the message")
    func aliasExpansionWithinSettleWindow() {
        let run = CorrelationRun([
            "Nov 30 15:51:56 vm sendmail[2169]: 6AUFpsaM002169: from=<root@vm.lab.example>, size=3986, class=0, nrcpts=1, msgid=<m9@vm>, proto=ESMTP, daemon=MTA-v4, relay=client [192.0.2.6]",
            "Nov 30 15:51:56 vm sendmail[2175]: 6AUFpsaM002169: alias <nightly-reports@vm.lab.example> => appsvc, reports-archive@corp.example",
            "Nov 30 15:51:56 vm sendmail[2175]: 6AUFpsaM002169: to=appsvc, ctladdr=<root@vm.lab.example> (0/0), delay=00:00:00, xdelay=00:00:00, mailer=local, pri=64287, dsn=2.0.0, stat=Sent",
            "Nov 30 15:52:16 vm sendmail[2175]: 6AUFpsaM002169: to=reports-archive@corp.example, ctladdr=<root@vm.lab.example> (0/0), delay=00:00:20, xdelay=00:00:20, mailer=relay, pri=64287, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 52AA)",
        ])
        #expect(run.messages.count == 1)
        #expect(run.records.count == 2)
        #expect(run.records.allSatisfy { $0.sender == "root@vm.lab.example" })
    }
}

@Suite("Correlation at the end of input")
struct CorrelationEndOfInputTests {
    @Test("a message received but not attempted yet gives one pending record per announced recipient")
    func receivedNotAttempted() {
        let run = CorrelationRun([
            "Nov 29 18:24:14 vm sendmail[266885]: 6ATIOEkD266885: from=appsvc, size=4053, class=0, nrcpts=2, msgid=<202611291824.6ATIOEkD266885@vm.lab.example>, relay=appsvc@localhost",
        ])
        #expect(run.records.count == 2)
        #expect(run.records.allSatisfy { $0.status == .pending && $0.recipient.isEmpty && $0.attempts == 0 })
        #expect(run.messages.count == 1)
        #expect(run.messages.first?.recipients == 2)
    }
}

@Suite("Correlation of aborted transactions")
struct CorrelationAbortedTests {
    @Test("a from= line after the client dropped the connection during DATA is no message")
    func dataAborted() {
        let run = CorrelationRun([
            "Nov 30 15:49:39 vm sendmail[1618]: 6AUFnbWU001618: collect: premature EOM: unexpected close",
            "Nov 30 15:49:39 vm sendmail[1618]: 6AUFnbWU001618: collect: relay=localhost, from=<app@corp.example>, info=unexpected close",
            "Nov 30 15:49:39 vm sendmail[1618]: 6AUFnbWU001618: from=<app@corp.example>, size=3049, class=0, nrcpts=1, proto=ESMTP, daemon=MTA-v4, relay=localhost [127.0.0.1]",
        ])
        #expect(run.records.isEmpty)
        #expect(run.messages.isEmpty)
        #expect(run.inFlightAfterEachLine.last == 0)
    }
}

@Suite("Correlation of repeated from= lines")
struct CorrelationRepeatedFromTests {
    @Test("the same from= line twice (a log forwarded twice) is one message")
    func identicalFromTwice() {
        let from = "Nov 20 10:00:00 vm sm-mta[10]: 6AKA0000000010: from=<a@example.org>, size=1, class=0, nrcpts=1, msgid=<one@x>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]"
        let run = CorrelationRun([
            from, from,
            "Nov 20 10:00:01 vm sm-mta[11]: 6AKA0000000010: to=<r@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx. [198.51.100.1], dsn=2.0.0, stat=Sent (ok)",
        ])
        #expect(run.messages.count == 1)
        #expect(run.records.count == 1)
        #expect(run.records.first?.status == .delivered)
    }
}
