import SmlogCorrelate
import SmlogParse
import Testing

/// The records of one message share its fields (sender, queue ids, size, …) but each carries
/// its own recipient's outcome and attempt fields: nothing of one recipient's record may leak
/// into the next one's, whatever the order of outcomes.
@Suite("record fields per recipient")
struct RecordFieldsPerRecipientTests {
    private static let qid = "6AUR000001"

    private static func from(nrcpts: Int) -> String {
        "Nov 30 10:00:00 vm sm-mta[1697]: \(qid): from=<s@example.com>, size=312, class=0, nrcpts=\(nrcpts), msgid=<m1@example.com>, proto=ESMTP, daemon=MTA, relay=client.example [192.0.2.1]"
    }

    private static func to(_ recipients: String, relay: String, dsn: String, stat: String, at time: String = "10:00:01") -> String {
        "Nov 30 \(time) vm sm-mta[1698]: \(qid): to=\(recipients), delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120312, relay=\(relay), dsn=\(dsn), stat=\(stat)"
    }

    private static let done = "Nov 30 10:00:05 vm sm-mta[1698]: \(qid): done; delay=00:00:05, ntries=1"

    @Test("each record has its own recipient's relay, stat and downstream id")
    func ownAttemptFields() throws {
        let run = CorrelationRun([
            Self.from(nrcpts: 4),
            Self.to("<a@one.example>,<c@one.example>", relay: "mx.one.example. [198.51.100.1]", dsn: "2.0.0",
                    stat: "Sent (6AUD000001 Message accepted for delivery)"),
            Self.to("<b@two.example>", relay: "mx.two.example. [198.51.100.2]", dsn: "5.1.1",
                    stat: "User unknown"),
            Self.to("<d@three.example>", relay: "mx.three.example. [198.51.100.3]", dsn: "2.0.0",
                    stat: "Sent (Ok: queued as 4XyZ1)"),
            Self.done,
        ])
        #expect(run.records.map(\.recipient) == ["a@one.example", "c@one.example", "b@two.example", "d@three.example"])
        let a = try #require(run.record("a@one.example"))
        let b = try #require(run.record("b@two.example"))
        let c = try #require(run.record("c@one.example"))
        let d = try #require(run.record("d@three.example"))
        #expect(a.status == .delivered && a.relay == "mx.one.example. [198.51.100.1]" && a.downstreamQid == "6AUD000001")
        #expect(c.status == .delivered && c.relay == a.relay && c.stat == a.stat && c.downstreamQid == "6AUD000001")
        #expect(b.status == .bounced && b.relay == "mx.two.example. [198.51.100.2]" && b.dsn == "5.1.1")
        #expect(b.stat == "User unknown" && b.downstreamQid == nil)
        #expect(d.status == .delivered && d.relay == "mx.three.example. [198.51.100.3]" && d.downstreamQid == "4XyZ1")
        for record in [a, b, c, d] {
            #expect(record.sender == "s@example.com" && record.qids == [Self.qid] && record.msgid == "<m1@example.com>")
            #expect(record.size == 312 && record.clientRelay == "client.example [192.0.2.1]" && record.proto == "ESMTP")
        }
        #expect(run.messages.count == 1 && run.messages.first?.qids == [Self.qid] && run.messages.first?.recipients == 4)
    }

    @Test("an address listed twice on one to= line keeps that line's attempt until the next")
    func addressListedTwice() throws {
        let run = CorrelationRun([
            Self.from(nrcpts: 2),
            Self.to("<a@one.example>,<a@one.example>", relay: "mx.one.example. [198.51.100.1]", dsn: "4.0.0",
                    stat: "Deferred: Connection timed out"),
            Self.to("<a@one.example>,<b@two.example>", relay: "mx.two.example. [198.51.100.2]", dsn: "4.0.0",
                    stat: "Deferred: Connection refused", at: "10:00:02"),
            Self.to("<b@two.example>", relay: "mx.three.example. [198.51.100.3]", dsn: "4.0.0",
                    stat: "Deferred: Connection reset", at: "10:00:03"),
        ])
        // Still pending at the end of input: each record shows its recipient's last attempt.
        #expect(run.records.count == 2)
        let a = try #require(run.record("a@one.example"))
        let b = try #require(run.record("b@two.example"))
        #expect(a.status == .pending && a.relay == "mx.two.example. [198.51.100.2]" && a.stat == "Deferred: Connection refused")
        #expect(b.status == .pending && b.relay == "mx.three.example. [198.51.100.3]" && b.stat == "Deferred: Connection reset")
        #expect(b.attempts == 2 && b.deferrals == 2)
    }

    @Test("a message announced with no to= line yet gives pending records with empty attempt fields")
    func pendingWithoutRecipients() throws {
        let run = CorrelationRun([Self.from(nrcpts: 2)])
        #expect(run.records.count == 2)
        for record in run.records {
            #expect(record.recipient == "" && record.status == .pending && record.attempts == 0)
            #expect(record.relay == nil && record.stat == nil && record.dsn == nil && record.downstreamQid == nil)
            #expect(record.sender == "s@example.com" && record.qids == [Self.qid])
        }
    }
}
