import SmlogParse

/// Everything the correlate stage hands to the analyze stage, in log order (records come
/// when their message completes, so later than the lines they summarise).
public enum CorrelatedEvent: Sendable {
    /// One recipient's final outcome (or pending/incomplete at the end or at the horizon).
    case record(DeliveryRecord)
    /// One logical message, once, when it is complete (after its records).
    case message(MessageSummary)
    /// One `to=` line (a delivery attempt for `recipientCount` recipients).
    case attempt(AttemptEvent)
    /// sendmail generated a notice (DSN, return to sender, sender notify, postmaster notify).
    case notice(NoticeEvent)
    /// A ruleset or milter refused, discarded or quarantined something at SMTP time.
    case reject(RejectEvent)
    /// A connection-level event (lost input channel, did not issue MAIL, pre-greeting, …).
    case session(SessionRecord)
    /// A STARTTLS summary line.
    case tls(TLSRecord)
    /// An AUTH line (success or failure).
    case auth(AuthRecord)
    /// A SYSERR or queue-file problem.
    case systemError(SystemErrorRecord)
}

/// A logical message: all its hops (submission program → MTA), counted once.
public struct MessageSummary: Sendable, Equatable {
    // `qids` is declared before `kind`, unlike the public initializer's order: the compiler
    // then also synthesizes the memberwise initializer (the public one is in an extension),
    // which the correlator uses because the optimizer builds it in place (see DeliveryRecord).
    public var qids: [String]
    public var kind: MessageKind
    public var host: String
    public var sender: String?
    public var msgid: String?
    public var size: Int?
    /// `nrcpts=` of the first hop's from= line.
    public var nrcpts: Int?
    /// Recipients with a record (after alias expansion).
    public var recipients: Int
    /// True when the first hop's `from=` line was in the input (only then is it counted
    /// as a received message).
    public var hasFromLine: Bool
    public var received: LogTime?
    public var clientRelay: String?
    public var proto: String?
}

extension MessageSummary {
    public init(
        kind: MessageKind, qids: [String], host: String, sender: String?, msgid: String?,
        size: Int?, nrcpts: Int?, recipients: Int, hasFromLine: Bool, received: LogTime?,
        clientRelay: String?, proto: String?
    ) {
        self.kind = kind
        self.qids = qids
        self.host = host
        self.sender = sender
        self.msgid = msgid
        self.size = size
        self.nrcpts = nrcpts
        self.recipients = recipients
        self.hasFromLine = hasFromLine
        self.received = received
        self.clientRelay = clientRelay
        self.proto = proto
    }
}

/// How one `to=` line ended.
public enum AttemptOutcome: String, Sendable {
    case sent, deferred, bounced, queued, discarded, quarantined, rejected
}

public struct AttemptEvent: Sendable, Equatable {
    // `host` is declared before `time`, unlike the public initializer's order: the compiler
    // then also synthesizes the memberwise initializer (the public one is in an extension),
    // which the correlator uses because the optimizer builds it in place (see DeliveryRecord).
    public var host: String
    public var time: LogTime
    public var qid: String
    public var outcome: AttemptOutcome
    public var recipientCount: Int
    public var relay: String?
    public var mailer: String?
    public var dsn: String?
    public var stat: String?
    public var reply: String?
    public var delay: Int?
    public var xdelay: Int?
    /// The submission program handing the message to the local MTA (`Sent (QID Message accepted …)`
    /// or a deferral toward `[127.0.0.1]`).
    public var isHandoff: Bool
    /// The attempt belongs to a notice sendmail generated, not to user mail.
    public var isNotice: Bool
}

extension AttemptEvent {
    public init(
        time: LogTime, host: String, qid: String, outcome: AttemptOutcome, recipientCount: Int,
        relay: String?, mailer: String?, dsn: String?, stat: String?, reply: String?,
        delay: Int?, xdelay: Int?, isHandoff: Bool, isNotice: Bool
    ) {
        self.time = time
        self.host = host
        self.qid = qid
        self.outcome = outcome
        self.recipientCount = recipientCount
        self.relay = relay
        self.mailer = mailer
        self.dsn = dsn
        self.stat = stat
        self.reply = reply
        self.delay = delay
        self.xdelay = xdelay
        self.isHandoff = isHandoff
        self.isNotice = isNotice
    }
}

