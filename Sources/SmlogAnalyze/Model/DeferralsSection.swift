/// Deferred recipient attempts (see `Totals.deferrals`) by reason class.
public struct DeferralsSection: Sendable, Equatable {
    /// Every class with at least one event, most events first.
    public var reasons: [DeferralReason]
    /// (relay, class) pairs, most events first, cut to top N.
    public var byRelay: [RelayDeferral]

    public init(reasons: [DeferralReason] = [], byRelay: [RelayDeferral] = []) {
        self.reasons = reasons
        self.byRelay = byRelay
    }
}

public struct DeferralReason: Sendable, Equatable {
    public var reasonClass: DeferralClass
    /// Deferred recipient attempts in this class.
    public var events: Int
    /// Distinct (host, queue id) with such a deferral.
    public var messages: Int
    /// The most frequent text of the class (stat without `Deferred: `, addresses kept).
    public var example: String

    public init(reasonClass: DeferralClass, events: Int, messages: Int, example: String) {
        self.reasonClass = reasonClass
        self.events = events
        self.messages = messages
        self.example = example
    }
}

public struct RelayDeferral: Sendable, Equatable {
    public var relay: String
    public var reasonClass: DeferralClass
    public var events: Int
    public var messages: Int

    public init(relay: String, reasonClass: DeferralClass, events: Int, messages: Int) {
        self.relay = relay
        self.reasonClass = reasonClass
        self.events = events
        self.messages = messages
    }
}
