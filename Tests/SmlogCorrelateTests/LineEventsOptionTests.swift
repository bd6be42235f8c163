import SmlogCorrelate
import SmlogParse
import Testing

/// `emitsLineEvents: false` (for consumers that only want records) must change which events
/// are built, never the records themselves.
@Suite("Line events option")
struct LineEventsOptionTests {
    static let lines = [
        "Nov 30 15:50:00 vm sendmail[1600]: 6AUFo0aa001600: from=<alice@corp.example>, size=1200, class=0, nrcpts=2, msgid=<r1@corp.example>, proto=ESMTP, daemon=MTA-v4, relay=client.corp.example [192.0.2.7]",
        "Nov 30 15:50:01 vm sendmail[1601]: STARTTLS=client, relay=mx.example.org., version=TLSv1.3, verify=OK, cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
        "Nov 30 15:50:02 vm sendmail[1601]: 6AUFo0aa001600: to=<bob@example.org>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=121200, relay=mx.example.org. [198.51.100.5], dsn=2.0.0, stat=Sent (Ok: queued as 9ABCDEF012)",
        "Nov 30 15:50:03 vm sendmail[1601]: 6AUFo0aa001600: to=<carol@example.net>, delay=00:00:03, xdelay=00:00:01, mailer=esmtp, pri=121200, relay=mx.example.net. [198.51.100.6], dsn=5.1.1, stat=User unknown",
        "Nov 30 15:50:03 vm sendmail[1601]: 6AUFo0aa001600: 6AUFo3bb001601: DSN: User unknown",
        "Nov 30 15:50:04 vm sendmail[1601]: 6AUFo3bb001601: to=<alice@corp.example>, delay=00:00:01, xdelay=00:00:00, mailer=local, pri=30000, dsn=2.0.0, stat=Sent",
        "Nov 30 15:50:06 vm sendmail[1682]: 6AUFo5u4001682: ruleset=check_rcpt, arg1=<user@blocked.example>, relay=localhost [127.0.0.1], reject=550 5.2.1 <user@blocked.example>... Mailbox disabled for this recipient",
        "Nov 30 15:50:18 vm sendmail[1604]: 6AUFnWmL001604: lost input channel from [192.0.2.77] to MTA-v4 after mail",
    ]

    @Test("without line events the records are the same and nothing else is emitted")
    func recordsOnly() {
        let full = CorrelationRun(Self.lines)
        let recordsOnly = CorrelationRun(Self.lines, options: CorrelatorOptions(emitsLineEvents: false))
        #expect(full.records.count >= 3)
        #expect(full.events.count > full.records.count)
        #expect(recordsOnly.records == full.records)
        #expect(recordsOnly.events.count == recordsOnly.records.count)
    }

    @Test("line events are emitted by default")
    func defaultEmitsLineEvents() {
        let run = CorrelationRun(Self.lines)
        var kinds = Set<String>()
        for event in run.events {
            switch event {
            case .attempt: kinds.insert("attempt")
            case .notice: kinds.insert("notice")
            case .reject: kinds.insert("reject")
            case .session: kinds.insert("session")
            case .tls: kinds.insert("tls")
            case .message: kinds.insert("message")
            default: break
            }
        }
        #expect(kinds == ["attempt", "notice", "reject", "session", "tls", "message"])
    }
}
