import SmlogParse

/// One queue id on one host: what its from= line said and what happened to each recipient.
///
/// A plain value in the correlator's envelope pool, linked to its chain, its fellow chain
/// members and its recipients by pool slot (no object of its own: no malloc, free or
/// reference counting per message).
struct Envelope {
    let key: EnvelopeKey
    let qid: String
    /// Creation order (log order), for deterministic output.
    let sequence: Int
    /// Slot of the chain this envelope belongs to; -1 once emitted or dropped.
    var chain: Int32 = -1
    /// The next member of its chain (slot), -1 for the last.
    var nextMember: Int32 = -1

    // from= line
    var hasFromLine = false
    /// The `from=` value was in angle brackets: with `bareSender` it gives the value as logged
    /// (`loggedSender`), so that string is not kept for every message.
    var senderIsBracketed = false
    /// The bare sender is a qualified address (has an `@`) or the null sender: a later hop's
    /// sender never replaces it.
    var bareSenderIsFinal = false
    var bareSenderHasAt = false
    /// Received from this machine's own submission program (from= `relay=localhost [127.0.0.1]`):
    /// it may be the second hop of a local submission, linked once that hop's Sent line is read.
    var receivedFromLocalhost = false
    /// The body was not received (`collect:` error): the from= line then is no message.
    var dataAborted = false
    var doneSeen = false
    /// Split or clone children were made from it: its recipients live in those envelopes.
    var hasChildren = false
    /// False for a placeholder: an envelope only named by another line (a hand-off target)
    /// whose own lines have not been read yet.
    var seenLine = true
    /// Set once the envelope has been handed to the analyze stage, or dropped.
    var emitted = false
    /// Set for an envelope sendmail created for a notice (DSN, warning, …).
    var notice: NoticeKind?

    /// `from=` without its angle brackets (`<>` for the null sender), as records show it.
    var bareSender: String?
    var size: Int?
    var nrcpts: Int?
    var msgid: String?
    var clientRelay: String?
    var proto: String?
    var parentQid: String?
    var firstSeen: LogTime
    var lastSeen: LogTime

    /// Recipients, in the order first named: a list through the recipient pool.
    var firstRecipient: Int32 = -1
    var lastRecipient: Int32 = -1
    var recipientCount: Int32 = 0
    /// Index by address hash, built only for envelopes with more than `scanLimit` recipients
    /// (most have a handful, found by a scan of their hashes).
    var recipientSlots: [UInt64: Int32]?
    static let scanLimit = 16

    init(key: EnvelopeKey, qid: String, time: LogTime, sequence: Int, seenLine: Bool = true) {
        self.key = key
        self.qid = qid
        self.sequence = sequence
        self.seenLine = seenLine
        self.firstSeen = time
        self.lastSeen = time
    }

    var host: UInt32 { key.host }

    /// `from=` as logged, for comparing a from= line read again (rare: built only then).
    var loggedSender: String? {
        guard let bare = bareSender else { return nil }
        return senderIsBracketed && bare != "<>" ? "<" + bare + ">" : bare
    }
}
