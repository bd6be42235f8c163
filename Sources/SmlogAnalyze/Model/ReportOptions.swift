import SmlogParse

/// What the report covers and shows. Built by the CLI from its options.
public struct ReportOptions: Sendable, Equatable {
    /// How many rows each ranked list keeps (top senders, relays, reasons, …). At least 1.
    public var topN: Int
    /// Only events at or after this time (inclusive). See `ReportBuilder` for which time
    /// each kind of event is judged by.
    public var since: LogTime?
    /// Only events before this time (exclusive).
    public var until: LogTime?
    /// Only events logged by these syslog hosts (exact names); empty means every host.
    public var hosts: Set<String>
    /// The sections to show, in any order (they are always shown in `ReportSectionName`
    /// order). Summary, deferrals, relays and latency are computed even when not shown,
    /// because the JSON contract requires their keys.
    public var sections: Set<ReportSectionName>
    /// How many of the oldest pending recipients the queue section lists.
    public var oldestPending: Int

    public init(
        topN: Int = 10,
        since: LogTime? = nil,
        until: LogTime? = nil,
        hosts: Set<String> = [],
        sections: Set<ReportSectionName> = Set(ReportSectionName.allCases),
        oldestPending: Int = 5
    ) {
        self.topN = max(1, topN)
        self.since = since
        self.until = until
        self.hosts = hosts
        self.sections = sections
        self.oldestPending = max(0, oldestPending)
    }

    /// True when `time` lies inside `[since, until)`. An event without a time is inside
    /// only when no window is set.
    @inlinable
    public func windowContains(_ time: LogTime?) -> Bool {
        if since == nil && until == nil { return true }
        guard let time else { return false }
        if let since, time < since { return false }
        if let until, !(time < until) { return false }
        return true
    }

    /// True when `host` passes the host filter.
    @inlinable
    public func hostIncluded(_ host: String) -> Bool {
        hosts.isEmpty || hosts.contains(host)
    }
}
