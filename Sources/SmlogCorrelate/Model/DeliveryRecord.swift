import SmlogParse

/// One recipient of one message with its final outcome: the unit `smlog records` writes
/// and every report figure about deliveries counts.
public struct DeliveryRecord: Sendable, Equatable {
    // `sender` is declared before `recipient` (the public initializer's order is the other
    // way round) so that the compiler still synthesizes the memberwise initializer next to the
    // public one, which lives in an extension below: the correlator builds records with the
    // memberwise one, which the optimizer builds in place. Through the explicit initializer
    // each record was copied and destroyed once more (~750 instructions a record).
    /// Envelope sender (from the first hop's `from=`), nil when that line is not in the input.
    /// For notices: `<>`.
    public var sender: String?
    public var recipient: String
    public var status: DeliveryStatus
    public var kind: MessageKind
    /// For `.dsn`: which notice (DSN, return to sender, sender notify, postmaster notify).
    public var noticeKind: NoticeKind?
    /// Every queue id of the message, first hop first (notices excluded: a notice record lists
    /// the notice's own queue ids).
    public var qids: [String]
    /// For `.dsn`: the queue id of the message the notice is about.
    public var parentQid: String?
    public var msgid: String?
    /// Syslog host that logged the message.
    public var host: String
    /// Size in bytes from the first hop's `from=` line.
    public var size: Int?
    /// Time of the first hop's `from=` line (or of the first line seen of the message).
    public var received: LogTime?
    /// Time of the line that gave the final outcome; nil while pending.
    public var completed: LogTime?
    /// Delivery attempts toward the destination for this recipient (to= lines except `queued`).
    public var attempts: Int
    /// Of those, how many were deferred.
    public var deferrals: Int
    /// Next hop of the final (or, when pending, the last) attempt, as logged (`host. [ip]`).
    public var relay: String?
    public var mailer: String?
    public var dsn: String?
    /// Seconds, of the final (or last) attempt.
    public var delay: Int?
    public var xdelay: Int?
    /// Status text of the final (or last) attempt.
    public var stat: String?
    /// The remote reply of the final (or last) attempt (`reply=`, sendmail 8.16+).
    public var reply: String?
    /// Client that handed the message to the first hop (`relay=` of the from= line).
    public var clientRelay: String?
    /// Protocol of the first hop's from= line (`ESMTP`, `ESMTPS`, …); nil for command-line submissions.
    public var proto: String?
    /// Downstream queue id parsed from the final `Sent (…)` text, when present.
    public var downstreamQid: String?
}

extension DeliveryRecord {
    public init(
        recipient: String, sender: String?, status: DeliveryStatus, kind: MessageKind,
        noticeKind: NoticeKind? = nil, qids: [String], parentQid: String? = nil, msgid: String?,
        host: String, size: Int?, received: LogTime?, completed: LogTime?, attempts: Int,
        deferrals: Int, relay: String?, mailer: String?, dsn: String?, delay: Int?, xdelay: Int?,
        stat: String?, reply: String? = nil, clientRelay: String? = nil, proto: String? = nil,
        downstreamQid: String? = nil
    ) {
        self.recipient = recipient
        self.sender = sender
        self.status = status
        self.kind = kind
        self.noticeKind = noticeKind
        self.qids = qids
        self.parentQid = parentQid
        self.msgid = msgid
        self.host = host
        self.size = size
        self.received = received
        self.completed = completed
        self.attempts = attempts
        self.deferrals = deferrals
        self.relay = relay
        self.mailer = mailer
        self.dsn = dsn
        self.delay = delay
        self.xdelay = xdelay
        self.stat = stat
        self.reply = reply
        self.clientRelay = clientRelay
        self.proto = proto
        self.downstreamQid = downstreamQid
    }
}
