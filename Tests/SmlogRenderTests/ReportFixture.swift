import SmlogAnalyze
import SmlogParse

/// A small, fixed report with every section filled, for the golden tests.
enum ReportFixture {
    static let first = LogTime(seconds: 1_796_046_546)           // 2026-11-30T13:49:06Z
    static let last = LogTime(seconds: 1_796_050_800 + 3 * 60)   // 2026-11-30T15:03:00Z

    static func report(sections: [ReportSectionName] = ReportSectionName.allCases) -> Report {
        var totals = Totals()
        totals.messages = 3
        totals.bytes = 1_234_567
        totals.recipients = 6
        totals.delivered = 3
        totals.bounced = 1
        totals.pending = 1
        totals.discarded = 1
        totals.deferrals = 4
        totals.handoffDeferrals = 2
        totals.deferredMessages = 2
        totals.rejected = 2
        totals.tempfailed = 1
        totals.dsnNotices = 1
        totals.delayWarnings = 1
        totals.systemErrors = 1
        totals.sessionEvents = 2

        let relayDelay = DistributionSummary(count: 3, p50: 1, p90: 65, p95: 65, p99: 65, max: 65)
        var queueTotal = QueueRow(domain: "TOTAL")
        queueTotal.buckets[3] = 1
        var queueDomain = QueueRow(domain: "example.org")
        queueDomain.buckets[3] = 1

        return Report(
            period: ReportPeriod(first: first, last: last, hosts: ["vm"]),
            input: InputAccounting(files: ["maillog"], lines: 120, sendmailLines: 110, foreignLines: 8,
                                   unrecognizedLines: 2, firstTimestamp: first, lastTimestamp: last, hosts: ["vm"]),
            sections: sections,
            topN: 10,
            totals: totals,
            systemErrors: [CountedText(text: "SYSERR(root): timeout writing message to [127.0.0.1]", count: 1)],
            deferrals: DeferralsSection(
                reasons: [
                    DeferralReason(reasonClass: .connectionRefused, events: 3, messages: 1,
                                   example: "Connection refused by smarthost.lab.example."),
                    DeferralReason(reasonClass: .mailboxFull, events: 1, messages: 1,
                                   example: "452 4.2.2 <full@example.org>: Mailbox full"),
                ],
                byRelay: [
                    RelayDeferral(relay: "smarthost.lab.example", reasonClass: .connectionRefused, events: 3, messages: 1),
                    RelayDeferral(relay: "smarthost.lab.example", reasonClass: .mailboxFull, events: 1, messages: 1),
                ]
            ),
            relays: RelaysSection(rows: [
                RelayRow(relay: "smarthost.lab.example", delivered: 2, deferrals: 4, bounced: 1,
                         deferralClasses: [ClassCount(reasonClass: .connectionRefused, events: 3),
                                           ClassCount(reasonClass: .mailboxFull, events: 1)],
                         delay: relayDelay),
                RelayRow(relay: "(local)", delivered: 1, deferrals: 0, bounced: 0, deferralClasses: [],
                         delay: DistributionSummary(count: 1, p50: 0, p90: 0, p95: 0, p99: 0, max: 0)),
            ], distinct: 2),
            latency: LatencySection(
                delay: DistributionSummary(count: 3, p50: 1, p90: 65, p95: 65, p99: 65, max: 65),
                xdelay: DistributionSummary(count: 5, p50: 0, p90: 20, p95: 20, p99: 20, max: 20),
                attempts: DistributionSummary(count: 4, p50: 1, p90: 3, p95: 3, p99: 3, max: 3)
            ),
            bounces: BouncesSection(
                total: 1,
                reasons: [BounceReason(dsn: "5.1.1", reason: "User unknown", recipients: 1)],
                recipients: [CountedText(text: "nobody@example.com", count: 1)],
                senders: [CountedText(text: "alice@corp.example", count: 1)]
            ),
            rejects: RejectsSection(
                byRuleset: [RejectRuleset(ruleset: "check_rcpt", action: "reject", count: 2),
                            RejectRuleset(ruleset: "check_mail", action: "tempfail", count: 1)],
                reasons: [CountedText(text: "550 5.7.1 <…>... Relaying denied", count: 2)],
                clients: [CountedText(text: "[192.0.2.9]", count: 2)],
                sessions: [CountedText(text: "lost_input_channel", count: 2)],
                sessionClients: [CountedText(text: "localhost", count: 2)],
                rejectedRecipients: 0
            ),
            top: TopSection(lists: [
                TopList(kind: .sendersByMessages, distinct: 2, entries: [
                    TopEntry(key: "alice@corp.example", messages: 2, bytes: 234_567),
                    TopEntry(key: "bob", messages: 1, bytes: 1_000_000),
                ]),
                TopList(kind: .recipientDomainsByBytes, distinct: 1, entries: [
                    TopEntry(key: "example.org", messages: 5, bytes: 2_469_134),
                ]),
            ]),
            traffic: TrafficSection(hours: (0..<24).map { h in
                h == 15 ? TrafficRow(label: "15", received: 3, delivered: 3, deferred: 4, bounced: 1) : TrafficRow(label: CivilTime.padded(h, 2))
            }),
            queue: QueueSection(
                asOf: last, total: queueTotal, domains: [queueDomain], distinctDomains: 1,
                oldest: [PendingRecipient(recipient: "full@example.org", sender: "alice@corp.example", host: "vm",
                                          qid: "6AUFnOhc001571", received: LogTime(seconds: last.seconds - 1500),
                                          ageSeconds: 1500, attempts: 4, relay: "smarthost.lab.example",
                                          lastError: "Deferred: 452 4.2.2 <full@example.org>: Mailbox full")]
            ),
            tls: TLSSection(
                starttls: [TLSUsage(side: "client", version: "TLSv1.3", verify: "FAIL", count: 5)],
                auth: [AuthUsage(side: "client", mechanism: "(none)", outcome: "success", count: 4)],
                authFailureClients: []
            ),
            unrecognized: UnrecognizedSection(lines: 2, sampled: 2, shapes: [
                LineShapeCount(shape: "engine=(null), path=(null), ispre=#", count: 2),
            ])
        )
    }
}
