import SmlogCorrelate

/// Deferred recipient attempts by reason class, overall and per relay.
struct DeferralAggregator: ReportAggregator {
    private struct ClassTally {
        var events = 0
        var messages: Set<MessageKey> = []
        var texts = BoundedCounter<String>(capacity: 32)
    }

    private struct RelayClass: Hashable {
        var relay: String
        var reasonClass: DeferralClass
    }

    private struct RelayTally {
        var events = 0
        var messages: Set<MessageKey> = []
    }

    private var classes: [DeferralClass: ClassTally] = [:]
    private var byRelay: [RelayClass: RelayTally] = [:]

    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    mutating func add(attempt a: AttemptEvent) {
        guard a.isCountedDeferral else { return }
        let reasonClass = lookups.deferralClass(a)
        let key = a.messageKey
        classes[reasonClass, default: ClassTally()].events += a.weight
        classes[reasonClass, default: ClassTally()].messages.insert(key)
        classes[reasonClass, default: ClassTally()].texts.add(ReasonText.deferralText(stat: a.stat, reply: a.reply), weight: a.weight)
        let relayKey = RelayClass(relay: lookups.relayName(a.relay, mailer: a.mailer), reasonClass: reasonClass)
        byRelay[relayKey, default: RelayTally()].events += a.weight
        byRelay[relayKey, default: RelayTally()].messages.insert(key)
    }

    func finish(into report: inout Report, context: ReportContext) {
        let reasons = classes
            .map { DeferralReason(reasonClass: $0.key, events: $0.value.events, messages: $0.value.messages.count,
                                  example: $0.value.texts.mostFrequent ?? "") }
            .sorted { $0.events != $1.events ? $0.events > $1.events : $0.reasonClass < $1.reasonClass }
        let relayRows = byRelay
            .map { RelayDeferral(relay: $0.key.relay, reasonClass: $0.key.reasonClass, events: $0.value.events,
                                 messages: $0.value.messages.count) }
            .sorted {
                if $0.events != $1.events { return $0.events > $1.events }
                if $0.relay != $1.relay { return $0.relay < $1.relay }
                return $0.reasonClass < $1.reasonClass
            }
        report.deferrals = DeferralsSection(reasons: reasons, byRelay: Array(relayRows.prefix(context.options.topN)))
    }
}
