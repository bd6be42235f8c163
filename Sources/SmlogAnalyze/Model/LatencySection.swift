/// How long delivery takes (seconds) and how many tries it needs. Per-relay delay is in
/// `RelayRow.delay` (renderers show it in both sections).
public struct LatencySection: Sendable, Equatable {
    /// `delay=` of records of user mail with status delivered: time from the message's
    /// arrival at the hop that delivered it to the final acceptance.
    public var delay: DistributionSummary
    /// `xdelay=` of every `to=` line with one, except the submission program's hand-offs:
    /// the duration of that one transaction (successful or not).
    public var xdelay: DistributionSummary
    /// Attempts per recipient of records of user mail with a final outcome (delivered or bounced).
    public var attempts: DistributionSummary

    public init(delay: DistributionSummary = .init(), xdelay: DistributionSummary = .init(),
                attempts: DistributionSummary = .init()) {
        self.delay = delay
        self.xdelay = xdelay
        self.attempts = attempts
    }
}
