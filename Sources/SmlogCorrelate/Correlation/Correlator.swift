import DequeModule
import SmlogParse

/// The correlate stage: ties the lines of each message together by (host, queue id), follows
/// the links sendmail logs (submission → MTA hand-off, clone/split children, notices) and
/// emits one `DeliveryRecord` per recipient as soon as its message is complete.
///
/// Memory holds only messages in flight: a message leaves as soon as it is complete, and
/// one idle for longer than the horizon (log time) is flushed as incomplete.
public struct Correlator {
    public let options: CorrelatorOptions
    private var hosts = HostTable()
    /// Strings of the values sendmail repeats (relays, mailers, dsn codes, ciphers, …).
    private let texts = TextCache()
    /// The live chains; envelopes name theirs by slot, the queues below by handle.
    private var chains = ChainTable()
    /// Envelopes in flight (and a few emitted ones still listed in a live chain), by slot.
    private var envelopes = SlotPool<Envelope>()
    /// Recipients of every envelope in flight, each envelope's a list through this pool.
    private var recipients = SlotPool<RecipientState>()
    /// The attempt details the recipients name, one per to= line, shared.
    private var details = AttemptDetailPool()
    /// The envelope slot of each (host, queue id) in flight.
    private var envelopeIndex = EnvelopeIndex()
    /// The envelope found or made last: the lines of one message mostly come one after
    /// another (from=, to=, done), and a key compare costs ~10 instructions where a table
    /// lookup cost ~170. Valid while its slot is live and it is not emitted.
    private var lastEnvelope: Int32 = -1
    /// Chains whose members are all settled and that sendmail said `done` for: emitted
    /// at the end of the current line.
    private var readyNow: [ChainHandle] = []
    // The queues name chains by handle: a chain that was emitted (or absorbed into another)
    // is freed at once, whatever entries still name it.
    /// Settled chains waiting `settleSeconds` for late lines of the same delivery run.
    private var settleQueue: Deque<WaitingChain> = []
    /// Settled chains received from the local submission program, waiting for the
    /// submission's hand-off line (`handoffSeconds`).
    private var handoffQueue: Deque<WaitingChain> = []
    /// Chains in creation order, checked lazily against the horizon.
    private var idleQueue: Deque<WaitingChain> = []
    /// Newest log time seen (lines are not strictly ordered).
    private var now = LogTime.zero
    /// Counts envelopes created, giving each its place in log order.
    private var created = 0
    /// No queue head is due before this log time (`drain` skips the queues until then).
    private var nextDrain: Int64 = .max
    /// The queue-id array of the last record, empty, for the next (see `emitChain`).
    private var spareQids: [String] = []

    /// Settled messages kept waiting for late lines, at most (memory bound).
    static let maximumWaiting = 50_000

    public init(options: CorrelatorOptions = CorrelatorOptions()) {
        self.options = options
    }

    /// Messages currently held (for tests and memory checks).
    public var envelopesInFlight: Int { envelopeIndex.count }

    // MARK: - Input

