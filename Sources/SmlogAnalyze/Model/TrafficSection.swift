/// Volumes over time, in each line's own local time (its syslog UTC offset).
public struct TrafficSection: Sendable, Equatable {
    /// 24 rows, `00` … `23`: hour of day, summed over every day of the input (not averaged).
    public var hours: [TrafficRow]
    /// One row per calendar day (`2026-11-30`), only when the events fall on more than one
    /// calendar day.
    public var days: [TrafficRow]

    public init(hours: [TrafficRow] = [], days: [TrafficRow] = []) {
        self.hours = hours
        self.days = days
    }
}

/// received = messages (as `Totals.messages`) by arrival time; delivered and bounced =
/// records of user mail by completion time; deferred = deferred recipient attempts (as
/// `Totals.deferrals`) by attempt time.
public struct TrafficRow: Sendable, Equatable {
    public var label: String
    public var received: Int
    public var delivered: Int
    public var deferred: Int
    public var bounced: Int

    public init(label: String, received: Int = 0, delivered: Int = 0, deferred: Int = 0, bounced: Int = 0) {
        self.label = label
        self.received = received
        self.delivered = delivered
        self.deferred = deferred
        self.bounced = bounced
    }
}
