import SmlogParse

/// The one report model every renderer reads: plain values, already sorted and cut to the
/// top N. Sections not selected in `ReportOptions.sections` are nil (summary, deferrals,
/// relays and latency are always filled, because the JSON contract requires their keys);
/// `sections` says which ones to show, in display order.
public struct Report: Sendable, Equatable {
    /// Version of the JSON contract this model renders to.
    public static let schemaVersion = "smlog.report/1"

    public var schema: String
    public var period: ReportPeriod
    public var input: InputAccounting
    /// The sections to show, in display order.
    public var sections: [ReportSectionName]
    /// The top-N limit the lists were cut to.
    public var topN: Int
    public var totals: Totals
    /// Most frequent SYSERR / queue-file problem texts (part of the summary).
    public var systemErrors: [CountedText]
    public var deferrals: DeferralsSection
    /// Next hops, busiest first (cut to top N).
    public var relays: RelaysSection
    public var latency: LatencySection
    public var bounces: BouncesSection?
    public var rejects: RejectsSection?
    public var top: TopSection?
    public var traffic: TrafficSection?
    public var queue: QueueSection?
    public var tls: TLSSection?
    public var unrecognized: UnrecognizedSection?

    public init(
        schema: String = Report.schemaVersion, period: ReportPeriod, input: InputAccounting,
        sections: [ReportSectionName], topN: Int, totals: Totals, systemErrors: [CountedText] = [],
        deferrals: DeferralsSection = DeferralsSection(), relays: RelaysSection = RelaysSection(),
        latency: LatencySection = LatencySection(), bounces: BouncesSection? = nil,
        rejects: RejectsSection? = nil, top: TopSection? = nil, traffic: TrafficSection? = nil,
        queue: QueueSection? = nil, tls: TLSSection? = nil, unrecognized: UnrecognizedSection? = nil
    ) {
        self.schema = schema
        self.period = period
        self.input = input
        self.sections = sections
        self.topN = topN
        self.totals = totals
        self.systemErrors = systemErrors
        self.deferrals = deferrals
        self.relays = relays
        self.latency = latency
        self.bounces = bounces
        self.rejects = rejects
        self.top = top
        self.traffic = traffic
        self.queue = queue
        self.tls = tls
        self.unrecognized = unrecognized
    }

    public func shows(_ section: ReportSectionName) -> Bool { sections.contains(section) }
}

/// What time span and hosts the report covers.
public struct ReportPeriod: Sendable, Equatable {
    /// First and last syslog timestamp of the input.
    public var first: LogTime?
    public var last: LogTime?
    /// Hosts in the input (or, with a host filter, the hosts kept).
    public var hosts: [String]
    /// The time window asked for, if any (`[since, until)`).
    public var since: LogTime?
    public var until: LogTime?

    public init(first: LogTime?, last: LogTime?, hosts: [String], since: LogTime? = nil, until: LogTime? = nil) {
        self.first = first
        self.last = last
        self.hosts = hosts
        self.since = since
        self.until = until
    }
}

/// A text with how often it occurred (a reason, an address, a client, a shape).
public struct CountedText: Sendable, Equatable {
    public var text: String
    public var count: Int

    public init(text: String, count: Int) {
        self.text = text
        self.count = count
    }
}

/// count, p50, p90, p95, p99 and max of some observations (seconds, or attempts);
/// percentiles are nil when there were none. Nearest-rank percentiles, exact below 2048.
public struct DistributionSummary: Sendable, Equatable {
    public var count: Int
    public var p50: Int?
    public var p90: Int?
    public var p95: Int?
    public var p99: Int?
    public var max: Int?

    public init(count: Int = 0, p50: Int? = nil, p90: Int? = nil, p95: Int? = nil, p99: Int? = nil, max: Int? = nil) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.max = max
    }
}
