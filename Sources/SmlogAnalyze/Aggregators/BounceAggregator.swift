import SmlogCorrelate

/// Bounced recipients of user mail by DSN code and reason, with who bounced most.
struct BounceAggregator: ReportAggregator {
    private struct ReasonKey: Hashable {
        var dsn: String
        var reason: String
    }

    private var total = 0
    private var reasons: [ReasonKey: Int] = [:]
    private var recipients = TopCounts()
    private var senders = TopCounts()
    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    @inline(__always)
    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail, r.status == .bounced else { return }
        total += 1
        let reason = ReasonText.groupingKey(r.stat ?? "")
        reasons[ReasonKey(dsn: r.dsn ?? "", reason: reason.isEmpty ? "(no status text)" : reason), default: 0] += 1
        recipients.add(lookups.address(r.recipient).address, bytes: 0)
        senders.add(r.sender.map { lookups.address($0).address } ?? "(unknown)", bytes: 0)
    }

    func finish(into report: inout Report, context: ReportContext) {
        let n = context.options.topN
        let rows = reasons
            .map { BounceReason(dsn: $0.key.dsn, reason: $0.key.reason, recipients: $0.value) }
            .sorted {
                if $0.recipients != $1.recipients { return $0.recipients > $1.recipients }
                if $0.dsn != $1.dsn { return $0.dsn < $1.dsn }
                return $0.reason < $1.reason
            }
        report.bounces = BouncesSection(
            total: total,
            reasons: Array(rows.prefix(n)),
            recipients: Ranking.topCounts(recipients, limit: n),
            senders: Ranking.topCounts(senders, limit: n),
            approximate: recipients.isApproximate || senders.isApproximate
        )
    }
}
