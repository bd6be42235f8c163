import SmlogAnalyze

/// The tables `CSVRenderer` can write, chosen by name (`--section relays`). One per
/// section, plus `deferrals-by-relay` and `queue-oldest`. Columns: see Documentation/report.md.
public enum CSVTable: String, Sendable, CaseIterable {
    case summary
    case deferrals
    case deferralsByRelay = "deferrals-by-relay"
    case relays
    case queue
    case queueOldest = "queue-oldest"
    case bounces
    case rejects
    case latency
    case traffic
    case top
    case tls
    case unrecognized

    /// The report section whose data the table shows.
    public var section: ReportSectionName {
        switch self {
        case .summary: .summary
        case .deferrals, .deferralsByRelay: .deferrals
        case .relays: .relays
        case .queue, .queueOldest: .queue
        case .bounces: .bounces
        case .rejects: .rejects
        case .latency: .latency
        case .traffic: .traffic
        case .top: .top
        case .tls: .tls
        case .unrecognized: .unrecognized
        }
    }
}

/// One CSV cell. Only `.log` cells (text that came from the log) get the formula guard.
enum CSVCell {
    case int(Int)
    case optionalInt(Int?)
    /// smlog's own vocabulary (class names, metric names, labels).
    case word(String)
    /// Text from the log: addresses, relays, reasons, shapes.
    case log(String)
}

/// A table's header and rows, built from the report.
struct CSVTableData {
    var header: [String]
    var rows: [[CSVCell]]

    /// nil when the report does not hold the table's section.
    static func make(_ table: CSVTable, from report: Report) -> CSVTableData? {
        switch table {
        case .summary: summary(report)
        case .deferrals: deferrals(report.deferrals)
        case .deferralsByRelay: deferralsByRelay(report.deferrals)
        case .relays: relays(report.relays)
        case .queue: report.queue.map(queue)
        case .queueOldest: report.queue.map(queueOldest)
        case .bounces: report.bounces.map(bounces)
        case .rejects: report.rejects.map(rejects)
        case .latency: latency(report)
        case .traffic: report.traffic.map(traffic)
        case .top: report.top.map(top)
        case .tls: report.tls.map(tls)
        case .unrecognized: report.unrecognized.map(unrecognized)
        }
    }

    private static func summary(_ r: Report) -> CSVTableData {
        let t = r.totals
        let i = r.input
        let metrics: [(String, Int)] = [
            ("input.lines", i.lines), ("input.sendmail_lines", i.sendmailLines),
            ("input.foreign_lines", i.foreignLines), ("input.unrecognized_lines", i.unrecognizedLines),
            ("input.oversize_lines", i.oversizeLines),
            ("totals.messages", t.messages), ("totals.messages_without_recipients", t.messagesWithoutRecipients),
            ("totals.bytes", t.bytes), ("totals.recipients", t.recipients),
            ("totals.delivered", t.delivered), ("totals.bounced", t.bounced), ("totals.pending", t.pending),
            ("totals.other", t.otherStatuses), ("totals.discarded", t.discarded),
            ("totals.quarantined", t.quarantined), ("totals.rejected_recipients", t.rejectedRecipients),
            ("totals.relayed", t.relayed), ("totals.incomplete", t.incomplete),
            ("totals.deferrals", t.deferrals), ("totals.handoff_deferrals", t.handoffDeferrals),
            ("totals.deferred_messages", t.deferredMessages), ("totals.rejected", t.rejected),
            ("totals.tempfailed", t.tempfailed), ("totals.notices.total", t.notices),
            ("totals.notices.dsn", t.dsnNotices), ("totals.notices.return_to_sender", t.returnToSender),
            ("totals.notices.delay_warnings", t.delayWarnings),
            ("totals.notices.sender_notify_other", t.senderNotifyOther),
            ("totals.notices.postmaster", t.postmasterNotices), ("totals.system_errors", t.systemErrors),
            ("totals.session_events", t.sessionEvents),
        ]
        return CSVTableData(header: ["metric", "value"], rows: metrics.map { [.word($0.0), .int($0.1)] })
    }

    private static func deferrals(_ d: DeferralsSection) -> CSVTableData {
        CSVTableData(
            header: ["class", "events", "messages", "example"],
            rows: d.reasons.map { [.word($0.reasonClass.rawValue), .int($0.events), .int($0.messages), .log($0.example)] }
        )
    }

    private static func deferralsByRelay(_ d: DeferralsSection) -> CSVTableData {
        CSVTableData(
            header: ["relay", "class", "events", "messages"],
            rows: d.byRelay.map { [.log($0.relay), .word($0.reasonClass.rawValue), .int($0.events), .int($0.messages)] }
        )
    }

    private static let distributionColumns = ["count", "p50", "p90", "p95", "p99", "max"]

    private static func cells(_ d: DistributionSummary) -> [CSVCell] {
        [.int(d.count), .optionalInt(d.p50), .optionalInt(d.p90), .optionalInt(d.p95), .optionalInt(d.p99), .optionalInt(d.max)]
    }

