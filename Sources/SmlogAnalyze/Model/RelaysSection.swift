/// Next hops (normalised `relay=`; see `RelayName`), busiest first.
public struct RelaysSection: Sendable, Equatable {
    /// Cut to top N by delivered + deferrals + bounced, ties by name.
    public var rows: [RelayRow]
    /// Relays seen in all (before the cut).
    public var distinct: Int

    public init(rows: [RelayRow] = [], distinct: Int = 0) {
        self.rows = rows
        self.distinct = distinct
    }
}

public struct RelayRow: Sendable, Equatable {
    public var relay: String
    /// Records of user mail delivered through this hop.
    public var delivered: Int
    /// Deferred recipient attempts toward this hop (as `Totals.deferrals`).
    public var deferrals: Int
    /// Records of user mail bounced at this hop.
    public var bounced: Int
    /// Deferrals by class, most first.
    public var deferralClasses: [ClassCount]
    /// `delay` of the delivered records (count, p50, p90, p95, p99, max).
    public var delay: DistributionSummary

    public init(relay: String, delivered: Int, deferrals: Int, bounced: Int, deferralClasses: [ClassCount], delay: DistributionSummary) {
        self.relay = relay
        self.delivered = delivered
        self.deferrals = deferrals
        self.bounced = bounced
        self.deferralClasses = deferralClasses
        self.delay = delay
    }
}

public struct ClassCount: Sendable, Equatable {
    public var reasonClass: DeferralClass
    public var events: Int

    public init(reasonClass: DeferralClass, events: Int) {
        self.reasonClass = reasonClass
        self.events = events
    }
}
