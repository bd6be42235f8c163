import SmlogCorrelate

/// Deferred recipient attempts by reason class, overall and per relay.
struct DeferralAggregator: ReportAggregator {
    private struct ClassTally {
        var events = 0
        /// Tally id in `messages`.
        var id: Int
        var texts = BoundedCounter<String>(capacity: 32)
        /// Slot of the text counted last (deferrals come in runs of one text).
        var lastTextSlot = -1
    }

    private struct RelayClass: Hashable {
        var relay: String
        var reasonClass: DeferralClass

        func hash(into hasher: inout Hasher) {
            hasher.combine(FastHash.of(relay) &+ UInt64(reasonClass.ordinal))
        }

        static func == (a: Self, b: Self) -> Bool {
            a.reasonClass.ordinal == b.reasonClass.ordinal && a.relay == b.relay
        }
    }

    private struct RelayTally {
        var events = 0
        /// Tally id in `messages`.
        var id: Int
    }

    /// Per class, by `DeferralClass.ordinal`; a class with no deferral yet has no tally id.
    private var classes = [ClassTally](repeating: ClassTally(id: -1), count: DeferralClass.count)
    private var byRelay: [RelayClass: RelayTally] = [:]
    /// Distinct messages with a counted deferral (tally 0, `Totals.deferredMessages`), per
    /// class and per (relay, class), by tally id.
    private var messages = DistinctMessages()
    private static let anyDeferral = 0
    private var nextTallyID = 1

    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    @inline(__always)
    mutating func add(attempt a: AttemptEvent) {
        guard a.isCountedDeferral else { return }
        let facts = lookups.deferral(a)
        let reasonClass = facts.reasonClass
        let text = facts.text
        let c = reasonClass.ordinal
        if classes[c].id < 0 { classes[c].id = newTallyID() }
        classes[c].events += a.weight
        classes[c].lastTextSlot = classes[c].texts.add(text, weight: a.weight, hint: classes[c].lastTextSlot).slot
        let classTally = classes[c].id
        let relayKey = RelayClass(relay: lookups.relayName(a.relay, mailer: a.mailer), reasonClass: reasonClass)
        let relayTally: Int
        if let i = byRelay.index(forKey: relayKey) {
            byRelay.values[i].events += a.weight
            relayTally = byRelay.values[i].id
        } else {
            relayTally = newTallyID()
            byRelay[relayKey] = RelayTally(events: a.weight, id: relayTally)
        }
        messages.count(a.messageKey, in: (Self.anyDeferral, classTally, relayTally))
    }

    @inline(__always)
    mutating func add(message m: MessageSummary) {
        messages.forget(host: m.host, qids: m.qids)
    }

    private mutating func newTallyID() -> Int {
        defer { nextTallyID += 1 }
        return nextTallyID
    }

    func finish(into report: inout Report, context: ReportContext) {
        let reasons = DeferralClass.allCases
            .filter { classes[$0.ordinal].id >= 0 }
            .map { (key: $0, value: classes[$0.ordinal]) }
            .map { DeferralReason(reasonClass: $0.key, events: $0.value.events, messages: messages.count(of: $0.value.id),
                                  example: $0.value.texts.mostFrequent ?? "") }
            .sorted { $0.events != $1.events ? $0.events > $1.events : $0.reasonClass < $1.reasonClass }
        let relayRows = byRelay
            .map { RelayDeferral(relay: $0.key.relay, reasonClass: $0.key.reasonClass, events: $0.value.events,
                                 messages: messages.count(of: $0.value.id)) }
            .sorted {
                if $0.events != $1.events { return $0.events > $1.events }
                if $0.relay != $1.relay { return $0.relay < $1.relay }
                return $0.reasonClass < $1.reasonClass
            }
        report.totals.deferredMessages = messages.count(of: Self.anyDeferral)
        report.deferrals = DeferralsSection(reasons: reasons, byRelay: Array(relayRows.prefix(context.options.topN)))
    }
}
