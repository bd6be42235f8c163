import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import Testing

/// What a trace finds and how it groups it, on inline chains.
@Suite("Trace builder")
struct TraceBuilderTests {
    @Test("any queue id of submission → MTA → DSN → double bounce gives the whole chain and nothing else",
          arguments: TraceLines.doubleBounceChain)
    func doubleBounceFromAnyID(id: String) throws {
        let trace = TraceRun.trace(id, files: [TraceLines.doubleBounce])
        #expect(trace.messages.count == 1)
        let message = try #require(trace.messages.first)
        #expect(message.qids == TraceLines.doubleBounceChain)
        #expect(message.hops.map(\.role) == [.submission, .mta, .notice, .notice])
        #expect(message.hops[1].parentQid == "622901AA002001")
        #expect(message.hops[2].noticeKind == .dsn)
        #expect(message.hops[2].parentQid == "622902BB002002")
        #expect(message.hops[3].noticeKind == .returnToSender)
        #expect(message.hops[3].parentQid == "622903CC002003")
        #expect(message.sender == "carol@mail1.example.org")
        #expect(message.size == 1200)
        #expect(message.msgid == "<202603020900.622901AA002001@mail1.example.org>")
        #expect(message.state == .finished)
        #expect(!message.events.contains { $0.qid == "622902EE002010" })
        #expect(message.events.count == 11)
        #expect(message.rawLines.count == 11)
    }

    @Test("recipients: the message's own first, then the bounce and the postmaster copy, with where each ended")
    func doubleBounceRecipients() throws {
        let message = try #require(TraceRun.trace("622901AA002001", files: [TraceLines.doubleBounce]).messages.first)
        #expect(message.recipients.map(\.address) == ["dave@elsewhere.example", "carol@mail1.example.org", "postmaster"])
        #expect(message.recipients.map(\.status) == [.bounced, .bounced, .delivered])
        #expect(message.recipients.map(\.qid) == ["622902BB002002", "622903CC002003", "622904DD002003"])
        #expect(message.recipients[0].kind == .mail)
        #expect(message.recipients[0].latencySeconds == 2)
        #expect(message.recipients[0].dsn == "5.1.1")
        #expect(message.recipients[1].noticeKind == .dsn)
        #expect(message.recipients[2].noticeKind == .returnToSender)
    }

    @Test("the timeline says what each line means")
    func timelineMeaning() throws {
        let message = try #require(TraceRun.trace("622902BB002002", files: [TraceLines.doubleBounce]).messages.first)
        let handoff = try #require(message.events.first { $0.kind == .attempt && $0.qid == "622901AA002001" })
        #expect(handoff.isHandoff)
        #expect(handoff.outcome == .sent)
        #expect(handoff.nextQid == "622902BB002002")
        let bounce = try #require(message.events.first { $0.kind == .attempt && $0.qid == "622902BB002002" })
        #expect(bounce.outcome == .bounced)
        #expect(bounce.recipients == ["dave@elsewhere.example"])
        #expect(bounce.relay == "mx.elsewhere.example. [192.0.2.10]")
        let notice = try #require(message.events.first { $0.kind == .notice })
        #expect(notice.childQids == ["622903CC002003"])
        #expect(notice.noticeKind == .dsn)
        #expect(notice.text == "User unknown")
        let done = try #require(message.events.last)
        #expect(done.kind == .done)
        #expect(done.tries == 1)
        #expect(done.delay == 2)
        #expect(message.events.map(\.time) == message.events.map(\.time).sorted())
    }

    @Test("deferred, then delivered by a queue run: both attempts, one delivered recipient with its latency")
    func deferredThenDelivered() throws {
        let message = try #require(TraceRun.trace("622A00GG003001", files: [TraceLines.deferredThenDelivered]).messages.first)
        #expect(message.events.filter { $0.kind == .attempt }.map(\.outcome) == [.deferred, .sent])
        let recipient = try #require(message.recipients.first)
        #expect(recipient.status == .delivered)
        #expect(recipient.attempts == 2)
        #expect(recipient.deferrals == 1)
        #expect(recipient.latencySeconds == 1801)
        #expect(recipient.downstreamQid == "4QRSTUVW")
        #expect(message.state == .finished)
        #expect(message.hops.map(\.role) == [.mta, .relay])
        #expect(message.hops.last?.qid == "4QRSTUVW")
        #expect(message.hops.last?.host == "mx.slow.example.")
        #expect(message.hops.last?.logged == false)
        #expect(message.qids == ["622A00GG003001"])
    }

    @Test("the next hop's queue id from the Sent text finds the message")
    func relayQueueIDFindsMessage() throws {
        let trace = TraceRun.trace("4QRSTUVW", files: [TraceLines.deferredThenDelivered])
        #expect(trace.messages.map(\.qids) == [["622A00GG003001"]])
    }

    @Test("a message whose lines span rotated files is one message")
    func spansRotatedFiles() throws {
        let lines = TraceLines.deferredThenDelivered
        let trace = TraceRun.trace("622A00GG003001", files: [Array(lines[0..<2]), Array(lines[2...])])
        #expect(trace.messages.count == 1)
        #expect(trace.messages.first?.events.count == 4)
        #expect(trace.messages.first?.recipients.map(\.status) == [.delivered])
    }