    /// Applies one parsed line. `line` is `inout` only so that it is passed by address: a
    /// borrowed 480-byte `ParsedLine` read from the parser's storage was copied before every
    /// call (~76 instructions a line). It is never modified.
    ///
    /// This closure form allocates once per call (`withoutActuallyEscaping` boxes the
    /// closure); per-line callers that count allocations use `consume(_:into:)`.
    public mutating func consume(_ line: inout ParsedLine, emit: (CorrelatedEvent) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            var sink = EventForwarder(emit: emit)
            consume(&line, into: &sink)
        }
    }

    /// `consume(_:emit:)` with the events handed to `sink` one kind at a time, without the
    /// `CorrelatedEvent` wrapping (see `CorrelatedEventSink`).
    public mutating func consume<Sink: CorrelatedEventSink>(_ line: inout ParsedLine, into sink: inout Sink) {
        let time = line.header.time
        if time > now { now = time }
        // Most lines of `smlog records` (TLS, sessions, milter, info) change no message and
        // make no event: they skip the host lookup and `apply` (~40 instructions a line).
        // Either call is the last thing done (a jump, not a call: fewer registers saved,
        // ~4 instructions a line); `apply` checks for a drain itself.
        if Self.matters(line, emitsLineEvents: options.emitsLineEvents) {
            apply(&line, time: time, into: &sink)
        } else if isDrainDue {
            drain(into: &sink)
        }
    }

    /// Whether `drain` has anything to do. Most lines leave nothing to do: checked after each
    /// line, the call (its set-up cost ~25 instructions a line) is made only when there is.
    /// A chain ready now or an idle queue past its limit sets `nextDrain` to `.min` (one
    /// compare a line instead of three).
    @inline(__always)
    private var isDrainDue: Bool { now.seconds >= nextDrain }

    /// The line changes a message, or it makes an event and events are wanted.
    @inline(__always)
    private static func matters(_ line: borrowing ParsedLine, emitsLineEvents: Bool) -> Bool {
        switch line.kind {
        case .received, .delivery, .notice, .clone, .split, .done, .discarded: true
        case .session: line.session == .collectError ? true : emitsLineEvents
        case .reject, .tls, .auth, .syserr, .queueTrouble: emitsLineEvents
        case .info: false
        }
    }

    /// `consume` for a line that `matters`, and the drain after it.
    @inline(never)
    private mutating func apply<Sink: CorrelatedEventSink>(_ line: inout ParsedLine, time: LogTime, into sink: inout Sink) {
        let hostID = hosts.id(for: Self.slice(line, line.header.host))

        switch line.kind {
        case .received: received(&line, hostID: hostID, into: &sink)
        case .delivery: delivery(&line, hostID: hostID, into: &sink)
        case .notice: notice(&line, hostID: hostID, into: &sink)
        case .clone:
            let children = line[.newQid]
            child(&line, hostID: hostID, children: children)
        case .split:
            let children = line[.ids]
            child(&line, hostID: hostID, children: children)
        case .done:
            if let envelope = existingOrNew(&line, hostID: hostID) {
                envelopes[envelope].doneSeen = true
                touched(envelopes[envelope].chain)
            }
        case .discarded:
            if let envelope = existingOrNew(&line, hostID: hostID) {
                discard(envelope, time: time)
                touched(envelopes[envelope].chain)
            }
        case .reject:
            if options.emitsLineEvents { sink.reject(rejectEvent(line, hostID: hostID)) }
        case .session:
            if line.session == .collectError, let envelope = existingOrNew(&line, hostID: hostID) {
                // The message body never arrived: the from= line sendmail logs next is not a message.
                envelopes[envelope].dataAborted = true
            }
            if options.emitsLineEvents { sink.session(sessionRecord(line, hostID: hostID)) }
        case .tls where options.emitsLineEvents:
            sink.tls(TLSRecord(
                host: hosts.name(hostID), time: time, side: line.side, relay: cached(line, .relay),
                version: cached(line, .version), verify: cached(line, .verify), cipher: cached(line, .cipher)))
        case .auth where options.emitsLineEvents:
            sink.auth(AuthRecord(
                host: hosts.name(hostID), time: time, side: line.side, outcome: line.authOutcome,
                mech: cached(line, .mech), relay: cached(line, .relay), text: cached(line, .text)))
        case .syserr where options.emitsLineEvents, .queueTrouble where options.emitsLineEvents:
            sink.systemError(SystemErrorRecord(
                time: time, host: hosts.name(hostID), qid: text(line, qidRange: line.qid),
                text: text(line, .text) ?? line.bytes.string(line.header.message)))
        case .info, .tls, .auth, .syserr, .queueTrouble:
            break
        }
        if isDrainDue { drain(into: &sink) }
    }

    /// End of input: every message still held is emitted; recipients without a final
    /// outcome are `pending`.
    public mutating func finish(emit: (CorrelatedEvent) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            var sink = EventForwarder(emit: emit)
            finish(into: &sink)
        }
    }

    /// `finish(emit:)` for a `CorrelatedEventSink`.
    public mutating func finish<Sink: CorrelatedEventSink>(into sink: inout Sink) {
        drain(into: &sink)
        var held: [ChainHandle] = []
        var seen = Set<Int32>()
        envelopeIndex.forEachSlot { envelope in
            guard !envelopes[envelope].emitted else { return }
            let chain = envelopes[envelope].chain
            if seen.insert(chain).inserted { held.append(chains.handle(chain)) }
        }
        // Creation order is log order: the same input always gives the same output.
        held.sort { a, b in envelopes[chains[a.slot].root].sequence < envelopes[chains[b.slot].root].sequence }
        for handle in held {
            if let chain = chains.chain(handle) { emitChain(chain, unfinished: .pending, into: &sink) }
        }
        envelopeIndex.removeAll()
        envelopes.removeAll()
        recipients.removeAll()
        details.removeAll()
        lastEnvelope = -1
        readyNow.removeAll()
        settleQueue.removeAll()
        handoffQueue.removeAll()
        idleQueue.removeAll()
        chains.removeAll()
    }

    // MARK: - Line kinds

    private mutating func received<Sink: CorrelatedEventSink>(_ line: inout ParsedLine, hostID: UInt32, into sink: inout Sink) {
        guard !line.qid.isEmpty else { return }
        let key = EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid))
        var existing = lookUp(key)
        if let old = existing, envelopes[old].hasFromLine {
            // The same from= line again (a log forwarded twice) changes nothing; a different one
            // for the same queue id is an id reused after the old message left the queue:
            // close the old message first.
            let size = TextScan.integer(Self.bytes(line, .size))
            if envelopes[old].msgid == text(line, .msgid), envelopes[old].size == size,
                envelopes[old].loggedSender == cached(line, .from)
            {
                touched(envelopes[old].chain)
                return
            }
            emitChain(envelopes[old].chain, unfinished: .pending, into: &sink)
            existing = lookUp(key)
        }
        // One table lookup for the usual new message (the one above), not two.
        let envelope: Int32
        if let existing {
            envelope = seen(existing, time: line.header.time)
        } else {
            envelope = newEnvelope(for: key, qidBytes: Self.slice(line, line.qid), time: line.header.time, placeholder: false)
        }
        let nrcpts = TextScan.integer(Self.bytes(line, .nrcpts))
        // Written in place through one pointer (a copy out and back would retain every
        // string; a pool access per field checked the slot and the pool's uniqueness each time).
        // No envelope is added or removed until the last use of `from`.
        let from = envelopes.mutablePointer(envelope)
        from.pointee.hasFromLine = true
        Self.setSender(of: &from.pointee, Self.bytes(line, .from), texts: texts)
        from.pointee.size = TextScan.integer(Self.bytes(line, .size))
        from.pointee.nrcpts = nrcpts
        from.pointee.msgid = text(line, .msgid)
        from.pointee.clientRelay = cached(line, .relay)
        from.pointee.proto = cached(line, .proto)
        from.pointee.receivedFromLocalhost = line.has(.proto) && RelayName.isLocalMTA(Self.bytes(line, .relay))
        let dropped = (nrcpts == 0 || from.pointee.dataAborted) && from.pointee.recipientCount == 0
            && !from.pointee.hasChildren
        if dropped {
            // nrcpts=0: the SMTP transaction was aborted or every RCPT refused; a collect
            // error: the client went away during DATA. Either way there is no message.
            envelopeIndex.remove(key, in: envelopes)
            envelopes[envelope].emitted = true
            // A chain of this envelope alone is gone with it; one it was merged into lives on
            // (and frees this envelope's slot when it is emitted).
            let chain = envelopes[envelope].chain
            envelopes[envelope].chain = -1
            if chains[chain].root == envelope, chains[chain].last == envelope {
                chains.remove(chain)
                envelopes.remove(envelope)
            }
            return
        }
        touched(envelopes[envelope].chain)
    }

    private mutating func delivery<Sink: CorrelatedEventSink>(_ line: inout ParsedLine, hostID: UInt32, into sink: inout Sink) {
        guard !line.qid.isEmpty else { return }
        let key = EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid))
        let envelope = envelope(for: key, line: &line)
        let time = line.header.time
        let stat = Self.bytes(line, .stat)
        let relay = Self.bytes(line, .relay)
        let outcome = AttemptClassifier.outcome(
            stat: stat, dsn: Self.bytes(line, .dsn), hasMailer: line.has(.mailer))
        let towardLocalMTA = RelayName.isLocalMTA(relay)
        let downstream = outcome == .sent ? SentReply.downstreamQueueID(inStat: line[.stat], of: line.bytes) : nil
        var handoffTarget: Int32?
        if towardLocalMTA, let downstream, SentReply.isSendmailHandOff(stat: line[.stat], of: line.bytes) {
            let id = Self.slice(line, downstream)
            handoffTarget = self.envelope(for: EnvelopeKey(host: hostID, qid: id), qidBytes: id, time: time, placeholder: true)
        }
        let handoffKey = handoffTarget.map { envelopes[$0].key }
        let isHandoff = towardLocalMTA && (outcome == .deferred || handoffTarget != nil)
        // A `Sent (…)` reply mostly names the next hop's queue id: unique, not worth caching.
        let statText = AttemptClassifier.startsWith(stat, "Sent (") ? TextScan.optionalString(stat) : texts.optionalString(stat)
        // Built in the pool's insert call: a local detail was copied into the pool and then
        // destroyed (five strings retained and released, ~300 instructions a to= line).
        let detailSlot = details.add(AttemptDetail(
            relay: texts.optionalString(relay), mailer: cached(line, .mailer), dsn: cached(line, .dsn),
            stat: statText, reply: cached(line, .reply),
            delay: SendmailDuration.seconds(of: line[.delay], in: line.bytes),
            xdelay: SendmailDuration.seconds(of: line[.xdelay], in: line.bytes)))
        let downstreamQid = handoffTarget == nil ? downstream.map(line.bytes.string) : nil

        var count = 0
        var users: Int32 = 0  // recipients now naming the detail (an address listed twice counts once)
        for element in RecipientList(line.bytes, line[.to]) {
            count += 1
            let index = recipientIndex(of: envelope, for: TextScan.normalizedAddress(Self.slice(line, element)))
            // Through one pointer, and the detail's count set once after the loop: one pool
            // access per recipient instead of three.
            let recipient = recipients.mutablePointer(index)
            let previous = recipient.pointee.last
            recipient.pointee.last = detailSlot
            Self.apply(outcome, downstreamQid: downstreamQid, to: &recipient.pointee, handoff: handoffKey, time: time)
            if previous != detailSlot {
                users += 1
                details.drop(previous)
            }
        }
        details.setUsers(detailSlot, users)
        if let target = handoffTarget {
            merge(envelopes[target].chain, into: envelopes[envelope].chain)
        }
        let chain = envelopes[envelope].chain
        if options.emitsLineEvents {
            var event = AttemptEvent(
                host: hosts.name(hostID), time: time, qid: envelopes[envelope].qid, outcome: outcome,
                recipientCount: count, relay: nil, mailer: nil, dsn: nil, stat: nil, reply: nil,
                delay: nil, xdelay: nil, isHandoff: isHandoff, isNotice: kind(of: chain) == .dsn)
            // The detail's strings lent to the event and taken back after the call: copies
            // retained and released five strings a to= line.
            details.lend(detailSlot, to: &event)
            sink.attempt(event)
            details.lend(detailSlot, to: &event)
        }
        // No recipient named it: nothing else will free it.
        if users == 0 { details.drop(detailSlot) }
        touched(chain)
    }

    private static func apply(
        _ outcome: AttemptOutcome, downstreamQid: String?, to recipient: inout RecipientState,
        handoff: EnvelopeKey?, time: LogTime
    ) {
        recipient.downstreamQid = downstreamQid
        if outcome != .queued { recipient.attempts += 1 }
        if outcome == .deferred { recipient.deferrals += 1 }
        recipient.outcome = outcome
        switch outcome {
        case .sent:
            recipient.final = true
            recipient.completed = time
            if let handoff {
                recipient.handedOffTo = handoff
            } else {
                recipient.status = .delivered
            }
        case .bounced: Self.finalize(&recipient, .bounced, time)
        case .discarded: Self.finalize(&recipient, .discarded, time)
        case .quarantined: Self.finalize(&recipient, .quarantined, time)
        case .rejected: Self.finalize(&recipient, .rejected, time)
        case .deferred, .queued:
            if !recipient.final { recipient.status = .pending }
        }
    }

    private static func finalize(_ recipient: inout RecipientState, _ status: DeliveryStatus, _ time: LogTime) {
        recipient.final = true
        recipient.status = status
        recipient.completed = time
    }

    private mutating func notice<Sink: CorrelatedEventSink>(_ line: inout ParsedLine, hostID: UInt32, into sink: inout Sink) {
        guard !line.qid.isEmpty, line.has(.newQid) else { return }
        let time = line.header.time
        let parent = envelope(for: EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid)), line: &line)
        let newQid = Self.bytes(line, .newQid)
        let child = envelope(for: EnvelopeKey(host: hostID, qid: newQid), qidBytes: newQid, time: time, placeholder: false)
        envelopes[child].notice = line.notice
        envelopes[child].parentQid = envelopes[parent].qid
        let reason = Self.bytes(line, .reason)
        if AttemptClassifier.isQueueTimeout(reason) {
            // The queue lifetime ran out: every recipient still waiting has failed. The
            // attempt's relay, mailer, reply and delays stay those of the last attempt.
            let stat = texts.string(reason)
            var slot = envelopes[parent].firstRecipient
            while slot >= 0 {
                if !recipients[slot].final {
                    let previous = recipients[slot].last
                    var expired = previous >= 0 ? details[previous] : AttemptDetail()
                    expired.dsn = "4.4.7"
                    expired.stat = stat
                    details.point(&recipients[slot].last, at: details.add(expired))
                    Self.finalize(&recipients[slot], .bounced, time)
                }
                slot = recipients[slot].next
            }
        }
        if options.emitsLineEvents {
            sink.notice(NoticeEvent(
                time: time, host: hosts.name(hostID), parentQid: envelopes[parent].qid, noticeQid: envelopes[child].qid,
                kind: line.notice, reason: texts.string(reason)))
        }
        touched(envelopes[parent].chain)
        touched(envelopes[child].chain)
    }

    private mutating func child(_ line: inout ParsedLine, hostID: UInt32, children: ByteRange) {
        guard !line.qid.isEmpty, !children.isEmpty else { return }
        let time = line.header.time
        let original = envelope(for: EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid)), line: &line)
        envelopes[original].hasChildren = true
        TextScan.forEachElement(Self.slice(line, children), separator: UInt8(ascii: ";")) { id in
            let child = envelope(for: EnvelopeKey(host: hostID, qid: id), qidBytes: id, time: time, placeholder: false)
            merge(envelopes[child].chain, into: envelopes[original].chain)
        }
        touched(envelopes[original].chain)
    }

    private mutating func discard(_ envelope: Int32, time: LogTime) {
        envelopes[envelope].doneSeen = true
        var slot = envelopes[envelope].firstRecipient
        while slot >= 0 {
            if !recipients[slot].final { Self.finalize(&recipients[slot], .discarded, time) }
            slot = recipients[slot].next
        }
    }

    // MARK: - Envelope table

    private mutating func existingOrNew(_ line: inout ParsedLine, hostID: UInt32) -> Int32? {
        guard !line.qid.isEmpty else { return nil }
        return envelope(for: EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid)), line: &line)
    }

    private mutating func envelope(for key: EnvelopeKey, line: inout ParsedLine) -> Int32 {
        envelope(for: key, qidBytes: Self.slice(line, line.qid), time: line.header.time, placeholder: false)
    }

    /// The envelope for `key`, created when new. A placeholder is an envelope only named by
    /// another line (a hand-off target) whose own lines have not been read yet.
    private mutating func envelope(
        for key: EnvelopeKey, qidBytes: UnsafeRawBufferPointer, time: LogTime, placeholder: Bool
    ) -> Int32 {
        if let existing = lookUp(key) {
            return placeholder ? existing : seen(existing, time: time)
        }
        return newEnvelope(for: key, qidBytes: qidBytes, time: time, placeholder: placeholder)
    }

    /// The envelope held under `key`, if any: the last one found when it is the same.
    @inline(__always)
    private mutating func lookUp(_ key: EnvelopeKey) -> Int32? {
        let last = lastEnvelope
        if envelopes.isLive(last), !envelopes[last].emitted, envelopes[last].key == key { return last }
        let found = envelopeIndex.slot(for: key, in: envelopes)
        if let found { lastEnvelope = found }
        return found
    }

    /// Notes a line of `envelope` read at `time`.
    private mutating func seen(_ envelope: Int32, time: LogTime) -> Int32 {
        let seen = envelopes.mutablePointer(envelope)  // one slot and uniqueness check, not three
        seen.pointee.seenLine = true
        if time > seen.pointee.lastSeen { seen.pointee.lastSeen = time }
        return envelope
    }

    private mutating func newEnvelope(
        for key: EnvelopeKey, qidBytes: UnsafeRawBufferPointer, time: LogTime, placeholder: Bool
    ) -> Int32 {
        created += 1
        // Built in the call: a local passed on was copied and then destroyed (~350 instructions).
        let envelope = envelopes.insert(Envelope(
            key: key, qid: TextScan.string(qidBytes), time: time, sequence: created, seenLine: !placeholder))
        let chain = chains.add(MessageChain(root: envelope, id: created))
        envelopes[envelope].chain = chain
        envelopeIndex.set(envelope, for: key, in: envelopes)
        lastEnvelope = envelope
        idleQueue.append(WaitingChain(due: time.seconds, generation: 0, chain: chains.handle(chain)))
        scheduleDrain(at: idleQueue.count > idleQueueLimit ? .min : Self.saturatingSum(time.seconds, options.horizonSeconds, 1))
        return envelope
    }

    /// Index of the recipient of `envelope` with `address`, adding it when new.
    private mutating func recipientIndex(of envelope: Int32, for address: UnsafeRawBufferPointer) -> Int32 {
        let hash = ByteHash.hash(address)
        if envelopes[envelope].recipientCount <= Envelope.scanLimit {
            var slot = envelopes[envelope].firstRecipient
            while slot >= 0 {
                let recipient = recipients.pointer(slot)
                if recipient.pointee.addressHash == hash, Self.same(recipient.pointee.address, address) { return slot }
                slot = recipient.pointee.next
            }
        } else if let found = envelopes[envelope].recipientSlots?[hash] {
            if Self.same(recipients[found].address, address) { return found }
            // Hash collision: fall back to a scan.
            var slot = envelopes[envelope].firstRecipient
            while slot >= 0 {
                if Self.same(recipients[slot].address, address) { return slot }
                slot = recipients[slot].next
            }
        }
        let added = recipients.insert(RecipientState(address: texts.string(address, hash: hash), addressHash: hash))
        // The envelope's list fields through one pointer (one slot and uniqueness check).
        let owner = envelopes.mutablePointer(envelope)
        let tail = owner.pointee.lastRecipient
        if tail >= 0 {
            recipients.mutablePointer(tail).pointee.next = added
        } else {
            owner.pointee.firstRecipient = added
        }
        owner.pointee.lastRecipient = added
        owner.pointee.recipientCount += 1
        if owner.pointee.recipientCount > Envelope.scanLimit {
            var slots = envelopes[envelope].recipientSlots ?? [:]
            envelopes[envelope].recipientSlots = nil  // one reference: the updates below do not copy the table
            if slots.isEmpty {
                var slot = envelopes[envelope].firstRecipient
                while slot >= 0 {
                    let hash = recipients[slot].addressHash
                    if slots[hash] == nil { slots[hash] = slot }
                    slot = recipients[slot].next
                }
            } else if slots[hash] == nil {
                slots[hash] = added
            }
            envelopes[envelope].recipientSlots = slots
        }
        return added
    }

    private static func same(_ s: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var s = s
        return s.withUTF8 { ByteEquality.equal(UnsafeRawBufferPointer($0), bytes) }
    }

    /// Frees `envelope`'s slot and its recipients' slots.
    private mutating func release(_ envelope: Int32) {
        var slot = envelopes[envelope].firstRecipient
        while slot >= 0 {
            let recipient = recipients.pointer(slot)
            let next = recipient.pointee.next
            details.drop(recipient.pointee.last)
            recipients.remove(slot)
            slot = next
        }
        envelopes.remove(envelope)
    }

    // MARK: - Chains

    /// Moves the members of `other` (in order) after those of `chain`; `other` is gone.
    private mutating func merge(_ other: Int32, into chain: Int32) {
        guard other != chain else { return }
        var member = chains[other].root
        while member >= 0 {
            envelopes[member].chain = chain
            member = envelopes[member].nextMember
        }
        envelopes[chains[chain].last].nextMember = chains[other].root
        chains[chain].last = chains[other].last
        chains.remove(other)
    }

    // Inlined, like the chain and envelope checks below: an out-of-line non-mutating call
    // from a mutating method copies the whole 264-byte correlator to pass `self` (~50
    // instructions a call).
    @inline(__always)
    private func kind(of chain: Int32) -> MessageKind {
        envelopes[chains[chain].root].notice == nil ? .mail : .dsn
    }

    /// Every member is settled (see `isSettled(_:)` of an envelope).
    @inline(__always)  // see kind(of:)
    private func isSettled(_ chain: Int32) -> Bool {
        isSettled(root: chains[chain].root)
    }

    /// `isSettled(_:)` of the chain whose first member is `root`.
    @inline(__always)  // see kind(of:)
    private func isSettled(root: Int32) -> Bool {
        var member = root
        while member >= 0 {
            let envelope = envelopes.pointer(member)
            if !isSettled(envelope) { return false }
            member = envelope.pointee.nextMember
        }
        return true
    }

    /// Every recipient has a final outcome, as many as the from= line announced (aliases can
    /// only add to that count), or sendmail said `done`. A hand-off target that is still only
    /// a placeholder (no line seen yet) is not settled.
    /// Reads the envelope in place through one pointer (one slot check for all its fields).
    @inline(__always)  // see kind(of:)
    private func isSettled(_ envelope: UnsafePointer<Envelope>) -> Bool {
        if envelope.pointee.doneSeen { return true }
        if !envelope.pointee.seenLine { return false }
        let count = envelope.pointee.recipientCount
        if count == 0 { return envelope.pointee.hasChildren }
        var slot = envelope.pointee.firstRecipient
        while slot >= 0 {
            let recipient = recipients.pointer(slot)
            if !recipient.pointee.final { return false }
            slot = recipient.pointee.next
        }
        if let nrcpts = envelope.pointee.nrcpts, Int(count) < nrcpts, !envelope.pointee.hasChildren { return false }
        return true
    }

    /// sendmail logged `done` for every member of the chain whose first member is `root`.
    @inline(__always)  // see kind(of:)
    private func allDone(root: Int32) -> Bool {
        var member = root
        while member >= 0 {
            let envelope = envelopes.pointer(member)
            if !envelope.pointee.doneSeen { return false }
            member = envelope.pointee.nextMember
        }
        return true
    }

    /// The newest line time of any member.
    private func lastSeen(_ chain: Int32) -> LogTime {
        let root = chains[chain].root
        var newest = envelopes[root].lastSeen
        var member = envelopes[root].nextMember
        while member >= 0 {
            newest = max(newest, envelopes[member].lastSeen)
            member = envelopes[member].nextMember
        }
        return newest
    }

    // MARK: - Completion

    /// Re-evaluates a chain after one of its members changed.
    private mutating func touched(_ chain: Int32) {
        // The chain read and bumped through one pointer (one slot and uniqueness check); no
        // chain is added or removed below.
        let entry = chains.mutablePointer(chain)
        entry.pointee.generation += 1
        let root = entry.pointee.root
        guard isSettled(root: root) else { return }
        let generation = entry.pointee.generation
        let handle = ChainHandle(slot: chain, id: entry.pointee.id)
        if envelopes[root].receivedFromLocalhost {
            let due = now.seconds + options.handoffSeconds
            handoffQueue.append(WaitingChain(due: due, generation: generation, chain: handle))
            scheduleDrain(at: handoffQueue.count > Self.maximumWaiting ? .min : due)
        } else if allDone(root: root) {
            readyNow.append(handle)
            scheduleDrain(at: .min)
        } else {
            let due = now.seconds + options.settleSeconds
            settleQueue.append(WaitingChain(due: due, generation: generation, chain: handle))
            scheduleDrain(at: settleQueue.count > Self.maximumWaiting ? .min : due)
        }
    }

    /// Emits the chains whose wait is over and flushes idle ones past the horizon.
    /// `consume` calls it after a line only when one of its three tasks may be due (log
    /// time reached `nextDrain`, which is `.min` when a chain is ready now or the idle queue
    /// outgrew its limit).
    private mutating func drain<Sink: CorrelatedEventSink>(into sink: inout Sink) {
        if !readyNow.isEmpty {
            for i in readyNow.indices {
                // A chain emitted or absorbed since it was queued has left the table.
                if let chain = chains.chain(readyNow[i]), isSettled(chain) {
                    emitChain(chain, unfinished: .pending, into: &sink)
                }
            }
            readyNow.removeAll(keepingCapacity: true)
        }
        // Entries of messages already emitted wait here until the horizon passes them; with a
        // 5-day horizon that is one entry per message of the last 5 days. Dropping them once
        // they outnumber the messages in flight keeps memory to the messages in flight
        // (amortised: the queue at least doubles between two passes).
        if idleQueue.count > idleQueueLimit {
            var queue = idleQueue
            idleQueue = []  // one reference: the removal below does not copy the queue
            queue.removeAll { isEmitted(chains.chain($0.chain)) }
            idleQueue = queue
        }
        // Most lines make nothing due: skip the queues until log time reaches their heads.
        guard now.seconds >= nextDrain else { return }
        // A log whose time goes backwards (files read out of order, a clock step) would keep
        // settled messages waiting until its time catches up: past a bound, the oldest go now.
        while let first = settleQueue.first, first.due <= now.seconds || settleQueue.count > Self.maximumWaiting {
            settleQueue.removeFirst()
            emitIfUnchanged(first, into: &sink)
        }
        while let first = handoffQueue.first, first.due <= now.seconds || handoffQueue.count > Self.maximumWaiting {
            handoffQueue.removeFirst()
            emitIfUnchanged(first, into: &sink)
        }
        while let first = idleQueue.first, first.due + options.horizonSeconds < now.seconds {
            idleQueue.removeFirst()
            guard let chain = chains.chain(first.chain), !isEmitted(chain) else { continue }
            let newest = lastSeen(chain).seconds
            if newest + options.horizonSeconds < now.seconds {
                emitChain(chain, unfinished: .incomplete, into: &sink)
            } else {
                idleQueue.append(WaitingChain(due: newest, generation: 0, chain: first.chain))
            }
        }
        // The earliest time at which a queue head is due again (the loops' conditions).
        nextDrain = .max
        if let first = settleQueue.first { nextDrain = min(nextDrain, first.due) }
        if let first = handoffQueue.first { nextDrain = min(nextDrain, first.due) }
        if let first = idleQueue.first {
            nextDrain = min(nextDrain, Self.saturatingSum(first.due, options.horizonSeconds, 1))
        }
    }

    /// Past this many entries, the idle queue drops those of messages already emitted.
    private var idleQueueLimit: Int { 2 * envelopeIndex.count + 1_024 }

    private mutating func scheduleDrain(at time: Int64) {
        if time < nextDrain { nextDrain = time }
    }

    private static func saturatingSum(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        let (ab, o1) = a.addingReportingOverflow(b)
        if o1 { return b > 0 ? .max : .min }
        let (abc, o2) = ab.addingReportingOverflow(c)
        if o2 { return c > 0 ? .max : .min }
        return abc
    }

    /// Emits the chain of a settle or hand-off entry whose wait is over, if it is still
    /// settled with nothing new since it was queued (a newer entry exists otherwise).
    private mutating func emitIfUnchanged<Sink: CorrelatedEventSink>(_ entry: WaitingChain, into sink: inout Sink) {
        guard let chain = chains.chain(entry.chain) else { return }
        if isEmitted(chain) || entry.generation != chains[chain].generation || !isSettled(chain) { return }
        emitChain(chain, unfinished: .pending, into: &sink)
    }

    /// The chain has left the table (nil), or its root was emitted: a from= line that
    /// announced no message drops an envelope a hand-off had already linked into a chain.
    @inline(__always)  // see kind(of:)
    private func isEmitted(_ chain: Int32?) -> Bool {
        guard let chain else { return true }
        return envelopes[chains[chain].root].emitted
    }

    // MARK: - Output

    private mutating func emitChain<Sink: CorrelatedEventSink>(_ chain: Int32, unfinished: DeliveryStatus, into sink: inout Sink) {
        let root = chains[chain].root
        guard !envelopes[root].emitted else { return }
        let kind = kind(of: chain)
        var memberCount = 0
        var fromHop: Int32 = -1
        var msgidHop: Int32 = -1
        var member = root
        while member >= 0 {
            let envelope = envelopes.pointer(member)
            memberCount += 1
            if fromHop < 0, envelope.pointee.hasFromLine { fromHop = member }
            if msgidHop < 0, envelope.pointee.msgid != nil { msgidHop = member }
            member = envelope.pointee.nextMember
        }
        // One record for the whole chain: the message's fields are set once, and only the
        // recipient's change from one record to the next. The members are freed below, so
        // their strings are moved into the record (swap), not copied: a record built anew
        // per recipient retained and released about 14 strings (~600 instructions).
        var record = DeliveryRecord(
            sender: kind == .dsn ? "<>" : chainSender(chain), recipient: "", status: unfinished, kind: kind,
            noticeKind: envelopes[root].notice, qids: [], parentQid: nil, msgid: nil,
            host: hosts.name(envelopes[root].host), size: fromHop >= 0 ? envelopes[fromHop].size : nil,
            // The first hop with a from= line (the root when it has one).
            received: envelopes[fromHop >= 0 ? fromHop : root].firstSeen, completed: nil, attempts: 0,
            deferrals: 0, relay: nil, mailer: nil, dsn: nil, delay: nil, xdelay: nil, stat: nil, reply: nil,
            clientRelay: nil, proto: nil, downstreamQid: nil)
        // The previous chain's array, emptied: its buffer is reused unless a sink kept it (one
        // malloc and free a message less, ~300 instructions). Sized at once: appending a second
        // member's id reallocated the array (~430 instructions).
        swap(&record.qids, &spareQids)
        record.qids.reserveCapacity(memberCount)
        member = root
        while member >= 0 {
            let envelope = envelopes.pointer(member)
            record.qids.append(envelope.pointee.qid)
            member = envelope.pointee.nextMember
        }
        swap(&record.parentQid, &envelopes[root].parentQid)
        if msgidHop >= 0 { swap(&record.msgid, &envelopes[msgidHop].msgid) }
        if fromHop >= 0 {
            swap(&record.clientRelay, &envelopes[fromHop].clientRelay)
            swap(&record.proto, &envelopes[fromHop].proto)
        }
        // The attempt detail whose fields the record holds (-1: none), kept for the next
        // recipient of the same to= line.
        var recordDetail: Int32 = -1
        var recordCount = 0
        var acceptedCount = 0
        member = root
        while member >= 0 {
            // Read in place (one slot check); the envelope pool does not change in this loop.
            let envelope = envelopes.pointer(member)
            if envelope.pointee.hasFromLine, envelope.pointee.recipientCount == 0, !envelope.pointee.hasChildren,
                let nrcpts = envelope.pointee.nrcpts
            {
                // Received, but no recipient logged yet (no delivery attempt before the input
                // ends): one pending record per announced recipient, address unknown.
                record.recipient = ""
                record.status = unfinished
                record.completed = nil
                record.attempts = 0
                record.deferrals = 0
                record.downstreamQid = nil
                details.copy(-1, into: &record)
                recordDetail = -1
                for _ in 0..<min(nrcpts, 10_000) {
                    recordCount += 1
                    acceptedCount += 1
                    sink.record(record)
                }
            }
            // Each recipient and its detail read in place in their pools: a copy of either
            // retained all its strings. The pools do not change while records are emitted.
            var slot = envelope.pointee.firstRecipient
            while slot >= 0 {
                let recipient = recipients.mutablePointer(slot)
                slot = recipient.pointee.next
                let final = recipient.pointee.final
                var status = final ? recipient.pointee.status : unfinished
                if let target = recipient.pointee.handedOffTo {
                    if let hop = envelopeIndex.slot(for: target, in: envelopes), envelopes[hop].seenLine, envelopes[hop].chain == chain { continue }
                    status = .relayed
                }
                recordCount += 1
                if status != .rejected { acceptedCount += 1 }
                record.status = status
                record.completed = final ? recipient.pointee.completed : nil
                record.attempts = recipient.pointee.attempts
                record.deferrals = recipient.pointee.deferrals
                swap(&record.recipient, &recipient.pointee.address)
                if status == .delivered {
                    swap(&record.downstreamQid, &recipient.pointee.downstreamQid)
                } else if record.downstreamQid != nil {
                    record.downstreamQid = nil
                }
                let detail = recipient.pointee.last
                if detail != recordDetail {
                    details.copy(detail, into: &record)
                    recordDetail = detail
                }
                sink.record(record)
            }
            member = envelope.pointee.nextMember
        }
        // A message every recipient of which was refused while it was being received was
        // never accepted: it has records (status rejected) but is not a received message.
        if options.emitsLineEvents, acceptedCount > 0 || (recordCount == 0 && envelopes[root].hasFromLine) {
            var summary = MessageSummary(
                qids: [], kind: kind, host: "", sender: nil, msgid: nil, size: record.size,
                nrcpts: fromHop >= 0 ? envelopes[fromHop].nrcpts : nil, recipients: recordCount,
                hasFromLine: fromHop >= 0, received: record.received, clientRelay: nil, proto: nil)
            // The record's strings lent to the summary and taken back after the call (copies
            // retained and released six values a message).
            Self.lend(&record, to: &summary)
            sink.message(summary)
            Self.lend(&record, to: &summary)
        }
        record.qids.removeAll(keepingCapacity: true)
        swap(&record.qids, &spareQids)
        // The members leave the index (not the rare other envelope filed under a member's
        // key: a newer message reusing a dropped member's id) and their slots are freed
        // with the chain's.
        member = root
        while member >= 0 {
            let envelope = envelopes.pointer(member)
            let next = envelope.pointee.nextMember
            envelopeIndex.remove(envelope.pointee.key, ifSlot: member)
            release(member)
            member = next
        }
        chains.remove(chain)
    }

    /// Swaps the message fields of `record` and `summary` (see `emitChain`).
    private static func lend(_ record: inout DeliveryRecord, to summary: inout MessageSummary) {
        swap(&record.qids, &summary.qids)
        swap(&record.host, &summary.host)
        swap(&record.sender, &summary.sender)
        swap(&record.msgid, &summary.msgid)
        swap(&record.clientRelay, &summary.clientRelay)
        swap(&record.proto, &summary.proto)
    }

    /// The envelope sender: the first hop's, unless it is a bare local user name and a later
    /// hop logged the qualified address (the MTA copy of a submission).
    @inline(__always)  // see kind(of:)
    private func chainSender(_ chain: Int32) -> String? {
        var first: String?
        var member = chains[chain].root
        while member >= 0 {
            defer { member = envelopes[member].nextMember }
            guard let bare = envelopes[member].bareSender else { continue }
            if first == nil {
                if envelopes[member].bareSenderIsFinal { return bare }
                first = bare
            } else if envelopes[member].bareSenderHasAt {
                return bare
            }
        }
        return first
    }

    /// Keeps the `from=` value as logged and as records show it (without angle brackets),
    /// worked out once per message on the bytes rather than per record on the string.
    private static func setSender(of envelope: inout Envelope, _ bytes: UnsafeRawBufferPointer, texts: TextCache) {
        guard !bytes.isEmpty else {
            envelope.bareSender = nil
            envelope.senderIsBracketed = false
            envelope.bareSenderIsFinal = false
            envelope.bareSenderHasAt = false
            return
        }
        let bare: String
        let hasAt: Bool
        let bracketed: Bool
        let scan = TextScan.asciiScan(bytes)
        if scan.isASCII {
            // ASCII: every byte is one Character, so byte tests match the String ones below.
            // The brackets are not `@`: the scan of the whole value answers for the inner part.
            bracketed = bytes.count >= 2 && bytes[0] == UInt8(ascii: "<") && bytes[bytes.count - 1] == UInt8(ascii: ">")
            let inner = bracketed ? UnsafeRawBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]) : bytes
            bare = inner.isEmpty ? "<>" : texts.string(inner)
            hasAt = scan.hasAt
        } else {
            let sender = texts.string(bytes)
            (bare, bracketed) = Self.bareAddress(sender)
            hasAt = bare.contains("@")
        }
        envelope.bareSender = bare
        envelope.senderIsBracketed = bracketed
        envelope.bareSenderHasAt = hasAt
        envelope.bareSenderIsFinal = hasAt || bare == "<>"
    }

    /// The sender without its angle brackets, and whether it had them.
    private static func bareAddress(_ sender: String) -> (bare: String, bracketed: Bool) {
        if sender == "<>" { return (sender, true) }
        var s = Substring(sender)
        let bracketed = s.hasPrefix("<") && s.hasSuffix(">")
        if bracketed { s = s.dropFirst().dropLast() }
        return (s.isEmpty ? "<>" : String(s), bracketed)
    }

    // MARK: - Helpers

    /// The bytes of `field` (empty when absent or out of the line). Inlined: the slice call
    /// of `LineBytes` cost ~40 instructions a field.
    @inline(__always)
    private static func bytes(_ line: borrowing ParsedLine, _ field: Field) -> UnsafeRawBufferPointer {
        slice(line, line[field])
    }

    @inline(__always)
    private static func slice(_ line: borrowing ParsedLine, _ range: ByteRange) -> UnsafeRawBufferPointer {
        let base = line.bytes.base
        guard range.lower >= 0, range.upper > range.lower, Int(range.upper) <= base.count else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(rebasing: base[Int(range.lower)..<Int(range.upper)])
    }

    /// A field value that is unique per line (or rarely repeated): decoded every time.
    @inline(__always)
    private func text(_ line: borrowing ParsedLine, _ field: Field) -> String? {
        TextScan.optionalString(Self.bytes(line, field))
    }

    /// A field value sendmail repeats from line to line: shared through the text cache.
    @inline(__always)
    private func cached(_ line: borrowing ParsedLine, _ field: Field) -> String? {
        texts.optionalString(Self.bytes(line, field))
    }

    private func text(_ line: borrowing ParsedLine, qidRange: ByteRange) -> String? {
        TextScan.optionalString(Self.slice(line, qidRange))
    }

    @inline(__always)
    private func rejectEvent(_ line: ParsedLine, hostID: UInt32) -> RejectEvent {
        let ruleset = cached(line, .ruleset) ?? (line.has(.milter) ? "milter" : "milter")
        return RejectEvent(
            host: hosts.name(hostID), time: line.header.time, qid: text(line, qidRange: line.qid),
            ruleset: ruleset, action: line.rejectAction, arg1: cached(line, .arg1), client: cached(line, .relay),
            text: cached(line, .reject) ?? cached(line, .quarantine) ?? cached(line, .text))
    }

    @inline(__always)
    private func sessionRecord(_ line: borrowing ParsedLine, hostID: UInt32) -> SessionRecord {
        return SessionRecord(
            host: hosts.name(hostID), time: line.header.time, kind: line.session, client: sessionClient(line),
            text: cached(line, .text))
    }

    /// `host [address]`, `[address]` or `host`: composed as bytes so a client seen before is
    /// found in the text cache (clients connect again and again).
    @inline(__always)
    private func sessionClient(_ line: borrowing ParsedLine) -> String? {
        let host = Self.bytes(line, .clientHost)
        let address = Self.bytes(line, .clientAddress)
        if address.isEmpty { return texts.optionalString(host) }
        let length = host.count + (host.isEmpty ? 0 : 1) + address.count + 2
        guard length <= TextCache.maximumLength else {
            let client = TextScan.optionalString(host)
            let address = TextScan.string(address)
            return client.map { "\($0) [\(address)]" } ?? "[\(address)]"
        }
        let texts = self.texts  // the closure captures the cache, not a copy of the correlator
        return withUnsafeTemporaryAllocation(byteCount: length, alignment: 1) { buffer in
            var n = 0
            func put(_ bytes: UnsafeRawBufferPointer) {
                UnsafeMutableRawBufferPointer(rebasing: buffer[n..<(n + bytes.count)]).copyMemory(from: bytes)
                n += bytes.count
            }
            func put(_ byte: UInt8) {
                buffer[n] = byte
                n += 1
            }
            if !host.isEmpty {
                put(host)
                put(UInt8(ascii: " "))
            }
            put(UInt8(ascii: "["))
            put(address)
            put(UInt8(ascii: "]"))
            return texts.string(UnsafeRawBufferPointer(buffer))
        }
    }
}
