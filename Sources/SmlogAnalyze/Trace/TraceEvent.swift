import SmlogCorrelate
import SmlogParse

/// One line of a traced message, with what it means: a point on the message's timeline.
public struct TraceEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `from=`: a hop took the message in.
        case received
        /// `to=`: a delivery attempt (`outcome` says how it ended).
        case attempt
        /// sendmail generated a notice (`noticeKind`, child in `childQids`).
        case notice
        /// `clone:` / `split:` children (`childQids`).
        case clone, split
        /// `done; delay=…, ntries=N`: the queue entry is gone.
        case done
        case discarded
        /// A ruleset or milter refused or held something (`ruleset`, `argument`, `text`).
        case reject
        /// A connection-level line carrying the queue id.
        case session
        case tls, auth
        /// SYSERR or queue-file trouble.
        case systemError = "system_error"
        /// Another sendmail line carrying the queue id (`SMTP outgoing connect`, `alias …`, …).
        case info
        /// Another program's line carrying the queue id (a milter, …).
        case other
        /// A sendmail line carrying the queue id that smlog does not understand.
        case unrecognized
    }

    public var time: LogTime
    public var host: String
    /// The line's own queue id (nil for lines without one).
    public var qid: String?
    /// Syslog tag (`sendmail`, `sm-msp-queue`, `sm-mta`, …).
    public var program: String
    public var pid: Int?
    public var kind: Kind

    // received
    public var sender: String?
    public var size: Int?
    public var nrcpts: Int?
    public var msgid: String?
    public var proto: String?
    /// `relay=` of a `from=` line: who handed the message over.
    public var client: String?

    // attempt
    public var outcome: AttemptOutcome?
    /// A submission program handing the message to the local MTA.
    public var isHandoff = false
    /// Recipients of the line, as addresses (`<a@b>` → `a@b`).
    public var recipients: [String] = []
    public var mailer: String?
    public var relay: String?
    public var dsn: String?
    public var stat: String?
    public var reply: String?
    public var delay: Int?
    public var xdelay: Int?
    /// The queue id the next hop gave the message (`Sent (QID Message accepted …)`,
    /// `Ok: queued as QID`).
    public var nextQid: String?

    // notice, clone, split
    public var noticeKind: NoticeKind?
    public var childQids: [String] = []

    // done
    public var tries: Int?

    // reject
    public var ruleset: String?
    public var argument: String?

    /// Free text: notice reason, clone owner, reject reply, or the message of an info/other line.
    public var text: String?

    public init(time: LogTime, host: String, qid: String?, program: String, pid: Int?, kind: Kind) {
        self.time = time
        self.host = host
        self.qid = qid
        self.program = program
        self.pid = pid
        self.kind = kind
    }
}
