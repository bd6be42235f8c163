import SmlogCorrelate
import SmlogParse

/// Builds the daily report from the correlate stage's events.
///
/// How `smlog report` drives it (SmlogCLI):
/// ```swift
/// var builder = ReportBuilder(options: ReportOptions(topN: top, since: since, until: until,
///                                                    hosts: Set(hostFilter), sections: chosen))
/// var correlator = Correlator(options: …)
/// let summary = Pipeline(options: input).run(
///     correlator: &correlator,
///     events: &builder,                     // every event, in order (CorrelatedEventSink)
///     unrecognized: { line, builder in builder.addUnrecognized(line: line) })
/// let report = builder.finish(input: InputAccounting(
///     files: summary.files, lines: summary.lines, sendmailLines: summary.sendmailLines,
///     foreignLines: summary.foreignLines, unrecognizedLines: summary.unrecognizedLines,
///     oversizeLines: summary.oversizeLines, errors: summary.errors,
///     firstTimestamp: summary.firstTime, lastTimestamp: summary.lastTime, hosts: summary.hosts))
/// out.write(TextRenderer(width: 80, color: useColour).render(report))
/// // or JSONRenderer().render(report), or try CSVRenderer().render(report, table: .relays)
/// ```
/// Section names for `--section`/`--no-section`: `ReportSectionName(rawValue:)` or
/// `ReportSectionName.parseList("relays,queue")`; CSV table names: `CSVTable(rawValue:)`.
///
/// Filters, applied before any aggregator sees an event:
/// - time window `[since, until)`: records by `received` (or `completed` when `received` is
///   unknown), messages by `received`, every other event by its line's time; with a window
///   set, an event without a time is left out;
/// - host filter: the event's syslog host must be one of `ReportOptions.hosts` (if any).
///
/// Aggregators for sections not selected do not run, except summary, deferrals, relays and
/// latency (the JSON contract needs them). `add` costs a few dictionary updates per event.
public struct ReportBuilder {
    public let options: ReportOptions
    // Concrete fields rather than an array of `any ReportAggregator`: calling through the
    // existential box cost ~150 instructions per line, and each event kind goes only to
    // the aggregators that count it.
    private var summary = SummaryAggregator()
    private var deferrals: DeferralAggregator
    private var relays: RelayAggregator
    private var latency = LatencyAggregator()
    private var queue: QueueAggregator?
    private var bounces: BounceAggregator?
    private var rejects: RejectAggregator?
    private var traffic: TrafficAggregator?
    private var top: TopAggregator?
    private var security: TLSAggregator?  // STARTTLS and AUTH
    private var shapes: UnrecognizedAggregator?
    private var latestEventTime: LogTime?
    private let lookups: ReportLookups

    public init(options: ReportOptions) {
        self.options = options
        let lookups = ReportLookups()
        self.lookups = lookups
        let chosen = options.sections
        deferrals = DeferralAggregator(lookups: lookups)
        relays = RelayAggregator(lookups: lookups)
        queue = chosen.contains(.queue) ? QueueAggregator(oldestLimit: options.oldestPending, lookups: lookups) : nil
        bounces = chosen.contains(.bounces) ? BounceAggregator(lookups: lookups) : nil
        rejects = chosen.contains(.rejects) ? RejectAggregator(lookups: lookups) : nil
        traffic = chosen.contains(.traffic) ? TrafficAggregator() : nil
        top = chosen.contains(.top) ? TopAggregator(lookups: lookups) : nil
        security = chosen.contains(.tls) ? TLSAggregator(lookups: lookups) : nil
        shapes = chosen.contains(.unrecognized) ? UnrecognizedAggregator() : nil
    }

    /// Feeds one event. Events outside the window or from other hosts are ignored.
    public mutating func add(_ event: CorrelatedEvent) {
        switch event {
        case .message(let m): message(m)
        case .record(let r): record(r)
        case .attempt(let a): attempt(a)
        case .notice(let e): notice(e)
        case .reject(let e): reject(e)
        case .session(let e): session(e)
        case .tls(let e): tls(e)
        case .auth(let e): auth(e)
        case .systemError(let e): systemError(e)
        }
    }

