import SmlogCorrelate
import SmlogParse

/// Builds the daily report from the correlate stage's events.
///
/// Use from the CLI:
/// ```swift
/// var builder = ReportBuilder(options: ReportOptions(topN: 10, sections: chosen))
/// correlator.run { event in builder.add(event) }          // every CorrelatedEvent, in order
/// parser.onUnrecognized { line in builder.addUnrecognized(line: line) }   // optional
/// let report = builder.finish(input: accounting)          // then TextRenderer / JSONRenderer / CSVRenderer
/// ```
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
    private var aggregators: [any ReportAggregator]
    private var shapes: UnrecognizedAggregator?

    public init(options: ReportOptions) {
        self.options = options
        let wanted = options.sections.union(ReportSectionName.alwaysComputed)
        aggregators = AggregatorRegistry.entries.filter { wanted.contains($0.section) }.map { $0.make(options) }
        shapes = options.sections.contains(.unrecognized) ? UnrecognizedAggregator() : nil
    }

    /// Feeds one event. Events outside the window or from other hosts are ignored.
    public mutating func add(_ event: CorrelatedEvent) {
        guard options.windowContains(event.reportTime), options.hostIncluded(event.host) else { return }
        for i in aggregators.indices {
            aggregators[i].add(event)
        }
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
        let context = ReportContext(options: options, input: input)
        for aggregator in aggregators {
            aggregator.finish(into: &report, context: context)
        }
        shapes?.finish(into: &report, context: context)
        return report
    }
}
