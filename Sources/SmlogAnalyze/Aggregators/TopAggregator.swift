import SmlogCorrelate

/// Top senders, recipients, their domains and inbound client relays, by messages and bytes.
struct TopAggregator: ReportAggregator {
    private struct Volume {
        var messages = 0
        var bytes = 0
    }

    private var senders = StringTable<Volume>()
    private var senderDomains = StringTable<Volume>()
    private var recipients = StringTable<Volume>()
    private var recipientDomains = StringTable<Volume>()
    private var clients = StringTable<Volume>()
    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    mutating func add(message m: MessageSummary) {
        guard m.isCountedMessage else { return }
        let size = max(0, m.size ?? 0)
        let sender = m.sender.map { lookups.address($0) }
            ?? NormalizedAddress(address: "(unknown)", domain: Address.domain(ofNormalized: "(unknown)"))
        Self.count(&senders, sender.address, size)
        Self.count(&senderDomains, sender.domain, size)
        if let client = m.clientRelay {
            Self.count(&clients, lookups.relayName(client), size)
        }
    }

    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail else { return }
        let size = max(0, r.size ?? 0)
        let recipient = lookups.address(r.recipient)
        Self.count(&recipients, recipient.address, size)
        Self.count(&recipientDomains, recipient.domain, size)
    }

    private static func count(_ table: inout StringTable<Volume>, _ key: String, _ size: Int) {
        let i = table.index(of: key) { Volume() }
        table[i].messages += 1
        table[i].bytes &+= size
    }

    func finish(into report: inout Report, context: ReportContext) {
        let n = context.options.topN
        func list(_ kind: TopListKind, _ table: StringTable<Volume>) -> TopList {
            let ranked = Ranking.top(table, limit: n) { kind.byBytes ? $0.bytes : $0.messages }
            return TopList(kind: kind, distinct: table.count,
                           entries: ranked.map { TopEntry(key: $0.key, messages: $0.value.messages, bytes: $0.value.bytes) })
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
