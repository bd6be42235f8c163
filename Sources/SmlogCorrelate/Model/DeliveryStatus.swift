/// Final outcome of one recipient of one message (the `status` field of a record).
public enum DeliveryStatus: String, Sendable, CaseIterable, Codable {
    /// Accepted by its destination: `stat=Sent` at the last hop (the smart host, a remote MX,
    /// or the local mailer). A hand-off from the submission program to the local MTA is not this.
    case delivered
    /// Permanently failed: a 5.x.x `dsn=` / permanent `stat=`, or the queue timeout
    /// ("Cannot send message for N days").
    case bounced
    /// No final outcome at end of input: only deferrals, or not attempted yet.
    case pending
    /// Dropped on purpose by a ruleset or milter (`discarded`).
    case discarded
    /// Held by a milter or ruleset (`stat=quarantined`).
    case quarantined
    /// Refused by this server while it was still receiving the message (a to= line with no
    /// mailer, logged by srvrsmtp.c logundelrcpts(): size limit, milter/check_eom reject).
    case rejected
    /// Handed to another MTA whose log lines are not in the input (for example the
    /// submission program's hand-off when the MTA logs elsewhere).
    case relayed
    /// Still without a final outcome when it went idle for longer than the horizon
    /// (`--horizon`, default 5 days of log time); flushed to bound memory.
    case incomplete
}

/// Whether a message is user mail or a notice sendmail generated.
public enum MessageKind: String, Sendable, Codable {
    /// Mail a user or program sent.
    case mail
    /// A notice sendmail generated: DSN, return to sender, delay warning, postmaster copy.
    case dsn
}
