import SmlogAnalyze
import SmlogParse

/// The report for people: fits `width` columns (80 by default, 60 at least), problems first, numbers
/// right-aligned, meant to be read in a cron mail. Log text is shown with control and
/// bidi characters made visible (`VisibleText`); ANSI colour only when `color` is true (the
/// CLI decides: a terminal and no `NO_COLOR`).
public struct TextRenderer: Sendable {
    public var width: Int
    public var color: Bool

    public init(width: Int = 80, color: Bool = false) {
        self.width = width
        self.color = color
    }

    public func render(_ report: Report) -> [UInt8] {
        var buffer: [UInt8] = []
        render(report, into: &buffer)
        return buffer
    }

    /// Appends the text report to `buffer`.
    public func render(_ report: Report, into buffer: inout [UInt8]) {
        var page = TextLayout(width: width, color: color)
        header(report, &page)
        for section in report.sections {
            switch section {
            case .summary: summary(report, &page)
            case .deferrals: deferrals(report, &page)
            case .relays: relays(report, &page)
            case .queue: if let q = report.queue { queue(q, &page) }
            case .bounces: if let b = report.bounces { bounces(b, &page) }
            case .rejects: if let r = report.rejects { rejects(r, report.totals, &page) }
            case .latency: latency(report, &page)
            case .traffic: if let t = report.traffic { traffic(t, &page) }
            case .top: if let t = report.top { top(t, &page) }
            case .tls: if let t = report.tls { tls(t, &page) }
            case .unrecognized: if let u = report.unrecognized { unrecognized(u, &page) }
            }
        }
        buffer.append(contentsOf: page.out.utf8)
    }

    // MARK: - Header and summary

    private func header(_ r: Report, _ page: inout TextLayout) {
        let p = r.period
        var span = ""
        if let first = p.first, let last = p.last {
            span = " (" + Formatting.duration(Int(clamping: last.seconds &- first.seconds)) + ")"
        }
        page.title("smlog report " + Formatting.time(p.first) + " .. " + Formatting.time(p.last) + span)
        if !p.hosts.isEmpty {
            let shown = p.hosts.prefix(8).joined(separator: ", ")
            page.line("hosts: " + shown + (p.hosts.count > 8 ? " and \(p.hosts.count - 8) more" : ""), indent: 0)
        }
        if p.since != nil || p.until != nil {
            page.line("window: " + (p.since.map { "from " + Formatting.time($0) } ?? "")
                      + (p.since != nil && p.until != nil ? " " : "")
                      + (p.until.map { "until " + Formatting.time($0) + " (exclusive)" } ?? ""), indent: 0)
        }
        let i = r.input
        var input = "input: \(i.lines) lines = \(i.sendmailLines) sendmail + \(i.foreignLines) other programs"
            + " + \(i.unrecognizedLines) unrecognized"
        if i.oversizeLines > 0 { input += "; \(i.oversizeLines) oversize" }
        if i.files.count > 1 { input += "; \(i.files.count) files" }
        page.line(input, indent: 0)
        for error in i.errors.prefix(5) { page.line("input error: " + error, indent: 0) }
        if i.errors.count > 5 { page.line("… and \(i.errors.count - 5) more input errors", indent: 0) }
    }