    private static func relays(_ r: RelaysSection) -> CSVTableData {
        CSVTableData(
            header: ["relay", "delivered", "deferrals", "bounced"] + distributionColumns.map { "delay_" + $0 } + ["deferral_classes"],
            rows: r.rows.map { row in
                let classes = row.deferralClasses.map { "\($0.reasonClass.rawValue)=\($0.events)" }.joined(separator: ";")
                return [.log(row.relay), .int(row.delivered), .int(row.deferrals), .int(row.bounced)]
                    + cells(row.delay) + [.word(classes)]
            }
        )
    }

    private static func queue(_ q: QueueSection) -> CSVTableData {
        func row(_ r: QueueRow, _ domain: CSVCell) -> [CSVCell] {
            [domain, .int(r.total)] + r.buckets.map { .int($0) } + [.int(r.unknownAge)]
        }
        return CSVTableData(
            header: ["domain", "total"] + QueueSection.bucketLabels + ["unknown_age"],
            rows: [row(q.total, .word(q.total.domain))] + q.domains.map { row($0, .log($0.domain)) }
        )
    }

    private static func queueOldest(_ q: QueueSection) -> CSVTableData {
        CSVTableData(
            header: ["recipient", "sender", "host", "qid", "received", "age_seconds", "attempts", "relay", "last_error"],
            rows: q.oldest.map { p in
                [.log(p.recipient), .log(p.sender ?? ""), .log(p.host), .log(p.qid),
                 .word(CivilTime(p.received).iso8601), .int(Int(clamping: p.ageSeconds)), .int(p.attempts),
                 .log(p.relay ?? ""), .log(p.lastError ?? "")]
            }
        )
    }

    private static func bounces(_ b: BouncesSection) -> CSVTableData {
        CSVTableData(
            header: ["dsn", "reason", "recipients"],
            rows: b.reasons.map { [.log($0.dsn), .log($0.reason), .int($0.recipients)] }
        )
    }

    private static func rejects(_ r: RejectsSection) -> CSVTableData {
        var rows: [[CSVCell]] = r.byRuleset.map { [.word("ruleset"), .log($0.ruleset), .word($0.action), .int($0.count)] }
        rows += r.reasons.map { [.word("reason"), .log($0.text), .word("reject"), .int($0.count)] }
        rows += r.clients.map { [.word("client"), .log($0.text), .word("reject"), .int($0.count)] }
        rows += r.sessions.map { [.word("session"), .word($0.text), .word(""), .int($0.count)] }
        rows += r.sessionClients.map { [.word("session_client"), .log($0.text), .word(""), .int($0.count)] }
        rows.append([.word("rejected_recipients"), .word(""), .word(""), .int(r.rejectedRecipients)])
        return CSVTableData(header: ["list", "key", "action", "count"], rows: rows)
    }

    private static func latency(_ r: Report) -> CSVTableData {
        var rows: [[CSVCell]] = [
            [.word("delay"), .word("*")] + cells(r.latency.delay),
            [.word("xdelay"), .word("*")] + cells(r.latency.xdelay),
            [.word("attempts"), .word("*")] + cells(r.latency.attempts),
        ]
        rows += r.relays.rows.map { [.word("delay"), .log($0.relay)] + cells($0.delay) }
        return CSVTableData(header: ["metric", "relay"] + distributionColumns, rows: rows)
    }

    private static func traffic(_ t: TrafficSection) -> CSVTableData {
        func row(_ period: String, _ r: TrafficRow) -> [CSVCell] {
            [.word(period), .word(r.label), .int(r.received), .int(r.delivered), .int(r.deferred), .int(r.bounced)]
        }
        return CSVTableData(
            header: ["period", "label", "received", "delivered", "deferred", "bounced"],
            rows: t.hours.map { row("hour", $0) } + t.days.map { row("day", $0) }
        )
    }

    private static func top(_ t: TopSection) -> CSVTableData {
        var rows: [[CSVCell]] = []
        for list in t.lists {
            for (rank, e) in list.entries.enumerated() {
                rows.append([.word(list.kind.rawValue), .int(rank + 1), .log(e.key), .int(e.messages), .int(e.bytes)])
            }
        }
        return CSVTableData(header: ["list", "rank", "key", "messages", "bytes"], rows: rows)
    }

    private static func tls(_ t: TLSSection) -> CSVTableData {
        var rows: [[CSVCell]] = t.starttls.map { [.word("starttls"), .word($0.side), .log($0.version), .log($0.verify), .int($0.count)] }
        rows += t.auth.map { [.word("auth"), .word($0.side), .log($0.mechanism), .word($0.outcome), .int($0.count)] }
        rows += t.authFailureClients.map { [.word("auth_failure_client"), .word(""), .log($0.text), .word("failure"), .int($0.count)] }
        return CSVTableData(header: ["kind", "side", "name", "result", "count"], rows: rows)
    }

    private static func unrecognized(_ u: UnrecognizedSection) -> CSVTableData {
        CSVTableData(
            header: ["shape", "count", "overcount"],
            rows: u.shapes.map { [.log($0.shape), .int($0.count), .int($0.overcount)] }
        )
    }
}