    @Test("the same queue id on two hosts is two messages, each with its own host")
    func sameQueueIDOnTwoHosts() throws {
        let trace = TraceRun.trace("622B00XX000100", files: [TraceLines.twoHosts])
        #expect(trace.messages.count == 2)
        #expect(trace.messages.map { $0.hops.map(\.host) } == [["alpha"], ["beta"]])
        #expect(trace.messages.map(\.sender) == ["ann@alpha.example", "cy@beta.example"])
        #expect(trace.messages.map { $0.events.count } == [2, 2])
    }

    @Test("a hop to another host whose log is in the input continues the chain there, from either end",
          arguments: ["622C00AA000200", "622C01BB000300"])
    func acrossHosts(id: String) throws {
        let trace = TraceRun.trace(id, files: [TraceLines.acrossHosts])
        #expect(trace.messages.count == 1)
        let message = try #require(trace.messages.first)
        #expect(message.qids == ["622C00AA000200", "622C01BB000300"])
        #expect(message.hops.map(\.host) == ["alpha", "beta"])
        #expect(message.hops[1].parentQid == "622C00AA000200")
        #expect(message.events.count == 4)
    }

    @Test("a message without a final outcome at the end is still queued, with its age and last error")
    func stillQueued() throws {
        let trace = TraceRun.trace("622D00QQ000400", files: [TraceLines.stillQueued])
        let message = try #require(trace.messages.first)
        #expect(message.state == .queued)
        #expect(message.age == 7200)
        #expect(message.lastError == "Deferred: Connection timed out with mx.down.example.")
        #expect(message.recipients.map(\.status) == [.pending])
        #expect(trace.endOfInput?.seconds == message.received.map { $0.seconds + 7200 })
    }

    @Test("a Message-ID, with or without <>, finds every message carrying it",
          arguments: ["<202603020900.622901AA002001@mail1.example.org>", "202603020900.622901AA002001@mail1.example.org"])
    func byMessageID(id: String) throws {
        let trace = TraceRun.trace(id, files: [TraceLines.doubleBounce])
        #expect(trace.messages.map(\.qids) == [TraceLines.doubleBounceChain])
        #expect(trace.messages.first?.matchedAs == [.msgid])
    }

    @Test("an address finds the messages from or to it, ignoring case")
    func byAddress() throws {
        let lines = TraceLines.doubleBounce + TraceLines.deferredThenDelivered
        let recipient = TraceRun.trace("Dave@Elsewhere.example", files: [lines])
        #expect(recipient.messages.map { $0.qids.first } == ["622901AA002001"])
        #expect(recipient.messages.first?.matchedAs == [.address])
        let sender = TraceRun.trace("gina@example.net", files: [lines])
        #expect(sender.messages.map(\.qids) == [["622A00GG003001"]])
        let local = TraceRun.trace("postmaster", files: [lines])
        #expect(local.query.kind == .address)
        #expect(local.messages.map { $0.qids.first } == ["622901AA002001"])
    }

    @Test("--limit keeps the most recent messages, in input order")
    func limitKeepsNewest() throws {
        let lines = [
            "Mar  2 08:00:00 mail1 sendmail[10]: 622800AA000010: from=<kim@example.net>, size=1, class=0, nrcpts=1, msgid=<l.1@example.net>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]",
            "Mar  2 08:00:01 mail1 sendmail[11]: 622800AA000010: to=<lee@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=local, pri=1, dsn=2.0.0, stat=Sent",
            "Mar  2 09:00:00 mail1 sendmail[20]: 622900BB000020: from=<kim@example.net>, size=2, class=0, nrcpts=1, msgid=<l.2@example.net>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]",
            "Mar  2 09:00:01 mail1 sendmail[21]: 622900BB000020: to=<lee@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=local, pri=1, dsn=2.0.0, stat=Sent",
            "Mar  2 10:00:00 mail1 sendmail[30]: 622A00CC000030: from=<kim@example.net>, size=3, class=0, nrcpts=1, msgid=<l.3@example.net>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]",
            "Mar  2 10:00:01 mail1 sendmail[31]: 622A00CC000030: to=<lee@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=local, pri=1, dsn=2.0.0, stat=Sent",
        ]
        let all = TraceRun.trace("kim@example.net", files: [lines])
        #expect(all.messages.map(\.size) == [1, 2, 3])
        let two = TraceRun.trace("kim@example.net", files: [lines], selection: TraceSelection(limit: 2))
        #expect(two.messages.map(\.size) == [2, 3])
        let since = try #require(TraceTimeBound.parse("2026-03-02T08:30:00Z", now: 0))
        let until = try #require(TraceTimeBound.parse("2026-03-02T10:00:00Z", now: 0))
        let window = TraceRun.trace("kim@example.net", files: [lines], selection: TraceSelection(since: since, until: until))
        #expect(window.messages.map(\.size) == [2])
    }

    @Test("nothing matching gives no message")
    func nothingMatches() {
        #expect(TraceRun.trace("622F00ZZ009999", files: [TraceLines.doubleBounce]).messages.isEmpty)
        #expect(TraceRun.trace("nobody@nowhere.example", files: [TraceLines.doubleBounce]).messages.isEmpty)
    }

    @Test("another program's line carrying the queue id is on the timeline and in the raw lines")
    func otherProgramLine() throws {
        let lines = TraceLines.deferredThenDelivered + [
            "Mar  2 10:00:00 mail1 milter-check[77]: 622A00GG003001: scanned, score=0.1",
        ]
        let message = try #require(TraceRun.trace("622A00GG003001", files: [lines]).messages.first)
        let other = try #require(message.events.first { $0.kind == .other })
        #expect(other.program == "milter-check")
        #expect(other.qid == "622A00GG003001")
        #expect(message.rawLines.count == 5)
    }
}
