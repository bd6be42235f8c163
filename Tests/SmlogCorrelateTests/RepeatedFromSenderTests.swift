import Testing
import SmlogCorrelate

/// A from= line read again is recognised by its sender as logged, which the correlator now
/// rebuilds from the bare sender and whether it was in angle brackets.
@Suite("repeated from= lines: the sender as logged")
struct RepeatedFromSenderTests {
    static func from(_ sender: String) -> String {
        "Nov 20 10:00:00 vm sm-mta[10]: 6AKA0000000011: from=\(sender), size=1, class=0, nrcpts=1, msgid=<one@x>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]"
    }

    static let to = "Nov 20 10:00:01 vm sm-mta[11]: 6AKA0000000011: to=<r@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx. [198.51.100.1], dsn=2.0.0, stat=Sent (ok)"

    @Test("the same from= line twice is one message, whatever the sender's form",
          arguments: ["<a@example.org>", "a@example.org", "root", "<root>", "<>", "<jörg@beispiel.example>", "jörg"])
    func sameSenderTwiceIsOneMessage(_ sender: String) {
        let run = CorrelationRun([Self.from(sender), Self.from(sender), Self.to])
        #expect(run.messages.count == 1)
        #expect(run.records.count == 1)
        #expect(run.records.first?.status == .delivered)
    }

    @Test("a from= line whose sender differs only in its angle brackets is another message",
          arguments: [("<a@example.org>", "a@example.org"), ("root", "<root>"), ("<jörg@beispiel.example>", "jörg@beispiel.example")])
    func bracketsMakeAnotherMessage(_ first: String, _ second: String) {
        let run = CorrelationRun([Self.from(first), Self.from(second), Self.to])
        // The first message is closed (pending, never delivered) when its queue id comes again.
        #expect(run.messages.count == 2)
        #expect(run.records.map(\.status) == [.pending, .delivered])
    }
}
