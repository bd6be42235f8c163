import SmlogParse

/// What is known about one recipient of one envelope, updated by each to= line.
struct RecipientState {
    /// Address as normalised for the record (`<a@b>` → `a@b`, `Name <a@b>` → `a@b`).
    var address: String
    /// Hash of the address bytes, to find the recipient again without comparing strings.
    var addressHash: UInt64 = 0
    var attempts = 0
    var deferrals = 0
    var outcome: AttemptOutcome?
    var final = false
    var status: DeliveryStatus = .pending
    /// Set when the submission program handed this recipient to the local MTA: the envelope
    /// that carries it on. Such a recipient is represented by that envelope's recipients.
    var handedOffTo: EnvelopeKey?
    var completed: LogTime?
    /// The next hop's queue id from the last `Sent (…)` answer, when it names one.
    var downstreamQid: String?
    var last: AttemptDetail?
}

/// The fields of the attempt that decided (or, while pending, last touched) a recipient.
/// Shared by all recipients of one to= line.
final class AttemptDetail {
    let time: LogTime
    let relay: String?
    let mailer: String?
    let dsn: String?
    let stat: String?
    let reply: String?
    let delay: Int?
    let xdelay: Int?

    init(time: LogTime, relay: String?, mailer: String?, dsn: String?, stat: String?, reply: String?, delay: Int?, xdelay: Int?) {
        self.time = time
        self.relay = relay
        self.mailer = mailer
        self.dsn = dsn
        self.stat = stat
        self.reply = reply
        self.delay = delay
        self.xdelay = xdelay
    }
}
