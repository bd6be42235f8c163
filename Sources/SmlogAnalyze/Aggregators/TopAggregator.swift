import SmlogCorrelate

/// Top senders, recipients, their domains and inbound client relays, by messages and bytes.
struct TopAggregator: ReportAggregator {
    // Bounded tables (see TopCounts): memory follows the cap, not the number of distinct
    // addresses in the log.
    private var senders = TopCounts()
    private var senderDomains = TopCounts()
    private var recipients = TopCounts()
    private var recipientDomains = TopCounts()
    private var clients = TopCounts()
    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    mutating func add(message m: MessageSummary) {
        guard m.isCountedMessage else { return }
        let size = max(0, m.size ?? 0)
        let sender = m.sender.map { lookups.address($0) }
            ?? NormalizedAddress(address: "(unknown)", domain: Address.domain(ofNormalized: "(unknown)"))
        senders.add(sender.address, bytes: size)
        senderDomains.add(sender.domain, bytes: size)
        if let client = m.clientRelay {
            clients.add(lookups.relayName(client), bytes: size)
        }
    }

    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail else { return }
        let size = max(0, r.size ?? 0)
        let recipient = lookups.address(r.recipient)
        recipients.add(recipient.address, bytes: size)
        recipientDomains.add(recipient.domain, bytes: size)
    }

    func finish(into report: inout Report, context: ReportContext) {
        let n = context.options.topN
        func list(_ kind: TopListKind, _ counts: TopCounts) -> TopList {
            let ranked = Ranking.top(counts.table, limit: n) { kind.byBytes ? $0.bytes : $0.messages }
            return TopList(kind: kind, distinct: counts.distinct,
                           entries: ranked.map { TopEntry(key: $0.key, messages: $0.value.messages, bytes: $0.value.bytes) },
                           approximate: counts.isApproximate)
        }
        report.top = TopSection(lists: TopListKind.allCases.map { kind in
            switch kind {
            case .sendersByMessages, .sendersByBytes: list(kind, senders)
            case .senderDomainsByMessages, .senderDomainsByBytes: list(kind, senderDomains)
            case .recipientsByMessages, .recipientsByBytes: list(kind, recipients)
            case .recipientDomainsByMessages, .recipientDomainsByBytes: list(kind, recipientDomains)
            case .clientRelays: list(kind, clients)
            }
        })
    }
}
