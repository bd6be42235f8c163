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
    var messageKey: MessageKey { MessageKey(host: host, qid: qid) }
}

extension MessageSummary {
    /// A message the report counts as received: user mail whose first `from=` line was seen
    /// and that has at least one recipient record. Without any, sendmail did not take the
    /// message: it logs `from=` also when the client drops the connection during DATA
    /// (`collect: premature EOM`), and a message with no valid recipient delivers nothing.
    var isCountedMessage: Bool { kind == .mail && hasFromLine && recipients > 0 }

    /// User mail with a `from=` line but no recipient record (see `isCountedMessage`).
    var isMessageWithoutRecipients: Bool { kind == .mail && hasFromLine && recipients <= 0 }
}

/// A message for distinct-message counts: (syslog host, queue id). Two strings rather
/// than one joined string: no allocation per event.
struct MessageKey: Hashable {
    var host: String
    var qid: String

    /// One word into the hasher instead of both strings' bytes (SipHash per byte was most
    /// of the cost of remembering deferred messages). The host is left out: it is mostly
    /// the same, and equality still compares it.
    func hash(into hasher: inout Hasher) {
        hasher.combine(FastHash.of(qid))
    }
}
