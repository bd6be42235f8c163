import SmlogCorrelate

/// Delivery delay, transaction time and attempts per recipient.
struct LatencyAggregator: ReportAggregator {
    private var delay = ValueDistribution()
    private var xdelay = ValueDistribution()
    private var attempts = ValueDistribution()

    @inline(__always)
    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail else { return }
        if r.status == .delivered, let d = r.delay { delay.record(d) }
        if r.status == .delivered || r.status == .bounced { attempts.record(r.attempts) }
    }

    @inline(__always)
    mutating func add(attempt a: AttemptEvent) {
        if !a.isHandoff, let x = a.xdelay { xdelay.record(x) }
    }

    func finish(into report: inout Report, context: ReportContext) {
        report.latency = LatencySection(delay: delay.summary(), xdelay: xdelay.summary(), attempts: attempts.summary())
    }
}