    private func summary(_ r: Report, _ page: inout TextLayout) {
        let t = r.totals
        page.title("SUMMARY")
        typealias P = TextLayout.Piece
        let equation: [P] = [
            .plain("recipients \(t.recipients) = delivered \(t.delivered) + bounced "), .problem(t.bounced),
            .plain(" + pending "), .problem(t.pending, .warn), .plain(" + other \(t.otherStatuses)"),
        ]
        let equationWidth = equation.reduce(TextLayout.indent) { $0 + $1.text.count }
        if equationWidth <= width {
            page.pieces(equation)
        } else {
            page.pieces([.plain("recipients \(t.recipients)")])
            page.pieces([.plain("= delivered \(t.delivered) + bounced "), .problem(t.bounced),
                         .plain(" + pending "), .problem(t.pending, .warn), .plain(" + other \(t.otherStatuses)")],
                        indent: TextLayout.indent + 2)
        }
        if t.otherStatuses > 0 {
            let parts = [("discarded", t.discarded), ("quarantined", t.quarantined), ("rejected", t.rejectedRecipients),
                         ("relayed", t.relayed), ("incomplete", t.incomplete)]
                .filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
            page.line("other \(t.otherStatuses) = " + parts.joined(separator: " + "), indent: TextLayout.indent + 2)
        }
        if !t.reconciles {
            page.pieces([P(text: "the recipient figures do not add up: please report this", style: .bad)])
        }
        let label = 24
        func row(_ name: String, _ value: P, _ note: String = "") {
            let number = String(repeating: " ", count: max(0, 8 - value.text.count))
            page.pieces([.plain(name.padding(label)), .plain(number), value] + (note.isEmpty ? [] : [.plain("  " + note)]))
        }
        row("messages received", .plain(String(t.messages)),
            Formatting.bytes(t.bytes) + (t.messagesWithoutRecipients > 0
                ? "; +\(t.messagesWithoutRecipients) aborted or without recipients" : ""))
        row("deferrals", .problem(t.deferrals, .warn), "recipient attempts on " + plural(t.deferredMessages, "message"))
        if t.handoffDeferrals > 0 {
            row("hand-off deferrals", .problem(t.handoffDeferrals, .warn), "submission program to local MTA")
        }
        row("rejected at SMTP time", .plain(String(t.rejected)), t.tempfailed > 0 ? "+\(t.tempfailed) temporary" : "")
        var notices: [String] = []
        if t.dsnNotices > 0 { notices.append("\(t.dsnNotices) DSN") }
        if t.returnToSender > 0 { notices.append("\(t.returnToSender) returned") }
        if t.delayWarnings > 0 { notices.append("\(t.delayWarnings) warned") }
        if t.senderNotifyOther > 0 { notices.append("\(t.senderNotifyOther) timed out") }
        if t.postmasterNotices > 0 { notices.append("\(t.postmasterNotices) postmaster") }
        row("notices generated", .plain(String(t.notices)), "")
        if !notices.isEmpty { page.line(notices.joined(separator: ", "), indent: TextLayout.indent + 4) }
        row("system errors", .problem(t.systemErrors), "")
        for e in r.systemErrors.prefix(3) {
            page.line("\(e.count)× " + e.text, indent: TextLayout.indent + 4)
        }
        row("session problems", .plain(String(t.sessionEvents)), "lost connections, no MAIL, …")
    }

    // MARK: - Problems

    private func deferrals(_ r: Report, _ page: inout TextLayout) {
        let d = r.deferrals
        page.title("DEFERRALS BY REASON", note: "recipient attempts, most first")
        guard !d.reasons.isEmpty else { page.line("none"); return }
        var table = TextTable(labelHeader: "reason", columns: ["deferrals", "messages"])
        for reason in d.reasons {
            table.add(reason.reasonClass.title, [reason.events, reason.messages])
            if !reason.example.isEmpty { table.note("e.g. " + reason.example) }
        }
        page.table(table)
    }

    private func relays(_ r: Report, _ page: inout TextLayout) {
        let rs = r.relays
        page.title("RELAYS", note: "next hops, busiest first")
        guard !rs.rows.isEmpty else { page.line("none"); return }
        var table = TextTable(labelHeader: "relay", columns: ["delivered", "deferrals", "bounced", "p50", "p90", "max"])
        for row in rs.rows {
            table.add(row.relay, [String(row.delivered), String(row.deferrals), String(row.bounced),
                                  Formatting.duration(row.delay.p50), Formatting.duration(row.delay.p90),
                                  Formatting.duration(row.delay.max)])
            if !row.deferralClasses.isEmpty {
                table.note("deferred: " + row.deferralClasses.map { "\($0.reasonClass.title) \($0.events)" }.joined(separator: ", "))
            }
        }
        page.table(table)
        page.line("delay of delivered recipients; " + shownOf(rs.rows.count, rs.distinct, "relays"))
    }

