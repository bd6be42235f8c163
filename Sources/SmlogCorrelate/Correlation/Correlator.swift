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
    /// The live chains; the queues below name them by handle.
    private var chains = ChainTable()
    private var envelopes: [EnvelopeKey: Envelope] = [:]
    /// The envelope found or made last: the lines of one message mostly come one after
    /// another (from=, to=, done), and a key compare costs ~10 instructions where a table
    /// lookup cost ~170. Valid while not emitted (an envelope leaves the table when emitted).
    private var lastEnvelope: Envelope?
    /// Chains whose members are all settled and that sendmail said `done` for: emitted
    /// at the end of the current line.
    private var readyNow: [MessageChain] = []
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

    /// Settled messages kept waiting for late lines, at most (memory bound).
    static let maximumWaiting = 50_000

    public init(options: CorrelatorOptions = CorrelatorOptions()) {
        self.options = options
    }

    /// Messages currently held (for tests and memory checks).
    public var envelopesInFlight: Int { envelopes.count }

    // MARK: - Input

    public mutating func consume(_ line: ParsedLine, emit: (CorrelatedEvent) -> Void) {
        let time = line.header.time
        if time > now { now = time }
        let hostID = hosts.id(for: Self.slice(line, line.header.host))

        switch line.kind {
        case .received: received(line, hostID: hostID, emit: emit)
        case .delivery: delivery(line, hostID: hostID, emit: emit)
        case .notice: notice(line, hostID: hostID, emit: emit)
        case .clone: child(line, hostID: hostID, children: line[.newQid])
        case .split: child(line, hostID: hostID, children: line[.ids])
        case .done:
            if let envelope = existingOrNew(line, hostID: hostID) {
                envelope.doneSeen = true
                touched(envelope.chain)
            }
        case .discarded:
            if let envelope = existingOrNew(line, hostID: hostID) {
                Self.discard(envelope, time: time)
                touched(envelope.chain)
            }
        case .reject:
            if options.emitsLineEvents { emit(.reject(rejectEvent(line, hostID: hostID))) }
        case .session:
            if line.session == .collectError, let envelope = existingOrNew(line, hostID: hostID) {
                // The message body never arrived: the from= line sendmail logs next is not a message.
                envelope.dataAborted = true
            }
            if options.emitsLineEvents { emit(.session(sessionRecord(line, hostID: hostID))) }
        case .tls where options.emitsLineEvents:
            emit(.tls(TLSRecord(
                host: hosts.name(hostID), time: time, side: line.side, relay: cached(line, .relay),
                version: cached(line, .version), verify: cached(line, .verify), cipher: cached(line, .cipher))))
        case .auth where options.emitsLineEvents:
            emit(.auth(AuthRecord(
                host: hosts.name(hostID), time: time, side: line.side, outcome: line.authOutcome,
                mech: cached(line, .mech), relay: cached(line, .relay), text: cached(line, .text))))
        case .syserr where options.emitsLineEvents, .queueTrouble where options.emitsLineEvents:
            emit(.systemError(SystemErrorRecord(
                time: time, host: hosts.name(hostID), qid: text(line, qidRange: line.qid),
                text: text(line, .text) ?? line.bytes.string(line.header.message))))
        case .info, .tls, .auth, .syserr, .queueTrouble:
            break
        }
        drain(emit: emit)
    }

    /// End of input: every message still held is emitted; recipients without a final
    /// outcome are `pending`.
    public mutating func finish(emit: (CorrelatedEvent) -> Void) {
        drain(emit: emit)
        var chains: [MessageChain] = []
        var seen = Set<ObjectIdentifier>()
        for (_, envelope) in envelopes where !envelope.emitted {
            if seen.insert(ObjectIdentifier(envelope.chain)).inserted { chains.append(envelope.chain) }
        }
        // Creation order is log order: the same input always gives the same output.
        chains.sort { a, b in a.root.sequence < b.root.sequence }
        for chain in chains { emitChain(chain, unfinished: .pending, emit: emit) }
        envelopes.removeAll()
        lastEnvelope = nil
        readyNow.removeAll()
        settleQueue.removeAll()
        handoffQueue.removeAll()
        idleQueue.removeAll()
        chains.removeAll()
    }

    // MARK: - Line kinds

    private mutating func received(_ line: ParsedLine, hostID: UInt32, emit: (CorrelatedEvent) -> Void) {
        guard !line.qid.isEmpty else { return }
        let key = EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid))
        var existing = lookUp(key)
        if let old = existing, old.hasFromLine {
            // The same from= line again (a log forwarded twice) changes nothing; a different one
            // for the same queue id is an id reused after the old message left the queue:
            // close the old message first.
            let size = TextScan.integer(Self.bytes(line, .size))
            if old.msgid == text(line, .msgid), old.size == size, old.loggedSender == cached(line, .from) {
                touched(old.chain)
                return
            }
            emitChain(old.chain, unfinished: .pending, emit: emit)
            existing = lookUp(key)
        }
        // One table lookup for the usual new message (the one above), not two.
        let envelope: Envelope
        if let existing {
            envelope = Self.seen(existing, time: line.header.time)
        } else {
            envelope = newEnvelope(for: key, qidBytes: Self.slice(line, line.qid), hostID: hostID, time: line.header.time, placeholder: false)
        }
        envelope.hasFromLine = true
        Self.setSender(of: envelope, Self.bytes(line, .from), texts: texts)
        envelope.size = TextScan.integer(Self.bytes(line, .size))
        envelope.nrcpts = TextScan.integer(Self.bytes(line, .nrcpts))
        if let nrcpts = envelope.nrcpts, nrcpts > 1, envelope.recipients.capacity < nrcpts {
            // Room for the announced recipients at once, not grown one by one (~400 instructions a growth).
            envelope.recipients.reserveCapacity(min(nrcpts, Envelope.scanLimit))
        }
        envelope.msgid = text(line, .msgid)
        envelope.clientRelay = cached(line, .relay)
        envelope.proto = cached(line, .proto)
        envelope.receivedFromLocalhost = line.has(.proto) && RelayName.isLocalMTA(Self.bytes(line, .relay))
        if envelope.nrcpts == 0 || envelope.dataAborted, envelope.recipients.isEmpty, !envelope.hasChildren {
            // nrcpts=0: the SMTP transaction was aborted or every RCPT refused; a collect
            // error: the client went away during DATA. Either way there is no message.
            envelopes[key] = nil
            envelope.emitted = true
            // A chain of this envelope alone is gone with it; one it was merged into lives on.
            if let chain = envelope.chain, chain.members.count == 1 { chains.remove(chain) }
            envelope.chain = nil  // breaks the envelope <-> chain cycle (see emitChain)
            return
        }
        touched(envelope.chain)
    }

    private mutating func delivery(_ line: borrowing ParsedLine, hostID: UInt32, emit: (CorrelatedEvent) -> Void) {
        guard !line.qid.isEmpty else { return }
        let key = EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid))
        let envelope = envelope(for: key, line: line, hostID: hostID)
        let time = line.header.time
        let stat = Self.bytes(line, .stat)
        let relay = Self.bytes(line, .relay)
        let outcome = AttemptClassifier.outcome(
            stat: stat, dsn: Self.bytes(line, .dsn), hasMailer: line.has(.mailer))
        let towardLocalMTA = RelayName.isLocalMTA(relay)
        let downstream = outcome == .sent ? SentReply.downstreamQueueID(inStat: line[.stat], of: line.bytes) : nil
        var handoffTarget: Envelope?
        if towardLocalMTA, let downstream, SentReply.isSendmailHandOff(stat: line[.stat], of: line.bytes) {
            let id = Self.slice(line, downstream)
            handoffTarget = self.envelope(for: EnvelopeKey(host: hostID, qid: id), qidBytes: id, hostID: hostID, time: time, placeholder: true)
        }
        let isHandoff = towardLocalMTA && (outcome == .deferred || handoffTarget != nil)
        // A `Sent (…)` reply mostly names the next hop's queue id: unique, not worth caching.
        let statText = AttemptClassifier.startsWith(stat, "Sent (") ? TextScan.optionalString(stat) : texts.optionalString(stat)
        let detail = AttemptDetail(
            time: time, relay: texts.optionalString(relay), mailer: cached(line, .mailer), dsn: cached(line, .dsn),
            stat: statText, reply: cached(line, .reply),
            delay: SendmailDuration.seconds(of: line[.delay], in: line.bytes),
            xdelay: SendmailDuration.seconds(of: line[.xdelay], in: line.bytes))
        let downstreamQid = handoffTarget == nil ? downstream.map(line.bytes.string) : nil

        var count = 0
        for element in RecipientList(line.bytes, line[.to]) {
            count += 1
            let index = envelope.recipientIndex(for: TextScan.normalizedAddress(Self.slice(line, element)), makeAddress: texts.string)
            Self.apply(outcome, detail: detail, downstreamQid: downstreamQid, to: &envelope.recipients[index], handoff: handoffTarget?.key, time: time)
        }
        if let target = handoffTarget {
            merge(target.chain, into: envelope.chain)
        }
        if options.emitsLineEvents { emit(.attempt(AttemptEvent(
            host: hosts.name(hostID), time: time, qid: envelope.qid, outcome: outcome, recipientCount: count,
            relay: detail.relay, mailer: detail.mailer, dsn: detail.dsn, stat: detail.stat, reply: detail.reply,
            delay: detail.delay, xdelay: detail.xdelay, isHandoff: isHandoff,
            isNotice: envelope.chain.kind == .dsn))) }
        touched(envelope.chain)
    }

    private static func apply(
        _ outcome: AttemptOutcome, detail: AttemptDetail, downstreamQid: String?, to recipient: inout RecipientState,
        handoff: EnvelopeKey?, time: LogTime
    ) {
        recipient.downstreamQid = downstreamQid
        if outcome != .queued { recipient.attempts += 1 }
        if outcome == .deferred { recipient.deferrals += 1 }
        recipient.outcome = outcome
        recipient.last = detail
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

    private mutating func notice(_ line: borrowing ParsedLine, hostID: UInt32, emit: (CorrelatedEvent) -> Void) {
        guard !line.qid.isEmpty, line.has(.newQid) else { return }
        let time = line.header.time
        let parent = envelope(for: EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid)), line: line, hostID: hostID)
        let newQid = Self.bytes(line, .newQid)
        let child = envelope(for: EnvelopeKey(host: hostID, qid: newQid), qidBytes: newQid, hostID: hostID, time: time, placeholder: false)
        child.notice = line.notice
        child.parentQid = parent.qid
        let reason = Self.bytes(line, .reason)
        if AttemptClassifier.isQueueTimeout(reason) {
            // The queue lifetime ran out: every recipient still waiting has failed.
            let detail = AttemptDetail(
                time: time, relay: nil, mailer: nil, dsn: "4.4.7", stat: texts.string(reason),
                reply: nil, delay: nil, xdelay: nil)
            for i in parent.recipients.indices where !parent.recipients[i].final {
                let previous = parent.recipients[i].last
                parent.recipients[i].last = AttemptDetail(
                    time: time, relay: previous?.relay, mailer: previous?.mailer, dsn: detail.dsn,
                    stat: detail.stat, reply: previous?.reply, delay: previous?.delay, xdelay: previous?.xdelay)
                Self.finalize(&parent.recipients[i], .bounced, time)
            }
            parent.expiredAt = time
        }
        if options.emitsLineEvents {
            emit(.notice(NoticeEvent(
                time: time, host: hosts.name(hostID), parentQid: parent.qid, noticeQid: child.qid,
                kind: line.notice, reason: texts.string(reason))))
        }
        touched(parent.chain)
        touched(child.chain)
    }

    private mutating func child(_ line: borrowing ParsedLine, hostID: UInt32, children: ByteRange) {
        guard !line.qid.isEmpty, !children.isEmpty else { return }
        let time = line.header.time
        let original = envelope(for: EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid)), line: line, hostID: hostID)
        original.hasChildren = true
        TextScan.forEachElement(Self.slice(line, children), separator: UInt8(ascii: ";")) { id in
            let child = envelope(for: EnvelopeKey(host: hostID, qid: id), qidBytes: id, hostID: hostID, time: time, placeholder: false)
            merge(child.chain, into: original.chain)
        }
        touched(original.chain)
    }

    private static func discard(_ envelope: Envelope, time: LogTime) {
        envelope.doneSeen = true
        for i in envelope.recipients.indices where !envelope.recipients[i].final {
            Self.finalize(&envelope.recipients[i], .discarded, time)
        }
    }

    // MARK: - Envelope table

    private mutating func existingOrNew(_ line: borrowing ParsedLine, hostID: UInt32) -> Envelope? {
        guard !line.qid.isEmpty else { return nil }
        return envelope(for: EnvelopeKey(host: hostID, qid: Self.slice(line, line.qid)), line: line, hostID: hostID)
    }

    private mutating func envelope(for key: EnvelopeKey, line: borrowing ParsedLine, hostID: UInt32) -> Envelope {
        envelope(for: key, qidBytes: Self.slice(line, line.qid), hostID: hostID, time: line.header.time, placeholder: false)
    }

    /// The envelope for `key`, created when new. A placeholder is an envelope only named by
    /// another line (a hand-off target) whose own lines have not been read yet.
    private mutating func envelope(
        for key: EnvelopeKey, qidBytes: UnsafeRawBufferPointer, hostID: UInt32, time: LogTime, placeholder: Bool
    ) -> Envelope {
        if let existing = lookUp(key) {
            return placeholder ? existing : Self.seen(existing, time: time)
        }
        return newEnvelope(for: key, qidBytes: qidBytes, hostID: hostID, time: time, placeholder: placeholder)
    }

    /// The envelope held under `key`, if any: the last one found when it is the same.
    @inline(__always)
    private mutating func lookUp(_ key: EnvelopeKey) -> Envelope? {
        if let last = lastEnvelope, !last.emitted, last.key == key { return last }
        let found = envelopes[key]
        if found != nil { lastEnvelope = found }
        return found
    }

    /// Notes a line of `envelope` read at `time`.
    private static func seen(_ envelope: Envelope, time: LogTime) -> Envelope {
        envelope.seenLine = true
        if time > envelope.lastSeen { envelope.lastSeen = time }
        return envelope
    }

    private mutating func newEnvelope(
        for key: EnvelopeKey, qidBytes: UnsafeRawBufferPointer, hostID: UInt32, time: LogTime, placeholder: Bool
    ) -> Envelope {
        created += 1
        let envelope = Envelope(key: key, qid: TextScan.string(qidBytes), host: hostID, time: time, sequence: created)
        envelope.seenLine = !placeholder
        let chain = MessageChain(root: envelope)
        envelope.chain = chain
        chains.add(chain)
        envelopes[key] = envelope
        lastEnvelope = envelope
        idleQueue.append(WaitingChain(due: time.seconds, generation: 0, chain: ChainHandle(chain)))
        scheduleDrain(at: Self.saturatingSum(time.seconds, options.horizonSeconds, 1))
        return envelope
    }

    /// Moves the members of `other` into `chain`; `other` is gone.
    private mutating func merge(_ other: MessageChain, into chain: MessageChain) {
        guard other !== chain else { return }
        chain.absorb(other)
        chains.remove(other)
    }

    // MARK: - Completion

    /// Re-evaluates a chain after one of its members changed.
    private mutating func touched(_ chain: MessageChain) {
        chain.generation += 1
        guard chain.isSettled else {
            chain.settledAt = nil
            return
        }
        if chain.settledAt == nil { chain.settledAt = now }
        if chain.root.receivedFromLocalhost {
            let due = now.seconds + options.handoffSeconds
            handoffQueue.append(WaitingChain(due: due, generation: chain.generation, chain: ChainHandle(chain)))
            scheduleDrain(at: handoffQueue.count > Self.maximumWaiting ? .min : due)
        } else if chain.allDone {
            readyNow.append(chain)
        } else {
            let due = now.seconds + options.settleSeconds
            settleQueue.append(WaitingChain(due: due, generation: chain.generation, chain: ChainHandle(chain)))
            scheduleDrain(at: settleQueue.count > Self.maximumWaiting ? .min : due)
        }
    }

    /// Emits the chains whose wait is over and flushes idle ones past the horizon.
    /// Runs after every line: when nothing is due it only reads the head of each queue.
    private mutating func drain(emit: (CorrelatedEvent) -> Void) {
        if !readyNow.isEmpty {
            for chain in readyNow where chain.isSettled {
                emitChain(chain, unfinished: .pending, emit: emit)
            }
            readyNow.removeAll(keepingCapacity: true)
        }
        // Entries of messages already emitted wait here until the horizon passes them; with a
        // 5-day horizon that is one entry per message of the last 5 days. Dropping them once
        // they outnumber the messages in flight keeps memory to the messages in flight
        // (amortised: the queue at least doubles between two passes).
        if idleQueue.count > 2 * envelopes.count + 1_024 {
            let table = chains
            idleQueue.removeAll { table.chain($0.chain).map { $0.root.emitted } ?? true }
        }
        // Most lines make nothing due: skip the queues until log time reaches their heads.
        guard now.seconds >= nextDrain else { return }
        // A log whose time goes backwards (files read out of order, a clock step) would keep
        // settled messages waiting until its time catches up: past a bound, the oldest go now.
        while let first = settleQueue.first, first.due <= now.seconds || settleQueue.count > Self.maximumWaiting {
            settleQueue.removeFirst()
            emitIfUnchanged(first, emit: emit)
        }
        while let first = handoffQueue.first, first.due <= now.seconds || handoffQueue.count > Self.maximumWaiting {
            handoffQueue.removeFirst()
            emitIfUnchanged(first, emit: emit)
        }
        while let first = idleQueue.first, first.due + options.horizonSeconds < now.seconds {
            idleQueue.removeFirst()
            guard let chain = chains.chain(first.chain), !chain.root.emitted else { continue }
            let newest = chain.lastSeen.seconds
            if newest + options.horizonSeconds < now.seconds {
                emitChain(chain, unfinished: .incomplete, emit: emit)
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
    private mutating func emitIfUnchanged(_ entry: WaitingChain, emit: (CorrelatedEvent) -> Void) {
        guard let chain = chains.chain(entry.chain) else { return }
        if chain.root.emitted || entry.generation != chain.generation || !chain.isSettled { return }
        emitChain(chain, unfinished: .pending, emit: emit)
    }

    // MARK: - Output

    private mutating func emitChain(_ chain: MessageChain, unfinished: DeliveryStatus, emit: (CorrelatedEvent) -> Void) {
        guard !chain.root.emitted else { return }
        let root = chain.root
        let kind = chain.kind
        let members = chain.members
        let qids = members.map { $0.qid }
        let sender = kind == .dsn ? "<>" : Self.chainSender(members)
        let fromHop = members.first { $0.hasFromLine }
        let received = root.hasFromLine ? root.firstSeen : (fromHop?.firstSeen ?? root.firstSeen)
        let msgid = members.first { $0.msgid != nil }?.msgid
        let host = hosts.name(root.host)
        let size = fromHop?.size
        // Read once per message, not once per record (each read of a class property is an access check).
        let notice = root.notice
        let parentQid = root.parentQid
        let clientRelay = fromHop?.clientRelay
        let proto = fromHop?.proto
        var recordCount = 0
        var acceptedCount = 0
        for envelope in members {
            if envelope.hasFromLine, envelope.recipients.isEmpty, !envelope.hasChildren, let nrcpts = envelope.nrcpts {
                // Received, but no recipient logged yet (no delivery attempt before the input
                // ends): one pending record per announced recipient, address unknown.
                for _ in 0..<min(nrcpts, 10_000) {
                    recordCount += 1
                    acceptedCount += 1
                    emit(.record(DeliveryRecord(
                        sender: sender, recipient: "", status: unfinished, kind: kind, noticeKind: notice,
                        qids: qids, parentQid: parentQid, msgid: msgid, host: host, size: size,
                        received: received, completed: nil, attempts: 0, deferrals: 0, relay: nil, mailer: nil,
                        dsn: nil, delay: nil, xdelay: nil, stat: nil, reply: nil, clientRelay: clientRelay,
                        proto: proto, downstreamQid: nil)))
                }
            }
            // Fields read in place: iterating copied each whole RecipientState.
            let recipients = envelope.recipients
            for i in recipients.indices {
                var status = recipients[i].final ? recipients[i].status : unfinished
                if let target = recipients[i].handedOffTo {
                    if let hop = envelopes[target], hop.seenLine, hop.chain === chain { continue }
                    status = .relayed
                }
                let detail = recipients[i].last
                recordCount += 1
                if status != .rejected { acceptedCount += 1 }
                // The memberwise initializer (sender first): built in place, see DeliveryRecord.
                emit(.record(DeliveryRecord(
                    sender: sender, recipient: recipients[i].address, status: status, kind: kind,
                    noticeKind: notice, qids: qids, parentQid: parentQid, msgid: msgid, host: host,
                    size: size, received: received, completed: recipients[i].final ? recipients[i].completed : nil,
                    attempts: recipients[i].attempts, deferrals: recipients[i].deferrals, relay: detail?.relay,
                    mailer: detail?.mailer, dsn: detail?.dsn, delay: detail?.delay, xdelay: detail?.xdelay,
                    stat: detail?.stat, reply: detail?.reply, clientRelay: clientRelay,
                    proto: proto,
                    downstreamQid: status == .delivered ? recipients[i].downstreamQid : nil)))
            }
        }
        // A message every recipient of which was refused while it was being received was
        // never accepted: it has records (status rejected) but is not a received message.
        if options.emitsLineEvents, acceptedCount > 0 || (recordCount == 0 && root.hasFromLine) {
            emit(.message(MessageSummary(
                qids: qids, kind: kind, host: host, sender: sender, msgid: msgid, size: size,
                nrcpts: fromHop?.nrcpts, recipients: recordCount, hasFromLine: fromHop != nil,
                received: received, clientRelay: clientRelay, proto: proto)))
        }
        for envelope in members {
            envelope.emitted = true
            // One lookup: put back the rare other envelope found under the key.
            if let removed = envelopes.removeValue(forKey: envelope.key), removed !== envelope {
                envelopes[envelope.key] = removed
            }
        }
        // An envelope and its chain point at each other: without this, every message
        // emitted stayed in memory for good.
        chain.dissolve()
        chains.remove(chain)
    }

    /// The envelope sender: the first hop's, unless it is a bare local user name and a later
    /// hop logged the qualified address (the MTA copy of a submission).
    private static func chainSender(_ members: ChainMembers) -> String? {
        var first: String?
        for envelope in members {
            guard let bare = envelope.bareSender else { continue }
            if first == nil {
                if envelope.bareSenderIsFinal { return bare }
                first = bare
            } else if envelope.bareSenderHasAt {
                return bare
            }
        }
        return first
    }

    /// Keeps the `from=` value as logged and as records show it (without angle brackets),
    /// worked out once per message on the bytes rather than per record on the string.
    private static func setSender(of envelope: Envelope, _ bytes: UnsafeRawBufferPointer, texts: TextCache) {
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
