/// The headline figures (the summary section and `totals` in JSON). Units differ per field:
/// see each field. Recipients figures count records of user mail (`kind == .mail`) only, so
/// that `recipients == delivered + bounced + pending + other` always holds.
public struct Totals: Sendable, Equatable {
    /// Logical messages received: `.message` events of user mail whose first hop's `from=`
    /// line was in the input and that have at least one recipient record, each counted once
    /// (a submission and its MTA copy are one message).
    public var messages = 0
    /// `.message` events of user mail with a `from=` line but no recipient record: a
    /// reception the client aborted during DATA (sendmail still logs `from=`), or no valid
    /// recipient. Not in `messages`.
    public var messagesWithoutRecipients = 0
    /// Sum of those messages' `size=` (bytes as received), once per message.
    public var bytes = 0
    /// Recipient records of user mail (one per recipient final outcome or pending state).
    public var recipients = 0
    public var delivered = 0
    public var bounced = 0
    public var pending = 0
    public var discarded = 0
    public var quarantined = 0
    /// Records with status `rejected` (refused by this server while receiving the message,
    /// after RCPT: size limit, milter or end-of-message check).
    public var rejectedRecipients = 0
    public var relayed = 0
    public var incomplete = 0
    /// Deferred recipient attempts of user mail at the destination side: recipients on `to=`
    /// lines deferred, excluding the submission program's hand-off to the local MTA and
    /// excluding notices (a line with 3 recipients counts 3).
    public var deferrals = 0
    /// Deferred recipient attempts of the submission program handing mail to the local MTA.
    public var handoffDeferrals = 0
    /// Distinct (host, queue id) with at least one counted deferral.
    public var deferredMessages = 0
    /// SMTP-time rejects: `.reject` events whose action is reject (any ruleset or milter,
    /// including `trust_auth`, which refuses only the `AUTH=` parameter of MAIL FROM: the
    /// rejects section's per-ruleset rows tell them apart).
    public var rejected = 0
    /// Temporary SMTP-time refusals (`.reject` events with action tempfail, 4xx replies).
    public var tempfailed = 0
    /// Notices sendmail generated, by kind.
    public var dsnNotices = 0
    public var returnToSender = 0
    /// `sender notify:` lines whose reason starts with `Warning` (queue warning).
    public var delayWarnings = 0
    /// Other `sender notify:` lines (the final timeout of an already-warned envelope).
    public var senderNotifyOther = 0
    public var postmasterNotices = 0
    /// SYSERR and queue-file problem lines.
    public var systemErrors = 0
    /// Connection-level session events other than plain connects (lost input channel, did
    /// not issue MAIL, pre-greeting traffic, …).
    public var sessionEvents = 0

    public init() {}

    /// discarded + quarantined + rejected recipients + relayed + incomplete.
    public var otherStatuses: Int { discarded + quarantined + rejectedRecipients + relayed + incomplete }

    /// All notices sendmail generated.
    public var notices: Int { dsnNotices + returnToSender + delayWarnings + senderNotifyOther + postmasterNotices }

    /// True when the recipient equation holds (it always should).
    public var reconciles: Bool { recipients == delivered + bounced + pending + otherStatuses }
}
