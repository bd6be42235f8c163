import SmlogParse

/// "Still in the queue": records of user mail with status pending at the end of the input,
/// by age and destination (recipient) domain, as Postfix's qshape shows a queue.
/// age = the input's last timestamp − the record's `received`.
public struct QueueSection: Sendable, Equatable {
    /// Upper bounds of the age buckets in minutes; a last bucket holds everything older.
    public static let bucketMinutes = [5, 10, 20, 40, 80, 160, 320, 640, 1280]
    /// Labels of the buckets: `5m` … `1280m`, `more`.
    public static let bucketLabels = bucketMinutes.map { "\($0)m" } + ["more"]

    /// The moment ages are measured at.
    public var asOf: LogTime?
    /// All pending recipients (the sum of every domain row before the cut).
    public var total: QueueRow
    /// Destination domains, most pending first, cut to top N.
    public var domains: [QueueRow]
    /// Distinct domains before the cut.
    public var distinctDomains: Int
    /// The oldest pending recipients, oldest first.
    public var oldest: [PendingRecipient]

    public init(asOf: LogTime? = nil, total: QueueRow = QueueRow(domain: "TOTAL"), domains: [QueueRow] = [],
                distinctDomains: Int = 0, oldest: [PendingRecipient] = []) {
        self.asOf = asOf
        self.total = total
        self.domains = domains
        self.distinctDomains = distinctDomains
        self.oldest = oldest
    }
}

public struct QueueRow: Sendable, Equatable {
    public var domain: String
    /// Counts per bucket of `QueueSection.bucketLabels` (always 10 entries).
    public var buckets: [Int]
    /// Pending recipients whose arrival time is unknown.
    public var unknownAge: Int

    public init(domain: String, buckets: [Int] = Array(repeating: 0, count: QueueSection.bucketLabels.count), unknownAge: Int = 0) {
        self.domain = domain
        self.buckets = buckets
        self.unknownAge = unknownAge
    }

    public var total: Int { buckets.reduce(0, +) + unknownAge }

    /// Bucket index for an age in seconds (negative ages, from clock steps, count as fresh).
    public static func bucketIndex(ageSeconds: Int64) -> Int {
        for (i, minutes) in QueueSection.bucketMinutes.enumerated() where ageSeconds < Int64(minutes) * 60 {
            return i
        }
        return QueueSection.bucketMinutes.count
    }
}

public struct PendingRecipient: Sendable, Equatable {
    public var recipient: String
    public var sender: String?
    public var host: String
    /// The first queue id of the message.
    public var qid: String
    public var received: LogTime
    public var ageSeconds: Int64
    public var attempts: Int
    /// Normalised next hop of the last attempt, if any.
    public var relay: String?
    /// The last attempt's status text (`Deferred: …`), if any.
    public var lastError: String?

    public init(recipient: String, sender: String?, host: String, qid: String, received: LogTime,
                ageSeconds: Int64, attempts: Int, relay: String?, lastError: String?) {
        self.recipient = recipient
        self.sender = sender
        self.host = host
        self.qid = qid
        self.received = received
        self.ageSeconds = ageSeconds
        self.attempts = attempts
        self.relay = relay
        self.lastError = lastError
    }
}
