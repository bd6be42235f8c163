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
    private var classes: [DeferralTexts: DeferralClass] = [:]
    /// Deferrals come in runs with the same texts (every message queued for a dead host):
    /// comparing with the last is cheaper than hashing three strings.
    private var lastClass: (texts: DeferralTexts, reasonClass: DeferralClass)?
    private var deferralTexts: [DeferralTexts: String] = [:]
    private var lastText: (texts: DeferralTexts, text: String)?

    init(limit: Int = 4096) {
        self.limit = max(1, limit)
    }

    /// `RelayName.normalize(relay, mailer:)`, cached.
    func relayName(_ relay: String?, mailer: String? = nil) -> String {
        guard let relay else { return mailerName(mailer) }
        if let known = relayNames.value(for: relay) { return known }
        let name = RelayName.normalize(relay, mailer: mailer)
        // A relay without a name falls back to the mailer: not a function of the relay alone.
        if RelayName.hasName(relay) { remember(&relayNames, relay, name) }
        return name
    }

    private func mailerName(_ mailer: String?) -> String {
        guard let mailer else { return RelayName.normalize(nil, mailer: nil) }
        if let known = mailerNames.value(for: mailer) { return known }
        let name = RelayName.normalize(nil, mailer: mailer)
        remember(&mailerNames, mailer, name)
        return name
    }

    /// `Address.normalize(raw)` and its domain, cached.
    func address(_ raw: String) -> NormalizedAddress {
        if let known = addresses.value(for: raw) { return known }
        let address = Address.normalize(raw)
        let result = NormalizedAddress(address: address, domain: Address.domain(ofNormalized: address))
        remember(&addresses, raw, result)
        return result
    }

    /// `ReasonText.deferralText` of an attempt, cached with its class.
    func deferralText(_ a: AttemptEvent) -> String {
        let texts = DeferralTexts(stat: a.stat, reply: a.reply, dsn: nil)
        if let last = lastText, last.texts == texts { return last.text }
        let text: String
        if let known = deferralTexts[texts] {
            text = known
        } else {
            text = ReasonText.deferralText(stat: a.stat, reply: a.reply)
            remember(&deferralTexts, texts, text)
        }
        lastText = (texts, text)
        return text
    }

    /// `DeferralClassifier.classify` of an attempt's texts, cached.
    func deferralClass(_ a: AttemptEvent) -> DeferralClass {
        let texts = DeferralTexts(stat: a.stat, reply: a.reply, dsn: a.dsn)
        if let last = lastClass, last.texts == texts { return last.reasonClass }
        let reasonClass: DeferralClass
        if let known = classes[texts] {
            reasonClass = known
        } else {
            reasonClass = DeferralClassifier.classify(stat: a.stat, reply: a.reply, dsn: a.dsn)
            remember(&classes, texts, reasonClass)
        }
        lastClass = (texts, reasonClass)
        return reasonClass
    }

    private func remember<K: Hashable, V>(_ table: inout [K: V], _ key: K, _ value: V) {
        if table.count >= limit { table.removeAll(keepingCapacity: true) }
        table[key] = value
    }

    private func remember<V>(_ table: inout StringTable<V>, _ key: String, _ value: V) {
        if table.count >= limit { table.removeAll() }
        _ = table.index(of: key) { value }
    }
}

/// An envelope address as the report groups it, and its domain.
struct NormalizedAddress: Equatable {
    var address: String
    var domain: String
}

/// What a deferral is classified by.
struct DeferralTexts: Hashable {
    var stat: String?
    var reply: String?
    var dsn: String?

    func hash(into hasher: inout Hasher) {
        hasher.combine(FastHash.of(stat ?? "", reply ?? "", dsn ?? ""))
        hasher.combine(stat == nil)
        hasher.combine(reply == nil)
    }
}