public struct NoticeEvent: Sendable, Equatable {
    public var time: LogTime
    public var host: String
    public var parentQid: String
    public var noticeQid: String
    public var kind: NoticeKind
    public var reason: String

    public init(time: LogTime, host: String, parentQid: String, noticeQid: String, kind: NoticeKind, reason: String) {
        self.time = time
        self.host = host
        self.parentQid = parentQid
        self.noticeQid = noticeQid
        self.kind = kind
        self.reason = reason
    }
}

public struct RejectEvent: Sendable, Equatable {
    // `host` is declared before `time`, unlike the public initializer's order: the compiler
    // then also synthesizes the memberwise initializer (the public one is in an extension),
    // which the correlator uses because the optimizer builds it in place (see DeliveryRecord).
    public var host: String
    public var time: LogTime
    public var qid: String?
    /// `check_rcpt`, `check_mail`, `check_relay`, …, or `milter` for milter lines.
    public var ruleset: String
    public var action: RejectAction
    public var arg1: String?
    /// Connecting client (`relay=` of the line).
    public var client: String?
    /// The reply text (`reject=` value), or the quarantine reason.
    public var text: String?
}

extension RejectEvent {
    public init(time: LogTime, host: String, qid: String?, ruleset: String, action: RejectAction, arg1: String?, client: String?, text: String?) {
        self.time = time
        self.host = host
        self.qid = qid
        self.ruleset = ruleset
        self.action = action
        self.arg1 = arg1
        self.client = client
        self.text = text
    }
}

public struct SessionRecord: Sendable, Equatable {
    // `host` is declared before `time`, unlike the public initializer's order: the compiler
    // then also synthesizes the memberwise initializer (the public one is in an extension),
    // which the correlator uses because the optimizer builds it in place (see DeliveryRecord).
    public var host: String
    public var time: LogTime
    public var kind: SessionEvent
    public var client: String?
    public var text: String?
}

extension SessionRecord {
    public init(time: LogTime, host: String, kind: SessionEvent, client: String?, text: String?) {
        self.time = time
        self.host = host
        self.kind = kind
        self.client = client
        self.text = text
    }
}

public struct TLSRecord: Sendable, Equatable {
    // `host` is declared before `time`, unlike the public initializer's order: the compiler
    // then also synthesizes the memberwise initializer (the public one is in an extension),
    // which the correlator uses because the optimizer builds it in place (see DeliveryRecord).
    public var host: String
    public var time: LogTime
    public var side: Side
    public var relay: String?
    public var version: String?
    public var verify: String?
    public var cipher: String?
}

extension TLSRecord {
    public init(time: LogTime, host: String, side: Side, relay: String?, version: String?, verify: String?, cipher: String?) {
        self.time = time
        self.host = host
        self.side = side
        self.relay = relay
        self.version = version
        self.verify = verify
        self.cipher = cipher
    }
}

public struct AuthRecord: Sendable, Equatable {
    // `host` is declared before `time`, unlike the public initializer's order: the compiler
    // then also synthesizes the memberwise initializer (the public one is in an extension),
    // which the correlator uses because the optimizer builds it in place (see DeliveryRecord).
    public var host: String
    public var time: LogTime
    public var side: Side
    public var outcome: AuthOutcome
    public var mech: String?
    public var relay: String?
    public var text: String?
}

extension AuthRecord {
    public init(time: LogTime, host: String, side: Side, outcome: AuthOutcome, mech: String?, relay: String?, text: String?) {
        self.time = time
        self.host = host
        self.side = side
        self.outcome = outcome
        self.mech = mech
        self.relay = relay
        self.text = text
    }
}

public struct SystemErrorRecord: Sendable, Equatable {
    public var time: LogTime
    public var host: String
    public var qid: String?
    public var text: String

    public init(time: LogTime, host: String, qid: String?, text: String) {
        self.time = time
        self.host = host
        self.qid = qid
        self.text = text
    }
}
