/// Records of user mail with status bounced.
public struct BouncesSection: Sendable, Equatable {
    public var total: Int
    /// By (dsn, reason), most first, cut to top N.
    public var reasons: [BounceReason]
    /// Bounced recipients and the senders of the bounced mail, most first, cut to top N.
    public var recipients: [CountedText]
    public var senders: [CountedText]
    /// True when `recipients` or `senders` met more distinct keys than are tracked (16,384):
    /// their counts may then be too high (see `TopList.approximate`). False: exact.
    public var approximate: Bool

    public init(total: Int = 0, reasons: [BounceReason] = [], recipients: [CountedText] = [], senders: [CountedText] = [],
                approximate: Bool = false) {
        self.total = total
        self.reasons = reasons
        self.recipients = recipients
        self.senders = senders
        self.approximate = approximate
    }
}

public struct BounceReason: Sendable, Equatable {
    /// `dsn=` code (`5.1.1`), or empty when none was logged.
    public var dsn: String
    /// The `stat=` text with addresses replaced by `<…>` (so one reason groups all recipients).
    public var reason: String
    public var recipients: Int

    public init(dsn: String, reason: String, recipients: Int) {
        self.dsn = dsn
        self.reason = reason
        self.recipients = recipients
    }
}
