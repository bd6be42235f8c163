import Testing
import SmlogParse

@Suite struct SendmailSentReplyTests {
    /// Runs `body` on the stat text as a whole line.
    static func withStat<T>(_ stat: String, _ body: (LineBytes, ByteRange) -> T) -> T {
        let bytes = Array(stat.utf8)
        return bytes.withUnsafeBytes { body(LineBytes($0), ByteRange(0, bytes.count)) }
    }

    static func downstream(_ stat: String) -> String? {
        withStat(stat) { line, range in
            SentReply.downstreamQueueID(inStat: range, of: line).map { line.string($0) }
        }
    }

    @Test(
        "downstream queue ids",
        arguments: [
            ("Sent (v9PCoLiO006667 Message accepted for delivery)", "v9PCoLiO006667"),
            ("Sent (DAA19487 Message accepted for delivery)", "DAA19487"),
            ("Sent (g16HNwC810485863 Message accepted for delivery)", "g16HNwC810485863"),
            ("Sent (Ok: queued as 4F2A1C0A2B)", "4F2A1C0A2B"),
            ("Sent (Ok: queued as 4F2A1C0A2B.)", "4F2A1C0A2B"),
            ("Sent (OK: QUEUED AS 4F2A1C0A2B)", "4F2A1C0A2B"),
            ("Sent (2.0.0 Ok: queued as 1ECEAF44C9)", "1ECEAF44C9"),
            ("Sent (OK id=1kT4Hh-0004Rr-Ab)", "1kT4Hh-0004Rr-Ab"),
            ("Sent (ok:  Message 40279894 accepted)", "40279894"),
        ] as [(String, String)])
    func downstreamIDs(_ stat: String, _ id: String) {
        #expect(Self.downstream(stat) == id)
    }

    @Test(
        "replies without a clear id",
        arguments: [
            "Sent",
            "Sent (OK 1352754085 j9si11007854paw.67)",
            "Sent (<00b601cd$4d50@example.com> [InternalId=14475985, Hostname=EX01] Queued mail for delivery)",
            "Sent (Ok)",
            "Sent (OK ; Job SMTP-NETMAIL (queue MULTINET_SMTP, entry 942) started on SMTP_MOM)",
            "Deferred: Connection refused by [127.0.0.1]",
            "Sent (v9PC Message accepted for delivery)",
            "Sent (Ok: queued as )",
            "Sent (Ok: queued as)",
            "Sent (",
        ])
    func noDownstreamID(_ stat: String) {
        #expect(Self.downstream(stat) == nil)
    }

    @Test(
        "sendmail hand-off form",
        arguments: [
            ("Sent (72DAbCdE004242 Message accepted for delivery)", true),
            ("Sent (DAA19487 Message accepted for delivery)", true),
            ("Sent (Ok: queued as 4F2A1C0A2B)", false),
            ("Sent (72DAbCdE004242 Message accepted for delivery) extra", false),
            ("Sent", false),
        ] as [(String, Bool)])
    func handOff(_ stat: String, _ expected: Bool) {
        #expect(Self.withStat(stat) { SentReply.isSendmailHandOff(stat: $1, of: $0) } == expected)
    }
}
