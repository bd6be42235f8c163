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

    private struct RelayTally {
        var events = 0
        /// Tally id in `messages`; -1 before the pair's first deferral.
        var id = -1
    }

    /// One hop's name and tallies by `DeferralClass.ordinal` (empty until its first deferral).
    private struct RelayRow {
        var relay = ""
        var classes: [RelayTally] = []
    }

    /// Per class, by `DeferralClass.ordinal`; a class with no deferral yet has no tally id.
    private var classes = [ClassTally](repeating: ClassTally(id: -1), count: DeferralClass.count)
    /// Per hop, by the relay section's entry index for it (stable for the run): two array
    /// reads instead of hashing a (relay String, class) key (~470 instructions a deferral).
    private var byRelay: [RelayRow] = []
    /// Distinct messages with a counted deferral (tally 0, `Totals.deferredMessages`), per
    /// class and per (relay, class), by tally id.
    private var messages = DistinctMessages()
    private static let anyDeferral = 0
    private var nextTallyID = 1

    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    /// Counts a deferred attempt (a counted deferral only) with its texts' `facts`, at the
    /// hop whose relay section entry index is `relayIndex`.
    @inline(__always)
    mutating func add(deferral a: AttemptEvent, facts: DeferralFacts, relayIndex: Int) {
        let c = facts.reasonClass.ordinal
        if classes[c].id < 0 { classes[c].id = newTallyID() }
        classes[c].events += a.weight
        classes[c].lastTextSlot = classes[c].texts.add(facts.text, weight: a.weight, hint: classes[c].lastTextSlot).slot
        let classTally = classes[c].id
        if relayIndex >= byRelay.count {
            byRelay.append(contentsOf: repeatElement(RelayRow(), count: relayIndex + 1 - byRelay.count))
        }
        if byRelay[relayIndex].classes.isEmpty {
            byRelay[relayIndex] = RelayRow(relay: lookups.relayName(a.relay, mailer: a.mailer),
                                           classes: [RelayTally](repeating: RelayTally(), count: DeferralClass.count))
        }
        if byRelay[relayIndex].classes[c].id < 0 { byRelay[relayIndex].classes[c].id = newTallyID() }
        byRelay[relayIndex].classes[c].events += a.weight
        let relayTally = byRelay[relayIndex].classes[c].id
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
            .flatMap { row in
                DeferralClass.allCases.compactMap { reasonClass -> RelayDeferral? in
                    guard row.classes.indices.contains(reasonClass.ordinal) else { return nil }
                    let tally = row.classes[reasonClass.ordinal]
                    guard tally.id >= 0 else { return nil }
                    return RelayDeferral(relay: row.relay, reasonClass: reasonClass, events: tally.events,
                                         messages: messages.count(of: tally.id))
                }
            }
            .sorted {
                if $0.events != $1.events { return $0.events > $1.events }
                if $0.relay != $1.relay { return $0.relay < $1.relay }
                return $0.reasonClass < $1.reasonClass
            }
        report.totals.deferredMessages = messages.count(of: Self.anyDeferral)
        report.deferrals = DeferralsSection(reasons: reasons, byRelay: Array(relayRows.prefix(context.options.topN)))
    }
}