    /// Applies the window (to `time`) and host filters, and remembers the latest line time.
    @inline(__always)
    private mutating func keep(_ time: LogTime?, _ host: String, lineTime: LogTime? = nil) -> Bool {
        guard options.windowContains(time), options.hostIncluded(host) else { return false }
        if let t = lineTime ?? time, latestEventTime.map({ $0 < t }) ?? true { latestEventTime = t }
        return true
    }

    /// Counts the shape of one unrecognised line (the whole raw line, or the program's
    /// message). The bytes are read during the call only. Window and host filters do not
    /// apply (the line has no parsed time or host). Bounded memory; allocation-free once
    /// the common shapes are known.
    public mutating func addUnrecognized(line: UnsafeRawBufferPointer) {
        shapes?.add(line: line)
    }

    /// The finished report: every list ranked and cut to the top N.
    public func finish(input: InputAccounting) -> Report {
        let hosts = options.hosts.isEmpty ? input.hosts : input.hosts.filter { options.hosts.contains($0) }
        var report = Report(
            period: ReportPeriod(first: input.firstTimestamp, last: input.lastTimestamp, hosts: hosts,
                                 since: options.since, until: options.until),
            input: input,
            sections: ReportSectionName.allCases.filter { options.sections.contains($0) },
            topN: options.topN,
            totals: Totals()
        )
        let context = ReportContext(options: options, input: input, latestEventTime: latestEventTime)
        summary.finish(into: &report, context: context)
        deferrals.finish(into: &report, context: context)   // after summary: fills totals.deferredMessages
        relays.finish(into: &report, context: context)
        latency.finish(into: &report, context: context)
        queue?.finish(into: &report, context: context)
        bounces?.finish(into: &report, context: context)
        rejects?.finish(into: &report, context: context)
        traffic?.finish(into: &report, context: context)
        top?.finish(into: &report, context: context)
        security?.finish(into: &report, context: context)
        shapes?.finish(into: &report, context: context)
        return report
    }
}

/// The report's per-line path: the correlator hands each event straight to its aggregators
/// (see `CorrelatedEventSink`). Events outside the window or from other hosts are ignored.
extension ReportBuilder: CorrelatedEventSink {
    public mutating func message(_ m: MessageSummary) {
        guard keep(m.received, m.host, lineTime: m.received) else { return }
        summary.add(message: m)
        deferrals.add(message: m)
        traffic?.add(message: m)
        top?.add(message: m)
    }

    public mutating func record(_ r: DeliveryRecord) {
        guard keep(r.received ?? r.completed, r.host, lineTime: r.completed ?? r.received) else { return }
        summary.add(record: r)
        relays.add(record: r)
        latency.add(record: r)
        queue?.add(record: r)
        bounces?.add(record: r)
        rejects?.add(record: r)
        traffic?.add(record: r)
        top?.add(record: r)
    }

    public mutating func attempt(_ a: AttemptEvent) {
        guard keep(a.time, a.host) else { return }
        summary.add(attempt: a)
        if a.isCountedDeferral {
            // One classification for both sections; the deferral section keys its per-relay
            // rows by the relay section's entry for the hop instead of hashing the name.
            let facts = lookups.deferral(a)
            let relayIndex = relays.add(deferral: a, reasonClass: facts.reasonClass)
            deferrals.add(deferral: a, facts: facts, relayIndex: relayIndex)
        }
        latency.add(attempt: a)
        traffic?.add(attempt: a)
    }

    public mutating func notice(_ e: NoticeEvent) {
        guard keep(e.time, e.host) else { return }
        summary.add(notice: e)
    }

    public mutating func reject(_ e: RejectEvent) {
        guard keep(e.time, e.host) else { return }
        summary.add(reject: e)
        rejects?.add(reject: e)
    }

    public mutating func session(_ e: SessionRecord) {
        guard keep(e.time, e.host) else { return }
        summary.add(session: e)
        rejects?.add(session: e)
    }

    public mutating func tls(_ e: TLSRecord) {
        guard keep(e.time, e.host) else { return }
        security?.add(tls: e)
    }

    public mutating func auth(_ e: AuthRecord) {
        guard keep(e.time, e.host) else { return }
        security?.add(auth: e)
    }

    public mutating func systemError(_ e: SystemErrorRecord) {
        guard keep(e.time, e.host) else { return }
        summary.add(systemError: e)
    }
}
