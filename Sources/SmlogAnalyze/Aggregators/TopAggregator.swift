import SmlogCorrelate

/// Top senders, recipients, their domains and inbound client relays, by messages and bytes.
struct TopAggregator: ReportAggregator {
    private struct Volume {
        var messages = 0
        var bytes = 0
    }

    private var senders: [String: Volume] = [:]
    private var senderDomains: [String: Volume] = [:]
    private var recipients: [String: Volume] = [:]
    private var recipientDomains: [String: Volume] = [:]
    private var clients: [String: Volume] = [:]

    mutating func add(message m: MessageSummary) {
        guard m.isCountedMessage else { return }
        let size = max(0, m.size ?? 0)
        let sender = m.sender.map(Address.normalize) ?? "(unknown)"
        Self.count(&senders[sender, default: Volume()], size)
        Self.count(&senderDomains[Address.domain(ofNormalized: sender), default: Volume()], size)
        if let client = m.clientRelay {
            Self.count(&clients[RelayName.normalize(client), default: Volume()], size)
        }
    }

    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail else { return }
        let size = max(0, r.size ?? 0)
        let recipient = Address.normalize(r.recipient)
        Self.count(&recipients[recipient, default: Volume()], size)
        Self.count(&recipientDomains[Address.domain(ofNormalized: recipient), default: Volume()], size)
    }

    private static func count(_ volume: inout Volume, _ size: Int) {
        volume.messages += 1
        volume.bytes &+= size
    }

    func finish(into report: inout Report, context: ReportContext) {
        let n = context.options.topN
        func list(_ kind: TopListKind, _ table: [String: Volume]) -> TopList {
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
