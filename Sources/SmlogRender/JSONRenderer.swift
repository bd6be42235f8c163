import SmlogAnalyze
import SmlogParse

/// The report as JSON, contract `smlog.report/1` (see Documentation/report.md).
///
/// Always present, in this order: `schema`, `period`, `input`, `sections`, `top_n`,
/// `totals`, `system_errors`, `latency`, `relays`, `relays_distinct`, `deferral_reasons`,
/// `deferrals_by_relay`; then one key per other selected section (`queue`, `bounces`,
/// `rejects`, `traffic`, `top`, `tls`, `unrecognized`). Times are RFC 3339 strings in the
/// log's own offset; durations are integer seconds; a percentile of nothing is `null`.
/// Strings are the log's text with JSON escaping only (control characters as `\u00XX`).
public struct JSONRenderer: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public func render(_ report: Report) -> [UInt8] {
        var buffer: [UInt8] = []
        render(report, into: &buffer)
        return buffer
    }

    /// Appends the JSON document (and a final newline when pretty) to `buffer`.
    public func render(_ report: Report, into buffer: inout [UInt8]) {
        var w = JSONWriter(into: buffer, pretty: pretty)
        buffer = []
        w.beginObject()
        w.field("schema", report.schema)
        period(report.period, &w)
        input(report.input, &w)
        w.key("sections"); w.beginArray(inline: true); report.sections.forEach { w.string($0.rawValue) }; w.endArray()
        w.field("top_n", report.topN)
        totals(report.totals, &w)
        w.key("system_errors"); counted(report.systemErrors, &w)
        latency(report, &w)
        relays(report.relays, &w)
        deferrals(report.deferrals, &w)
        if let q = report.queue { queue(q, &w) }
        if let b = report.bounces { bounces(b, &w) }
        if let r = report.rejects { rejects(r, &w) }
        if let t = report.traffic { traffic(t, &w) }
        if let t = report.top { top(t, &w) }
        if let t = report.tls { tls(t, &w) }
        if let u = report.unrecognized { unrecognized(u, &w) }
        w.endObject()
        buffer = w.finish()
    }

    // MARK: - Parts

    private func time(_ t: LogTime?) -> String? { t.map { CivilTime($0).iso8601 } }

    private func period(_ p: ReportPeriod, _ w: inout JSONWriter) {
        w.key("period"); w.beginObject()
        w.field("first", time(p.first))
        w.field("last", time(p.last))
        w.key("hosts"); w.beginArray(inline: true); p.hosts.forEach { w.string($0) }; w.endArray()
        w.field("since", time(p.since))
        w.field("until", time(p.until))
        w.endObject()
    }

    private func input(_ i: InputAccounting, _ w: inout JSONWriter) {
        w.key("input"); w.beginObject()
        w.key("files"); w.beginArray(); i.files.forEach { w.string($0) }; w.endArray()
        w.field("lines", i.lines)
        w.field("sendmail_lines", i.sendmailLines)
        w.field("foreign_lines", i.foreignLines)
        w.field("unrecognized_lines", i.unrecognizedLines)
        w.field("oversize_lines", i.oversizeLines)
        w.key("errors"); w.beginArray(); i.errors.forEach { w.string($0) }; w.endArray()
        w.endObject()
    }

    private func totals(_ t: Totals, _ w: inout JSONWriter) {
        w.key("totals"); w.beginObject()
        w.field("messages", t.messages)
        w.field("messages_without_recipients", t.messagesWithoutRecipients)
        w.field("bytes", t.bytes)
        w.field("recipients", t.recipients)
        w.field("delivered", t.delivered)
        w.field("bounced", t.bounced)
        w.field("pending", t.pending)
        w.field("other", t.otherStatuses)
        w.field("discarded", t.discarded)
        w.field("quarantined", t.quarantined)
        w.field("rejected_recipients", t.rejectedRecipients)
        w.field("relayed", t.relayed)
        w.field("incomplete", t.incomplete)
        w.field("deferrals", t.deferrals)
        w.field("handoff_deferrals", t.handoffDeferrals)
        w.field("deferred_messages", t.deferredMessages)
        w.field("rejected", t.rejected)
        w.field("tempfailed", t.tempfailed)
        w.key("notices"); w.beginObject()
        w.field("total", t.notices)
        w.field("dsn", t.dsnNotices)
        w.field("return_to_sender", t.returnToSender)
        w.field("delay_warnings", t.delayWarnings)
        w.field("sender_notify_other", t.senderNotifyOther)
        w.field("postmaster", t.postmasterNotices)
        w.endObject()
        w.field("system_errors", t.systemErrors)
        w.field("session_events", t.sessionEvents)
        w.endObject()
    }

    private func distribution(_ d: DistributionSummary, _ w: inout JSONWriter) {
        w.beginObject(inline: true)
        w.field("count", d.count)
        w.field("p50", d.p50)
        w.field("p90", d.p90)
        w.field("p95", d.p95)
        w.field("p99", d.p99)
        w.field("max", d.max)
        w.endObject()
    }

    private func latency(_ report: Report, _ w: inout JSONWriter) {
        let l = report.latency
        w.key("latency"); w.beginObject()
        w.key("delay"); distribution(l.delay, &w)
        w.key("xdelay"); distribution(l.xdelay, &w)
        w.key("attempts"); distribution(l.attempts, &w)
        w.key("by_relay"); w.beginArray()
        for row in report.relays.rows {
            w.beginObject()
            w.field("relay", row.relay)
            w.key("delay"); distribution(row.delay, &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private func relays(_ r: RelaysSection, _ w: inout JSONWriter) {
        w.key("relays"); w.beginArray()
        for row in r.rows {
            w.beginObject()
            w.field("relay", row.relay)
            w.field("delivered", row.delivered)
            w.field("deferrals", row.deferrals)
            w.field("bounced", row.bounced)
            w.key("deferral_classes"); w.beginArray()
            for c in row.deferralClasses {
                w.beginObject(inline: true); w.field("class", c.reasonClass.rawValue); w.field("events", c.events); w.endObject()
            }
            w.endArray()
            w.key("delay"); distribution(row.delay, &w)
            w.endObject()
        }
        w.endArray()
        w.field("relays_distinct", r.distinct)
    }

    private func deferrals(_ d: DeferralsSection, _ w: inout JSONWriter) {
        w.key("deferral_reasons"); w.beginArray()
        for reason in d.reasons {
            w.beginObject()
            w.field("class", reason.reasonClass.rawValue)
            w.field("title", reason.reasonClass.title)
            w.field("events", reason.events)
            w.field("messages", reason.messages)
            w.field("example", reason.example)
            w.endObject()
        }
        w.endArray()
        w.key("deferrals_by_relay"); w.beginArray()
        for row in d.byRelay {
            w.beginObject(inline: true)
            w.field("relay", row.relay)
            w.field("class", row.reasonClass.rawValue)
            w.field("events", row.events)
            w.field("messages", row.messages)
            w.endObject()
        }
        w.endArray()
    }

    private func queueRow(_ row: QueueRow, _ w: inout JSONWriter) {
        w.beginObject(inline: true)
        w.field("domain", row.domain)
        w.field("total", row.total)
        w.key("buckets"); w.beginArray(inline: true); row.buckets.forEach { w.int($0) }; w.endArray()
        w.field("unknown_age", row.unknownAge)
        w.endObject()
    }

    private func queue(_ q: QueueSection, _ w: inout JSONWriter) {
        w.key("queue"); w.beginObject()
        w.field("as_of", time(q.asOf))
        w.key("bucket_minutes"); w.beginArray(inline: true); QueueSection.bucketMinutes.forEach { w.int($0) }; w.endArray()
        w.key("total"); queueRow(q.total, &w)
        w.key("domains"); w.beginArray(); q.domains.forEach { queueRow($0, &w) }; w.endArray()
        w.field("domains_distinct", q.distinctDomains)
        w.key("oldest"); w.beginArray()
        for p in q.oldest {
            w.beginObject()
            w.field("recipient", p.recipient)
            w.field("sender", p.sender)
            w.field("host", p.host)
            w.field("qid", p.qid)
            w.field("received", time(p.received))
            w.field("age_seconds", Int(clamping: p.ageSeconds))
            w.field("attempts", p.attempts)
            w.field("relay", p.relay)
            w.field("last_error", p.lastError)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private func bounces(_ b: BouncesSection, _ w: inout JSONWriter) {
        w.key("bounces"); w.beginObject()
        w.field("total", b.total)
        if b.approximate { w.field("approximate", true) }
        w.key("reasons"); w.beginArray()
        for r in b.reasons {
            w.beginObject(inline: true); w.field("dsn", r.dsn); w.field("reason", r.reason); w.field("recipients", r.recipients); w.endObject()
        }
        w.endArray()
        w.key("recipients"); counted(b.recipients, &w)
        w.key("senders"); counted(b.senders, &w)
        w.endObject()
    }

    private func rejects(_ r: RejectsSection, _ w: inout JSONWriter) {
        w.key("rejects"); w.beginObject()
        if r.approximate { w.field("approximate", true) }
        w.key("by_ruleset"); w.beginArray()
        for row in r.byRuleset {
            w.beginObject(inline: true); w.field("ruleset", row.ruleset); w.field("action", row.action); w.field("count", row.count); w.endObject()
        }
        w.endArray()
        w.key("reasons"); counted(r.reasons, &w)
        w.key("clients"); counted(r.clients, &w)
        w.key("sessions"); counted(r.sessions, &w)
        w.key("session_clients"); counted(r.sessionClients, &w)
        w.field("rejected_recipients", r.rejectedRecipients)
        w.endObject()
    }

    private func traffic(_ t: TrafficSection, _ w: inout JSONWriter) {
        func rows(_ rows: [TrafficRow], label: String) {
            w.beginArray()
            for r in rows {
                w.beginObject(inline: true)
                w.field(label, r.label)
                w.field("received", r.received)
                w.field("delivered", r.delivered)
                w.field("deferred", r.deferred)
                w.field("bounced", r.bounced)
                w.endObject()
            }
            w.endArray()
        }
        w.key("traffic"); w.beginObject()
        w.key("hours"); rows(t.hours, label: "hour")
        w.key("days"); rows(t.days, label: "day")
        w.endObject()
    }

    private func top(_ t: TopSection, _ w: inout JSONWriter) {
        w.key("top"); w.beginObject()
        for list in t.lists {
            w.key(list.kind.rawValue); w.beginObject()
            w.field("distinct", list.distinct)
            // Written only when true, so exact reports keep their shape.
            if list.approximate { w.field("approximate", true) }
            w.key("entries"); w.beginArray()
            for e in list.entries {
                w.beginObject(inline: true); w.field("key", e.key); w.field("messages", e.messages); w.field("bytes", e.bytes); w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endObject()
    }

    private func tls(_ t: TLSSection, _ w: inout JSONWriter) {
        w.key("tls"); w.beginObject()
        if t.approximate { w.field("approximate", true) }
        w.key("starttls"); w.beginArray()
        for u in t.starttls {
            w.beginObject(inline: true); w.field("side", u.side); w.field("version", u.version); w.field("verify", u.verify); w.field("count", u.count); w.endObject()
        }
        w.endArray()
        w.key("auth"); w.beginArray()
        for a in t.auth {
            w.beginObject(inline: true); w.field("side", a.side); w.field("mechanism", a.mechanism); w.field("outcome", a.outcome); w.field("count", a.count); w.endObject()
        }
        w.endArray()
        w.key("auth_failure_clients"); counted(t.authFailureClients, &w)
        w.endObject()
    }

    private func unrecognized(_ u: UnrecognizedSection, _ w: inout JSONWriter) {
        w.key("unrecognized"); w.beginObject()
        w.field("lines", u.lines)
        w.field("sampled", u.sampled)
        w.key("shapes"); w.beginArray()
        for s in u.shapes {
            w.beginObject(inline: true); w.field("shape", s.shape); w.field("count", s.count); w.field("overcount", s.overcount); w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private func counted(_ rows: [CountedText], _ w: inout JSONWriter) {
        w.beginArray()
        for r in rows {
            w.beginObject(inline: true); w.field("text", r.text); w.field("count", r.count); w.endObject()
        }
        w.endArray()
    }
}
