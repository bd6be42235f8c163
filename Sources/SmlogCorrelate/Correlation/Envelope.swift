import SmlogParse

/// One queue id on one host: what its from= line said and what happened to each recipient.
///
/// Its stored properties carry `@exclusivity(unchecked)`: the correlator is single-threaded
/// and never holds two accesses to one envelope at once, and the dynamic check on each
/// access to a class property cost ~75 instructions (swift_beginAccess, ~80 per input line).
final class Envelope {
    let key: EnvelopeKey
    let qid: String
    let host: UInt32
    /// Creation order (log order), for deterministic output.
    let sequence: Int
    /// The message this envelope belongs to; nil once emitted (breaks the reference cycle).
    @exclusivity(unchecked) var chain: MessageChain!

    // from= line
    @exclusivity(unchecked) var hasFromLine = false
    /// `from=` without its angle brackets (`<>` for the null sender), as records show it.
    @exclusivity(unchecked) var bareSender: String?
    /// The `from=` value was in angle brackets: with `bareSender` it gives the value as logged
    /// (`loggedSender`), so that string is not kept for every message.
    @exclusivity(unchecked) var senderIsBracketed = false
    /// The bare sender is a qualified address (has an `@`) or the null sender: a later hop's
    /// sender never replaces it.
    @exclusivity(unchecked) var bareSenderIsFinal = false
    @exclusivity(unchecked) var bareSenderHasAt = false
    @exclusivity(unchecked) var size: Int?
    @exclusivity(unchecked) var nrcpts: Int?
    @exclusivity(unchecked) var msgid: String?
    @exclusivity(unchecked) var clientRelay: String?
    @exclusivity(unchecked) var proto: String?
    /// Received from this machine's own submission program (from= `relay=localhost [127.0.0.1]`):
    /// it may be the second hop of a local submission, linked once that hop's Sent line is read.
    @exclusivity(unchecked) var receivedFromLocalhost = false

    /// The body was not received (`collect:` error): the from= line then is no message.
    @exclusivity(unchecked) var dataAborted = false

    /// Set for an envelope sendmail created for a notice (DSN, warning, …).
    @exclusivity(unchecked) var notice: NoticeKind?
    @exclusivity(unchecked) var parentQid: String?

    /// Most envelopes have a handful of recipients, found by a scan of their address hashes
    /// (no dictionary to allocate); `recipientSlots` indexes longer lists.
    @exclusivity(unchecked) var recipients: [RecipientState] = []
    /// Index by hash, built only for envelopes with many recipients.
    /// (nil while unused: an empty dictionary literal cost a call at creation and a release at teardown).
    @exclusivity(unchecked) private var recipientSlots: [UInt64: Int]?
    static let scanLimit = 16
    @exclusivity(unchecked) var doneSeen = false
    /// Split or clone children were made from it: its recipients live in those envelopes.
    @exclusivity(unchecked) var hasChildren = false
    @exclusivity(unchecked) var firstSeen: LogTime
    @exclusivity(unchecked) var lastSeen: LogTime
    /// Pending recipients of an expired message (queue timeout): set by the notice line.
    @exclusivity(unchecked) var expiredAt: LogTime?
    /// False for a placeholder: an envelope only named by another line (a hand-off target)
    /// whose own lines have not been read yet.
    @exclusivity(unchecked) var seenLine = true
    /// Set once the envelope has been handed to the analyze stage.
    @exclusivity(unchecked) var emitted = false

    init(key: EnvelopeKey, qid: String, host: UInt32, time: LogTime, sequence: Int) {
        self.key = key
        self.sequence = sequence
        self.qid = qid
        self.host = host
        self.firstSeen = time
        self.lastSeen = time
    }

    /// Index of the recipient with `address`, adding it when new; `makeAddress` gives the
    /// string kept for a new one.
    func recipientIndex(for address: UnsafeRawBufferPointer, makeAddress: (UnsafeRawBufferPointer) -> String) -> Int {
        let hash = Self.hash(address)
        if recipients.count <= Self.scanLimit {
            // By index: `for r in recipients` copied each whole RecipientState (retains included).
            for i in recipients.indices where recipients[i].addressHash == hash && Self.same(recipients[i].address, address) {
                return i
            }
        } else if let index = recipientSlots?[hash] {
            if Self.same(recipients[index].address, address) { return index }
            // Hash collision: fall back to a scan.
            for i in recipients.indices where Self.same(recipients[i].address, address) { return i }
        }
        recipients.append(RecipientState(address: makeAddress(address), addressHash: hash))
        let index = recipients.count - 1
        if recipients.count > Self.scanLimit {
            var slots = recipientSlots ?? [:]
            recipientSlots = nil  // one reference: the updates below do not copy the table
            if slots.isEmpty {
                for (i, r) in recipients.enumerated() where slots[r.addressHash] == nil {
                    slots[r.addressHash] = i
                }
            } else if slots[hash] == nil {
                slots[hash] = index
            }
            recipientSlots = slots
        }
        return index
    }

    /// `from=` as logged, for comparing a from= line read again (rare: built only then).
    var loggedSender: String? {
        guard let bare = bareSender else { return nil }
        return senderIsBracketed && bare != "<>" ? "<" + bare + ">" : bare
    }

    /// Every recipient has a final outcome, as many as the from= line announced (aliases can
    /// only add to that count), or sendmail said `done`.
    var isSettled: Bool {
        if doneSeen { return true }
        if !seenLine { return false }
        if recipients.isEmpty { return hasChildren }
        for i in recipients.indices where !recipients[i].final { return false }
        if let nrcpts, recipients.count < nrcpts, !hasChildren { return false }
        return true
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        ByteHash.hash(bytes)
    }

    private static func same(_ s: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var s = s
        return s.withUTF8 { ByteEquality.equal(UnsafeRawBufferPointer($0), bytes) }
    }
}
