import SmlogCorrelate
import SmlogParse

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
