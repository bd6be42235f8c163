import SmlogParse

/// What is known about one recipient of one envelope, updated by each to= line.
/// A value in the correlator's recipient pool, linked to the envelope's next recipient.
struct RecipientState {
    /// Address as normalised for the record (`<a@b>` → `a@b`, `Name <a@b>` → `a@b`).
    var address: String
    /// Hash of the address bytes, to find the recipient again without comparing strings.
    var addressHash: UInt64 = 0
    var attempts = 0
    var deferrals = 0
    /// The envelope's next recipient (pool slot), -1 for the last. Declared beside the
    /// one-byte fields below: they share one word.
    var next: Int32 = -1
    var outcome: AttemptOutcome?
    var final = false
    var status: DeliveryStatus = .pending
    /// Set when the submission program handed this recipient to the local MTA: the envelope
    /// that carries it on. Such a recipient is represented by that envelope's recipients.
    var handedOffTo: EnvelopeKey?
    var completed: LogTime?
    /// The next hop's queue id from the last `Sent (…)` answer, when it names one.
    var downstreamQid: String?
    /// The attempt that decided (or, while pending, last touched) the recipient: its slot in
    /// the correlator's `AttemptDetailPool`, -1 before the first.
    var last: Int32 = -1
}

/// The fields of the attempt that decided (or, while pending, last touched) a recipient.
struct AttemptDetail {
    var relay: String?
    var mailer: String?
    var dsn: String?
    var stat: String?
    var reply: String?
    var delay: Int?
    var xdelay: Int?
}
