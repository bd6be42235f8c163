import SmlogCorrelate

/// Delivery delay, transaction time and attempts per recipient.
struct LatencyAggregator: ReportAggregator {
    private var delay = ValueDistribution()
    private var xdelay = ValueDistribution()
    private var attempts = ValueDistribution()

    mutating func add(_ event: CorrelatedEvent) {
        switch event {
        case .record(let r):
            guard r.kind == .mail else { return }
            if r.status == .delivered, let d = r.delay { delay.record(d) }
            if r.status == .delivered || r.status == .bounced { attempts.record(r.attempts) }
        case .attempt(let a):
            if !a.isHandoff, let x = a.xdelay { xdelay.record(x) }
        default:
            break
        }
    }

    func finish(into report: inout Report, context: ReportContext) {
        report.latency = LatencySection(delay: delay.summary(), xdelay: xdelay.summary(), attempts: attempts.summary())
    }
}
