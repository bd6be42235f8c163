import SmlogCorrelate
import SmlogParse

/// The headline figures (`Totals`) and the most frequent system errors.
struct SummaryAggregator: ReportAggregator {
    private var totals = Totals()
    private var systemErrorTexts = BoundedCounter<String>(capacity: 64)

    @inline(__always)
    mutating func add(message m: MessageSummary) {
        if m.isMessageWithoutRecipients { totals.messagesWithoutRecipients += 1 }
        guard m.isCountedMessage else { return }
        totals.messages += 1
        totals.bytes &+= max(0, m.size ?? 0)
    }

    @inline(__always)
    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail else { return }
        totals.recipients += 1
        switch r.status {
        case .delivered: totals.delivered += 1
        case .bounced: totals.bounced += 1
        case .pending: totals.pending += 1
        case .discarded: totals.discarded += 1
        case .quarantined: totals.quarantined += 1
        case .rejected: totals.rejectedRecipients += 1
        case .relayed: totals.relayed += 1
        case .incomplete: totals.incomplete += 1
        }
    }

    @inline(__always)
    mutating func add(attempt a: AttemptEvent) {
        if a.isCountedDeferral {
            totals.deferrals += a.weight
        } else if a.isHandoffDeferral {
            totals.handoffDeferrals += a.weight
        }
    }

    /// Rulesets whose refusals are no refusal of inbound mail: `trust_auth` refuses only the
    /// AUTH= parameter of MAIL FROM (the mail goes on); `tls_server`, `tls_rcpt` and `try_tls`
    /// judge the far server while this host sends. They stay visible in the rejects section.
    static let notInboundRefusals: Set<String> = ["trust_auth", "tls_server", "tls_rcpt", "try_tls"]

    /// `notInboundRefusals.contains(ruleset)` by comparisons: no hashing per reject.
    static func isNotInboundRefusal(_ ruleset: String) -> Bool {
        switch ruleset {
        case "trust_auth", "tls_server", "tls_rcpt", "try_tls": true
        default: false
        }
    }

    @inline(__always)
    mutating func add(reject r: RejectEvent) {
        guard !Self.isNotInboundRefusal(r.ruleset) else { return }
        switch r.action {
        case .reject: totals.rejected += 1
        case .tempfail: totals.tempfailed += 1
        default: break
        }
    }

    mutating func add(notice n: NoticeEvent) {
        switch n.kind {
        case .dsn: totals.dsnNotices += 1
        case .returnToSender: totals.returnToSender += 1
        case .postmasterNotify: totals.postmasterNotices += 1
        case .senderNotify:
            if ASCIIMatch.hasPrefix(ReasonText.trimmed(n.reason), "warning") {
                totals.delayWarnings += 1
            } else {
                totals.senderNotifyOther += 1
            }
        }
    }

    mutating func add(systemError e: SystemErrorRecord) {
        totals.systemErrors += 1
        systemErrorTexts.add(ReasonText.groupingKey(e.text))
    }

    @inline(__always)
    mutating func add(session s: SessionRecord) {
        if s.kind != .connect { totals.sessionEvents += 1 }
    }

    func finish(into report: inout Report, context: ReportContext) {
        // `deferredMessages` is kept: the deferral aggregator counts it (it holds the keys).
        var totals = self.totals
        totals.deferredMessages = report.totals.deferredMessages
        report.totals = totals
        report.systemErrors = systemErrorTexts.ranked { $0.key < $1.key }
            .prefix(context.options.topN)
            .map { CountedText(text: $0.key, count: $0.count) }
    }
}