    private func queue(_ q: QueueSection, _ page: inout TextLayout) {
        page.title("STILL IN THE QUEUE", note: "pending recipients by age in minutes at " + Formatting.time(q.asOf))
        guard q.total.total > 0 else { page.line("none"); return }
        let hasUnknown = q.total.unknownAge > 0
        let headers = ["T"] + QueueSection.bucketMinutes.map { String($0) } + ["more"] + (hasUnknown ? ["?"] : [])
        var table = TextTable(labelHeader: "domain", columns: headers, gap: 1)
        func add(_ row: QueueRow) {
            table.add(row.domain, [row.total] + row.buckets + (hasUnknown ? [row.unknownAge] : []))
        }
        add(q.total)
        q.domains.forEach(add)
        page.table(table)
        if q.distinctDomains > q.domains.count { page.line(shownOf(q.domains.count, q.distinctDomains, "domains")) }
        guard !q.oldest.isEmpty else { return }
        page.line("oldest:")
        for p in q.oldest {
            page.line(Formatting.duration(Int(clamping: p.ageSeconds)).leftPadding(7) + "  " + p.recipient
                      + "  (" + p.qid + ", " + plural(p.attempts, "attempt") + ")", indent: TextLayout.indent + 2)
            if let error = p.lastError { page.line(error, indent: TextLayout.indent + 13) }
        }
    }

    private func bounces(_ b: BouncesSection, _ page: inout TextLayout) {
        page.title("BOUNCES", note: plural(b.total, "recipient"))
        guard b.total > 0 else { page.line("none"); return }
        var table = TextTable(labelHeader: "dsn    reason", columns: ["recipients"])
        for reason in b.reasons {
            table.add((reason.dsn.isEmpty ? "-" : reason.dsn).padding(6) + " " + reason.reason, [reason.recipients])
        }
        page.table(table)
        countedTable("bounced recipient", b.recipients, page: &page)
        countedTable("sender of bounced mail", b.senders, page: &page)
    }

    private func rejects(_ r: RejectsSection, _ totals: Totals, _ page: inout TextLayout) {
        page.title("REJECTS AT SMTP TIME", note: "\(totals.rejected) rejected, \(totals.tempfailed) temporary")
        if r.byRuleset.isEmpty {
            page.line("none")
        } else {
            var table = TextTable(labelHeader: "ruleset / action", columns: ["count"])
            for row in r.byRuleset { table.add(row.ruleset + " " + row.action, [row.count]) }
            page.table(table)
            countedTable("reply text", r.reasons, page: &page)
            countedTable("client", r.clients, page: &page)
        }
        if r.rejectedRecipients > 0 {
            page.blank()
            page.line(plural(r.rejectedRecipients, "recipient") + " refused while the message was received (status rejected)")
        }
        guard !r.sessions.isEmpty else { return }
        countedTable("session event", r.sessions, page: &page)
        countedTable("client of session events", r.sessionClients, page: &page)
    }

    // MARK: - Volumes

    private func latency(_ r: Report, _ page: inout TextLayout) {
        page.title("LATENCY", note: "seconds; nearest-rank percentiles")
        var table = TextTable(labelHeader: "", columns: ["count", "p50", "p90", "p95", "p99", "max"])
        func add(_ label: String, _ d: DistributionSummary, asDuration: Bool = true) {
            func f(_ v: Int?) -> String {
                guard let v else { return "-" }
                return asDuration ? Formatting.duration(v) : String(v)
            }
            table.add(label, [String(d.count), f(d.p50), f(d.p90), f(d.p95), f(d.p99), f(d.max)])
        }
        add("delivery delay (delivered)", r.latency.delay)
        add("transaction time (xdelay)", r.latency.xdelay)
        add("attempts per recipient", r.latency.attempts, asDuration: false)
        for row in r.relays.rows where row.delay.count > 0 {
            add("  via " + row.relay, row.delay)
        }
        page.table(table)
    }

