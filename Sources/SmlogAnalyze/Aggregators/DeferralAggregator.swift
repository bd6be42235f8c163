import SmlogCorrelate

/// Deferred recipient attempts by reason class, overall and per relay.
struct DeferralAggregator: ReportAggregator {
    private struct ClassTally {
        var events = 0
        /// Tally id in `messages`.
        var id: Int
        var texts = BoundedCounter<String>(capacity: 32)
    }

    private struct RelayClass: Hashable {
        var relay: String
        var reasonClass: DeferralClass
    }

    private struct RelayTally {
        var events = 0
        /// Tally id in `messages`.
        var id: Int
    }

    private var classes: [DeferralClass: ClassTally] = [:]
    private var byRelay: [RelayClass: RelayTally] = [:]
    /// Distinct messages per class and per (relay, class), by tally id.
    private var messages = DistinctMessages()
    private var nextTallyID = 0

    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    mutating func add(attempt a: AttemptEvent) {
        guard a.isCountedDeferral else { return }
        let reasonClass = lookups.deferralClass(a)
        let key = a.messageKey
        if classes[reasonClass] == nil { classes[reasonClass] = ClassTally(id: newTallyID()) }
        classes[reasonClass]?.events += a.weight
        classes[reasonClass]?.texts.add(ReasonText.deferralText(stat: a.stat, reply: a.reply), weight: a.weight)
        messages.count(key, in: classes[reasonClass]?.id ?? 0)
        let relayKey = RelayClass(relay: lookups.relayName(a.relay, mailer: a.mailer), reasonClass: reasonClass)
        if byRelay[relayKey] == nil { byRelay[relayKey] = RelayTally(id: newTallyID()) }
        byRelay[relayKey]?.events += a.weight
        messages.count(key, in: byRelay[relayKey]?.id ?? 0)
    }

    mutating func add(message m: MessageSummary) {
        messages.forget(host: m.host, qids: m.qids)
    }

    private mutating func newTallyID() -> Int {
        defer { nextTallyID += 1 }
        return nextTallyID
    }

    func finish(into report: inout Report, context: ReportContext) {
        let reasons = classes
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
        report.deferrals = DeferralsSection(reasons: reasons, byRelay: Array(relayRows.prefix(context.options.topN)))
    }
}
