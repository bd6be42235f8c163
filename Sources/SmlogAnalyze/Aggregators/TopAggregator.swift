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

    /// Entry indexes per raw text (`<Bob@Example.COM>`, `host [ip]`) as logged: one lookup
    /// per event instead of normalising and then looking up address and domain.
    /// 16 bytes: entry indexes are below the tables' capacity (16,384).
    private struct Slots {
        var keyIndex: Int32
        var domainIndex: Int32
        var epoch: Int

        init(key: Int, domain: Int, epoch: Int) {
            keyIndex = Int32(truncatingIfNeeded: key)
            domainIndex = Int32(truncatingIfNeeded: domain)
            self.epoch = epoch
        }

        var key: Int { Int(keyIndex) }
        var domain: Int { Int(domainIndex) }
    }
    private var rawSenders = StringTable<Slots>()
    private var rawRecipients = StringTable<Slots>()
    private var rawClients = StringTable<Slots>()
    /// The same per String value: most events repeat a String the correlator shared. Sized
    /// for a couple of thousand active addresses (~80 KB each): 256 entries lost a third of
    /// their hits to slot collisions on the 100k-line test log, and each entry costs a little
    /// at start and exit.
    private var memoSenders = IdentityMemo<Slots>(slotBits: 11)
    private var memoRecipients = IdentityMemo<Slots>(slotBits: 11)
    private var memoClients = IdentityMemo<Slots>()
    /// Where a new address is normalised (reused: no allocation per new address).
    private var scratch: [UInt8] = []
    /// Most raw texts remembered per table before it is emptied.
    private static let rawLimit = TopCounts.defaultCapacity

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    @inline(__always)
    mutating func add(message m: MessageSummary) {
        guard m.isCountedMessage else { return }
        let size = max(0, m.size ?? 0)
        if let raw = m.sender {
            let slots = Self.addressSlots(raw, &memoSenders, &rawSenders, &senders, &senderDomains, &scratch)
            senders.count(at: slots.key, bytes: size)
            senderDomains.count(at: slots.domain, bytes: size)
        } else {
            senders.add("(unknown)", bytes: size)
            senderDomains.add(Address.domain(ofNormalized: "(unknown)"), bytes: size)
        }
        if let client = m.clientRelay {
            let epoch = clients.epoch
            if let known = memoClients.value(for: client), known.epoch == epoch {
                clients.count(at: known.key, bytes: size)
            } else if let i = rawClients.existingIndex(of: client), rawClients[i].epoch == epoch {
                memoClients.store(client, rawClients[i])
                clients.count(at: rawClients[i].key, bytes: size)
            } else {
                let slot = clients.slot(for: lookups.relayName(client))
                let slots = Slots(key: slot, domain: 0, epoch: clients.epoch)
                rawClients.store(client, slots, limit: Self.rawLimit)
                memoClients.store(client, slots)
                clients.count(at: slot, bytes: size)
            }
        }
    }

    @inline(__always)
    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail else { return }
        let size = max(0, r.size ?? 0)
        let slots = Self.addressSlots(r.recipient, &memoRecipients, &rawRecipients, &recipients, &recipientDomains, &scratch)
        recipients.count(at: slots.key, bytes: size)
        recipientDomains.count(at: slots.domain, bytes: size)
    }

    /// The entries of a raw address and of its domain.
    private static func addressSlots(
        _ raw: String, _ memo: inout IdentityMemo<Slots>, _ cache: inout StringTable<Slots>,
        _ addresses: inout TopCounts, _ domains: inout TopCounts, _ scratch: inout [UInt8]
    ) -> Slots {
        // Epochs only grow, so their sum changes whenever either table replaced a key.
        let epoch = addresses.epoch &+ domains.epoch
        if let known = memo.value(for: raw), known.epoch == epoch { return known }
        let slots = StringTable<Slots>.withBytes(raw) { rawBytes in
            // One probe serves the lookup and, for a new raw text, the insert.
            let probe = cache.probe(rawBytes)
            if let i = probe.existingIndex, cache[i].epoch == epoch { return cache[i] }
            // Not through `lookups`: this cache already remembers each raw address.
            let (key, domain) = Address.withNormalizedBytes(raw, scratch: &scratch) { address, domain in
                (addresses.slot(forBytes: address), domains.slot(forBytes: domain))
            }
            let slots = Slots(key: key, domain: domain, epoch: addresses.epoch &+ domains.epoch)
            cache.store(rawBytes, slots, at: probe, limit: rawLimit)
            return slots
        }
        memo.store(raw, slots)
        return slots
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