    private func traffic(_ t: TrafficSection, _ page: inout TextLayout) {
        page.title("TRAFFIC BY HOUR OF DAY", note: "local time, summed over all days; quiet hours left out")
        let columns = ["received", "delivered", "deferred", "bounced"]
        var hours = TextTable(labelHeader: "hour", columns: columns)
        for row in t.hours where row.received + row.delivered + row.deferred + row.bounced > 0 {
            hours.add(row.label + ":00", [row.received, row.delivered, row.deferred, row.bounced])
        }
        if hours.rows.isEmpty { page.line("none") } else { page.table(hours) }
        guard !t.days.isEmpty else { return }
        page.title("TRAFFIC BY DAY")
        var days = TextTable(labelHeader: "day", columns: columns)
        for row in t.days { days.add(row.label, [row.received, row.delivered, row.deferred, row.bounced]) }
        page.table(days)
    }

    private func top(_ t: TopSection, _ page: inout TextLayout) {
        page.title("TOP", note: "senders and clients per message, recipients per recipient")
        for (i, list) in t.lists.enumerated() {
            if i > 0 { page.blank() }
            var table = TextTable(labelHeader: list.kind.title, columns: ["messages", "bytes"], minColumnWidth: 9)
            for e in list.entries { table.add(e.key, [String(e.messages), Formatting.bytes(e.bytes)]) }
            if list.entries.isEmpty { table.note("none") }
            if list.approximate { table.note("approximate: more distinct keys than are tracked") }
            page.table(table)
        }
    }

    private func tls(_ t: TLSSection, _ page: inout TextLayout) {
        page.title("TLS AND AUTH")
        var starttls = TextTable(labelHeader: "STARTTLS side / version / verify", columns: ["sessions"], minColumnWidth: 8)
        for u in t.starttls { starttls.add(u.side + "  " + u.version + "  verify=" + u.verify, [u.count]) }
        if t.starttls.isEmpty { starttls.note("none") }
        page.table(starttls)
        page.blank()
        var auth = TextTable(labelHeader: "AUTH side / mechanism / outcome", columns: ["count"], minColumnWidth: 8)
        for a in t.auth { auth.add(a.side + "  " + a.mechanism + "  " + a.outcome, [a.count]) }
        if t.auth.isEmpty { auth.note("none") }
        page.table(auth)
        countedTable("client with AUTH failures", t.authFailureClients, page: &page)
    }

    private func unrecognized(_ u: UnrecognizedSection, _ page: inout TextLayout) {
        page.title("UNRECOGNIZED LINES", note: plural(u.lines, "line") + "; most frequent shapes")
        guard !u.shapes.isEmpty else { page.line(u.lines == 0 ? "none" : "no shapes sampled"); return }
        var table = TextTable(labelHeader: "shape", columns: ["lines"])
        for s in u.shapes { table.add(s.shape, [s.overcount > 0 ? "≤\(s.count)" : String(s.count)]) }
        page.table(table)
    }

    // MARK: - Helpers

    /// A secondary table of a section, after a blank line.
    private func countedTable(_ label: String, _ rows: [CountedText], page: inout TextLayout) {
        guard !rows.isEmpty else { return }
        page.blank()
        var table = TextTable(labelHeader: label, columns: ["count"], minColumnWidth: 7)
        for r in rows { table.add(r.text, [r.count]) }
        page.table(table)
    }

    private func plural(_ n: Int, _ noun: String) -> String {
        "\(n) " + (n == 1 ? noun : noun + "s")
    }

    private func shownOf(_ shown: Int, _ all: Int, _ noun: String) -> String {
        shown < all ? "\(shown) of \(all) \(noun) shown" : "\(all) \(noun)"
    }
}

extension String {
    /// Left-aligned in `width` columns (never cut).
    func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, width - VisibleText.width(self)))
    }

    /// Right-aligned in `width` columns (never cut).
    func leftPadding(_ width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - VisibleText.width(self))) + self
    }
}
