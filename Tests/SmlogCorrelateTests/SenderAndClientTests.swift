import SmlogCorrelate
import Testing

/// Values the correlator now works out on bytes (sender without brackets, session client,
/// recipients of a long list): the records must read as before.
@Suite("senders, session clients and long recipient lists")
struct SenderAndClientTests {
    private static func message(from: String, qid: String = "6AUFn9IP001409") -> [String] {
        [
            "Nov 30 15:49:10 vm sendmail[1409]: \(qid): from=\(from), size=1547, class=0, nrcpts=1, msgid=<m1@corp.example>, proto=ESMTP, daemon=MTA-v4, relay=client.corp.example [192.0.2.7]",
            "Nov 30 15:49:10 vm sendmail[1430]: \(qid): to=<eva@example.org>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=91733, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 1ECEAF44C9)",
        ]
    }

    @Test("the record's sender is the from= value without its angle brackets", arguments: [
        ("<monitoring@corp.example>", "monitoring@corp.example"),
        ("monitoring@corp.example", "monitoring@corp.example"),
        ("<>", "<>"),
        ("alice", "alice"),
        ("<alice>", "alice"),
        ("<jörg@beispiel.example>", "jörg@beispiel.example"),
    ])
    func senderWithoutBrackets(_ from: String, _ expected: String) throws {
        let run = CorrelationRun(Self.message(from: from))
        let record = try #require(run.records.first)
        #expect(record.sender == expected)
        #expect(run.messages.first?.sender == expected)
    }

    @Test("session clients read host [address], [address] or host")
    func sessionClients() {
        let run = CorrelationRun([
            "Nov 30 15:49:13 vm sendmail[1433]: 6AUFnCRE001433: localhost [127.0.0.1] did not issue MAIL/EXPN/VRFY/ETRN during connection to MTA-v4",
            "Nov 30 15:49:14 vm sendmail[1434]: 6AUFnCRE001434: localhost [127.0.0.1] did not issue MAIL/EXPN/VRFY/ETRN during connection to MTA-v4",
            "Nov 30 15:50:18 vm sendmail[1604]: 6AUFnWmL001604: lost input channel from [192.0.2.77] to MTA-v4 after mail",
        ])
        let clients = run.events.compactMap { event -> String? in
            if case .session(let s) = event { return s.client } else { return nil }
        }
        #expect(clients == ["localhost [127.0.0.1]", "localhost [127.0.0.1]", "[192.0.2.77]"])
    }

    @Test("a to= line with many recipients, some repeated: one record per distinct recipient")
    func longRecipientList() {
        let names = (0..<40).map { "user\($0)@example.org" }
        let list = (names + names.prefix(5)).map { "<\($0)>" }.joined(separator: ",")
        let run = CorrelationRun([
            "Nov 30 15:49:10 vm sendmail[1409]: 6AUFn9IP001409: from=<a@corp.example>, size=1, class=0, nrcpts=40, msgid=<m@x>, proto=ESMTP, daemon=MTA-v4, relay=c [192.0.2.7]",
            "Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: to=\(list), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=1, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 1ECEAF44C9)",
            "Nov 30 15:49:11 vm sendmail[1430]: 6AUFn9IP001409: to=<user3@example.org>,<user30@example.org>, delay=00:00:01, xdelay=00:00:00, mailer=relay, pri=1, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 2ECEAF44C9)",
        ])
        #expect(run.records.map(\.recipient) == names)
        #expect(run.record("user3@example.org")?.attempts == 3)
        #expect(run.record("user30@example.org")?.attempts == 2)
        #expect(run.record("user39@example.org")?.attempts == 1)
    }
}
