import SmlogCorrelate

/// Normalisations the aggregators share, each worked out once per distinct input text
/// instead of once per event: the same relay, address and status texts come back on
/// thousands of lines, and building a new String per event (allocation, UTF-8 check,
/// hashing) cost more than the counting itself.
///
/// Every table is a cache: it is emptied when it reaches `limit` entries, so memory stays
/// bounded whatever the log holds; results never depend on what is cached.
final class ReportLookups {
    /// Most entries a cache holds before it is emptied.
    let limit: Int

    private var relayNames = StringTable<String>()
    private var mailerNames = StringTable<String>()
    private var addresses = StringTable<NormalizedAddress>()
    /// Class and shown text per distinct (stat, reply, dsn), keyed by their bytes: one
    /// byte-hashed lookup per deferral instead of two dictionary lookups that hashed and
    /// compared three Strings each (~1.5k instructions apiece for long status texts).
    private var deferrals = StringTable<DeferralFacts>()
    /// Where a deferral's key is built (reused).
    private var deferralKey: [UInt8] = []
    /// The last deferral's texts and facts: the deferral and relay sections ask about the
    /// same attempt one after the other, and deferrals come in runs of the same texts.
    /// (Separate properties: reading them as one optional tuple copied five references.)
    private var lastStat: String?
    private var lastReply: String?
    private var lastDsn: String?
    private var lastFacts: DeferralFacts?

    init(limit: Int = 4096) {
        self.limit = max(1, limit)
    }

    /// `RelayName.normalize(relay, mailer:)`, cached.
    func relayName(_ relay: String?, mailer: String? = nil) -> String {
        guard let relay else { return mailerName(mailer) }
        if let known = relayNames.value(for: relay) { return known }
        let name = RelayName.normalize(relay, mailer: mailer)
        // A relay without a name falls back to the mailer: not a function of the relay alone.
        if RelayName.hasName(relay) { relayNames.store(relay, name, limit: limit) }
        return name
    }

    private func mailerName(_ mailer: String?) -> String {
        guard let mailer else { return RelayName.normalize(nil, mailer: nil) }
        if let known = mailerNames.value(for: mailer) { return known }
        let name = RelayName.normalize(nil, mailer: mailer)
        mailerNames.store(mailer, name, limit: limit)
        return name
    }

    /// `Address.normalize(raw)` and its domain, cached.
    func address(_ raw: String) -> NormalizedAddress {
        if let known = addresses.value(for: raw) { return known }
        let address = Address.normalize(raw)
        let result = NormalizedAddress(address: address, domain: Address.domain(ofNormalized: address))
        addresses.store(raw, result, limit: limit)
        return result
    }

    /// `DeferralClassifier.classify` of an attempt's texts and their `ReasonText.deferralText`,
    /// cached.
    func deferral(_ a: AttemptEvent) -> DeferralFacts {
        if let facts = lastFacts, Self.sameBytes(lastStat, a.stat), Self.sameBytes(lastReply, a.reply),
           Self.sameBytes(lastDsn, a.dsn) {
            return facts
        }
        let facts = lookUpDeferral(a)
        lastStat = a.stat
        lastReply = a.reply
        lastDsn = a.dsn
        lastFacts = facts
        return facts
    }

    /// Byte equality (String's `==` would also equate canonically equivalent texts, and
    /// the cache must answer exactly as the uncached functions do).
    private static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return StringTable<Int>.sameBytes(a, b)
    }

    private func lookUpDeferral(_ a: AttemptEvent) -> DeferralFacts {
        DeferralFacts.key(stat: a.stat, reply: a.reply, dsn: a.dsn, into: &deferralKey)
        return deferralKey.withUnsafeBytes { key in
            let probe = deferrals.probe(key)
            if let i = probe.existingIndex { return deferrals[i] }
            let facts = DeferralFacts(
                reasonClass: DeferralClassifier.classify(stat: a.stat, reply: a.reply, dsn: a.dsn),
                text: ReasonText.deferralText(stat: a.stat, reply: a.reply))
            deferrals.store(key, facts, at: probe, limit: limit)
            return facts
        }
    }
}

/// An envelope address as the report groups it, and its domain.
struct NormalizedAddress: Equatable {
    var address: String
    var domain: String
}

/// What the report makes of a deferral's texts.
struct DeferralFacts {
    var reasonClass: DeferralClass
    var text: String

    /// The cache key of (stat, reply, dsn): which of them are present, then their bytes
    /// separated by 0xFF, a byte UTF-8 never holds (so no two triples share a key).
    static func key(stat: String?, reply: String?, dsn: String?, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        key.append((stat == nil ? 0 : 1) | (reply == nil ? 0 : 2) | (dsn == nil ? 0 : 4))
        func append(_ text: String?) {
            // The UTF-8 view is copied as one block (a raw buffer was appended byte by byte).
            if let text { key.append(contentsOf: text.utf8) }
        }
        append(stat)
        key.append(0xFF)
        append(reply)
        key.append(0xFF)
        append(dsn)
    }
}
