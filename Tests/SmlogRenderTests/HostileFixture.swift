import SmlogAnalyze
import SmlogParse

/// A report whose every log-derived text is hostile: formula injection, terminal escapes,
/// quotes, commas, line breaks, invalid UTF-8 (already repaired to U+FFFD by String),
/// bidi overrides, NUL, DEL, C1 controls.
enum HostileFixture {
    static let strings: [String] = [
        "=cmd|' /C calc'!A0",
        "\u{1b}[2J\u{1b}[31mred",
        "\"quoted\", with comma",
        "line1\nline2\r\nline3",
        String(decoding: [0xFF, 0xFE, 0x41, 0xC3], as: UTF8.self),
        "+SUM(1+1)",
        "-2+3",
        "@SUM(A1)",
        "\tleading tab",
        "\rleading CR",
        "abc\u{202E}txt.exe",
        "para\u{2028}graph",
        "nul\u{0}byte",
        "del\u{7F} c1\u{9B}2J",
        "sendmail's own \\033 escape",
        String(repeating: "long-", count: 60),
    ]

    static func report() -> Report {
        let s = strings
        func pick(_ i: Int) -> String { s[i % s.count] }
        var totals = Totals()
        totals.recipients = 1
        totals.delivered = 1
        let dist = DistributionSummary(count: 1, p50: 1, p90: 1, p95: 1, p99: 1, max: 1)
        var row = QueueRow(domain: pick(1))
        row.buckets[0] = 1
        return Report(
            period: ReportPeriod(first: LogTime(seconds: 0), last: LogTime(seconds: 60), hosts: Array(s.prefix(3))),
            input: InputAccounting(files: [pick(3)], lines: 1, sendmailLines: 1, errors: [pick(1), pick(4)],
                                   hosts: Array(s.prefix(3))),
            sections: ReportSectionName.allCases,
            topN: 20,
            totals: totals,
            systemErrors: s.map { CountedText(text: $0, count: 1) },
            deferrals: DeferralsSection(
                reasons: s.indices.map { DeferralReason(reasonClass: .other, events: 1, messages: 1, example: pick($0)) },
                byRelay: s.map { RelayDeferral(relay: $0, reasonClass: .other, events: 1, messages: 1) }
            ),
            relays: RelaysSection(rows: s.map {
                RelayRow(relay: $0, delivered: 1, deferrals: 1, bounced: 0,
                         deferralClasses: [ClassCount(reasonClass: .other, events: 1)], delay: dist)
            }, distinct: s.count),
            latency: LatencySection(delay: dist, xdelay: dist, attempts: dist),
            bounces: BouncesSection(total: s.count, reasons: s.map { BounceReason(dsn: $0, reason: $0, recipients: 1) },
                                    recipients: s.map { CountedText(text: $0, count: 1) },
                                    senders: s.map { CountedText(text: $0, count: 1) }),
            rejects: RejectsSection(byRuleset: s.map { RejectRuleset(ruleset: $0, action: "reject", count: 1) },
                                    reasons: s.map { CountedText(text: $0, count: 1) },
                                    clients: s.map { CountedText(text: $0, count: 1) },
                                    sessions: [CountedText(text: "lost_input_channel", count: 1)],
                                    sessionClients: s.map { CountedText(text: $0, count: 1) }),
            top: TopSection(lists: TopListKind.allCases.map { kind in
                TopList(kind: kind, distinct: s.count, entries: s.map { TopEntry(key: $0, messages: 1, bytes: 1) })
            }),
            traffic: TrafficSection(hours: [TrafficRow(label: "00", received: 1)]),
            queue: QueueSection(asOf: LogTime(seconds: 60), total: row, domains: [row], distinctDomains: 1,
                                oldest: s.map {
                                    PendingRecipient(recipient: $0, sender: $0, host: $0, qid: $0, received: LogTime(seconds: 0),
                                                     ageSeconds: 60, attempts: 1, relay: $0, lastError: $0)
                                }),
            tls: TLSSection(starttls: s.map { TLSUsage(side: "client", version: $0, verify: $0, count: 1) },
                            auth: s.map { AuthUsage(side: "server", mechanism: $0, outcome: "failure", count: 1) },
                            authFailureClients: s.map { CountedText(text: $0, count: 1) }),
            unrecognized: UnrecognizedSection(lines: s.count, sampled: s.count, shapes: s.map { LineShapeCount(shape: $0, count: 1) })
        )
    }
}
