import SmlogCorrelate

/// Per next hop: delivered and bounced records of user mail, deferrals by class, and the
/// delivery delay of what it accepted.
struct RelayAggregator: ReportAggregator {
    private struct Tally {
        var delivered = 0
        var bounced = 0
        var deferrals = 0
        /// Deferrals per `DeferralClass.ordinal` (empty until the first).
        var classes: [Int] = []
        var delay = ValueDistribution()
        var activity: Int { delivered + deferrals + bounced }
    }

    private var relays = StringTable<Tally>()
    private let lookups: ReportLookups
    /// Entry index in `relays` per raw `relay=` text (and per mailer, for lines without
    /// one): one lookup per event instead of normalising and looking up the name.
    private var rawRelays = StringTable<Int>()
    private var rawMailers = StringTable<Int>()
    private static let rawLimit = 4096
    /// The same per String value (entries of `relays` are never removed, so an index stays
    /// valid): most events repeat a String the correlator shared.
    private var memoRelays = IdentityMemo<Int>()
    private var memoMailers = IdentityMemo<Int>(slotBits: 4)

    /// The entry of the hop an event names.
    private mutating func relayIndex(_ relay: String?, mailer: String?) -> Int {
        if let relay {
            if let i = memoRelays.value(for: relay) { return i }
            if let i = rawRelays.existingIndex(of: relay) {
                memoRelays.store(relay, rawRelays[i])
                return rawRelays[i]
            }
        } else {
            let mailer = mailer ?? ""
            if let i = memoMailers.value(for: mailer) { return i }
            if let i = rawMailers.existingIndex(of: mailer) {
                memoMailers.store(mailer, rawMailers[i])
                return rawMailers[i]
            }
        }
        let index = relays.index(of: lookups.relayName(relay, mailer: mailer)) { Tally() }
        if let relay {
            // A relay without a name is named after the mailer: not cacheable by the relay.
            if RelayName.hasName(relay) {
                rawRelays.store(relay, index, limit: Self.rawLimit)
                memoRelays.store(relay, index)
            }
        } else {
            rawMailers.store(mailer ?? "", index, limit: Self.rawLimit)
            memoMailers.store(mailer ?? "", index)
        }
        return index
    }

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    @inline(__always)
    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail else { return }
        switch r.status {
        case .delivered:
            let i = relayIndex(r.relay, mailer: r.mailer)
            relays[i].delivered += 1
            if let delay = r.delay { relays[i].delay.record(delay) }
        case .bounced:
            relays[relayIndex(r.relay, mailer: r.mailer)].bounced += 1
        default:
            break
        }
    }

    /// Counts a deferred attempt of class `reasonClass` (a counted deferral only) and
    /// returns its hop's entry index, which stays the same for the whole run (entries are
    /// never removed), so the deferral section can key its per-relay rows by it.
    @inline(__always)
    mutating func add(deferral a: AttemptEvent, reasonClass: DeferralClass) -> Int {
        let i = relayIndex(a.relay, mailer: a.mailer)
        relays[i].deferrals += a.weight
        if relays[i].classes.isEmpty { relays[i].classes = [Int](repeating: 0, count: DeferralClass.count) }
        relays[i].classes[reasonClass.ordinal] += a.weight
        return i
    }

    func finish(into report: inout Report, context: ReportContext) {
        let ranked = Ranking.top(relays, limit: context.options.topN) { $0.activity }
        let rows = ranked.map { entry in
            RelayRow(
                relay: entry.key,
                delivered: entry.value.delivered,
                deferrals: entry.value.deferrals,
                bounced: entry.value.bounced,
                deferralClasses: DeferralClass.allCases
                    .filter { entry.value.classes.indices.contains($0.ordinal) && entry.value.classes[$0.ordinal] > 0 }
                    .map { ClassCount(reasonClass: $0, events: entry.value.classes[$0.ordinal]) }
                    .sorted { $0.events != $1.events ? $0.events > $1.events : $0.reasonClass < $1.reasonClass },
                delay: entry.value.delay.summary()
            )
        }
        report.relays = RelaysSection(rows: rows, distinct: relays.count)
    }
}
