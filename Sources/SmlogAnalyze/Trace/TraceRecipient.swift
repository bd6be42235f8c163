import SmlogCorrelate
import SmlogParse

/// One recipient of a traced message (or of a notice about it) with its final status.
public struct TraceRecipient: Sendable, Equatable {
    public var address: String
    public var status: DeliveryStatus
    public var kind: MessageKind
    public var noticeKind: NoticeKind?
    /// The queue id whose attempt decided (or, while pending, last touched) the recipient.
    public var qid: String
    public var host: String
    public var received: LogTime?
    public var completed: LogTime?
    /// From receipt at the first hop to the final outcome, in seconds.
    public var latencySeconds: Int64?
    public var attempts: Int
    public var deferrals: Int
    public var relay: String?
    public var mailer: String?
    public var dsn: String?
    public var stat: String?
    public var reply: String?
    public var downstreamQid: String?

    public init(record: DeliveryRecord, qid: String) {
        address = record.recipient
        status = record.status
        kind = record.kind
        noticeKind = record.noticeKind
        self.qid = qid
        host = record.host
        received = record.received
        completed = record.completed
        if let received = record.received, let completed = record.completed {
            latencySeconds = max(0, completed.seconds - received.seconds)
        }
        attempts = record.attempts
        deferrals = record.deferrals
        relay = record.relay
        mailer = record.mailer
        dsn = record.dsn
        stat = record.stat
        reply = record.reply
        downstreamQid = record.downstreamQid
    }

    /// No final outcome yet (at the end of input, or flushed idle).
    public var isUnfinished: Bool { status == .pending || status == .incomplete }
}
