import HeapModule
import SmlogCorrelate
import SmlogParse

/// Pending recipients of user mail at the end of the input, qshape-style: age bucket ×
/// destination domain, plus the oldest few. Ages need the end time, known only at
/// `finish`, so each pending record's domain and arrival are kept (one small entry per
/// pending recipient: the queue, not the traffic).
struct QueueAggregator: ReportAggregator {
    private struct Pending {
        var domain: String
        var received: LogTime?
    }

    /// Ordered so that `max` is the youngest kept candidate (the one to drop first).
    private struct Candidate: Comparable {
        var received: LogTime
        var recipient: String
        var qid: String
        var record: DeliveryRecord

        static func < (a: Self, b: Self) -> Bool {
            if a.received != b.received { return a.received < b.received }
            if a.recipient != b.recipient { return a.recipient < b.recipient }
            return a.qid < b.qid
        }
        static func == (a: Self, b: Self) -> Bool {
            a.received == b.received && a.recipient == b.recipient && a.qid == b.qid
        }
    }

    private var pending: [Pending] = []
    private var oldest = Heap<Candidate>()
    private var oldestLimit: Int

    private let lookups: ReportLookups

    init(oldestLimit: Int = 5, lookups: ReportLookups = ReportLookups()) {
        self.oldestLimit = oldestLimit
        self.lookups = lookups
    }

    @inline(__always)
    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail, r.status == .pending else { return }
        let normalized = lookups.address(r.recipient)
        let recipient = normalized.address
        pending.append(Pending(domain: normalized.domain, received: r.received))
        guard oldestLimit > 0, let received = r.received else { return }
        let candidate = Candidate(received: received, recipient: recipient, qid: r.qids.first ?? "", record: r)
        if oldest.count < oldestLimit {
            oldest.insert(candidate)
        } else if let youngest = oldest.max, candidate < youngest {
            _ = oldest.replaceMax(with: candidate)
        }
    }

    func finish(into report: inout Report, context: ReportContext) {
        let asOf = context.input.lastTimestamp ?? context.latestEventTime
        var total = QueueRow(domain: "TOTAL")
        var rows: [String: QueueRow] = [:]
        for p in pending {
            var row = rows[p.domain] ?? QueueRow(domain: p.domain)
            if let received = p.received, let asOf {
                let bucket = QueueRow.bucketIndex(ageSeconds: asOf.seconds &- received.seconds)
                row.buckets[bucket] += 1
                total.buckets[bucket] += 1
            } else {
                row.unknownAge += 1
                total.unknownAge += 1
            }
            rows[p.domain] = row
        }
        let ranked = Ranking.top(rows, limit: context.options.topN) { $0.total }.map(\.value)
        let oldestRows = oldest.unordered.sorted().prefix(context.options.oldestPending).map { c in
            PendingRecipient(
                recipient: c.recipient,
                sender: c.record.sender.map(Address.normalize),
                host: c.record.host,
                qid: c.qid,
                received: c.received,
                ageSeconds: asOf.map { $0.seconds &- c.received.seconds } ?? 0,
                attempts: c.record.attempts,
                relay: c.record.relay.map { RelayName.normalize($0) },
                lastError: c.record.stat.map { ReasonText.capped(ReasonText.trimmed($0)) }
            )
        }
        report.queue = QueueSection(asOf: asOf, total: total, domains: ranked, distinctDomains: rows.count,
                                    oldest: Array(oldestRows))
    }
}
