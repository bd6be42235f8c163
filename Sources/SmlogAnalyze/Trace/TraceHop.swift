import SmlogParse

/// One queue id a traced message had: a hop (submission program, MTA, another host), a notice
/// sendmail generated about it, a clone or split child, or a relay's id from its answer.
public struct TraceHop: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        /// The local submission program (MSP) that handed the message to the MTA.
        case submission
        /// An MTA queue entry (the first hop of SMTP mail, or the MTA copy of a submission).
        case mta
        /// A DSN, return-to-sender, delay warning or postmaster copy sendmail generated.
        case notice
        case clone
        case split
        /// The next hop's own queue id, from its answer (`Ok: queued as X`), whose lines are
        /// not in the input.
        case relay
    }

    public var qid: String
    /// Syslog host of the hop; for `.relay`, the relay as named in the `to=` line.
    public var host: String
    /// Syslog tags that logged it, in order of appearance (empty for `.relay`).
    public var programs: [String]
    public var role: Role
    /// The queue id it came from (submission → MTA, original → notice/clone/split, hop → relay).
    public var parentQid: String?
    public var noticeKind: NoticeKind?
    /// True when lines of this queue id are in the input.
    public var logged: Bool
    public var firstSeen: LogTime?

    public init(
        qid: String, host: String, programs: [String], role: Role, parentQid: String? = nil,
        noticeKind: NoticeKind? = nil, logged: Bool = true, firstSeen: LogTime? = nil
    ) {
        self.qid = qid
        self.host = host
        self.programs = programs
        self.role = role
        self.parentQid = parentQid
        self.noticeKind = noticeKind
        self.logged = logged
        self.firstSeen = firstSeen
    }
}
