import SmlogCorrelate
import SmlogParse

extension CorrelatedEvent {
    /// The time the report's window and per-hour tables judge the event by: a record by
    /// its `received` time (its `completed` time when that is unknown), a message by its
    /// `received` time, every other event by its line's time.
    var reportTime: LogTime? {
        switch self {
        case .record(let r): r.received ?? r.completed
        case .message(let m): m.received
        case .attempt(let a): a.time
        case .notice(let n): n.time
        case .reject(let r): r.time
        case .session(let s): s.time
        case .tls(let t): t.time
        case .auth(let a): a.time
        case .systemError(let e): e.time
        }
    }

    /// The syslog host that logged the event.
    var host: String {
        switch self {
        case .record(let r): r.host
        case .message(let m): m.host
        case .attempt(let a): a.host
        case .notice(let n): n.host
        case .reject(let r): r.host
        case .session(let s): s.host
        case .tls(let t): t.host
        case .auth(let a): a.host
        case .systemError(let e): e.host
        }
    }
}

extension AttemptEvent {
    /// A deferral the report counts: user mail (not a notice), toward its destination (not
    /// the submission program's hand-off to the local MTA).
    var isCountedDeferral: Bool { outcome == .deferred && !isHandoff && !isNotice }

    /// A deferral of the submission program's hand-off to the local MTA.
    var isHandoffDeferral: Bool { outcome == .deferred && isHandoff && !isNotice }

    /// Recipients the line stands for (at least one, whatever the count field says).
    var weight: Int { max(1, recipientCount) }

    /// Key of the message this attempt belongs to, for distinct-message counts.
    var messageKey: String { host + "\u{0}" + qid }
}

extension MessageSummary {
    /// A message the report counts as received: user mail whose first `from=` line was seen.
    var isCountedMessage: Bool { kind == .mail && hasFromLine }
}
