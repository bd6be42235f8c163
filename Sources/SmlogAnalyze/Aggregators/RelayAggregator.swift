import SmlogCorrelate

/// Per next hop: delivered and bounced records of user mail, deferrals by class, and the
/// delivery delay of what it accepted.
struct RelayAggregator: ReportAggregator {
    private struct Tally {
        var delivered = 0
        var bounced = 0
        var deferrals = 0
        var classes: [DeferralClass: Int] = [:]
        var delay = ValueDistribution()
        var activity: Int { delivered + deferrals + bounced }
    }

    private var relays = StringTable<Tally>()
    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail else { return }
        switch r.status {
        case .delivered:
            let i = relays.index(of: lookups.relayName(r.relay, mailer: r.mailer)) { Tally() }
            relays[i].delivered += 1
            if let delay = r.delay { relays[i].delay.record(delay) }
        case .bounced:
            relays[relays.index(of: lookups.relayName(r.relay, mailer: r.mailer)) { Tally() }].bounced += 1
        default:
            break
        }
    }

    mutating func add(attempt a: AttemptEvent) {
        guard a.isCountedDeferral else { return }
        let i = relays.index(of: lookups.relayName(a.relay, mailer: a.mailer)) { Tally() }
        let reasonClass = lookups.deferralClass(a)
        relays[i].deferrals += a.weight
        relays[i].classes[reasonClass, default: 0] += a.weight
    }

    func finish(into report: inout Report, context: ReportContext) {
        let ranked = Ranking.top(relays, limit: context.options.topN) { $0.activity }
        let rows = ranked.map { entry in
            RelayRow(
                relay: entry.key,
                delivered: entry.value.delivered,
                deferrals: entry.value.deferrals,
                bounced: entry.value.bounced,
                deferralClasses: entry.value.classes
                    .map { ClassCount(reasonClass: $0.key, events: $0.value) }
                    .sorted { $0.events != $1.events ? $0.events > $1.events : $0.reasonClass < $1.reasonClass },
                delay: entry.value.delay.summary()
            )
        }
        report.relays = RelaysSection(rows: rows, distinct: relays.count)
    }
}
