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
    private var envelopes: [EnvelopeKey: Envelope] = [:]
    /// Chains whose members are all settled and that sendmail said `done` for: emitted
    /// at the end of the current line.
    private var readyNow: [MessageChain] = []
    // The queues hold chains weakly: a chain that was emitted (or absorbed into another)
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
        let hostID = hosts.id(for: line.bytes.slice(line.header.host))

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
                discard(envelope, time: time)
                touched(envelope.chain)
            }
        case .reject: emit(.reject(rejectEvent(line, hostID: hostID)))
        case .session:
            if line.session == .collectError, let envelope = existingOrNew(line, hostID: hostID) {
                // The message body never arrived: the from= line sendmail logs next is not a message.
                envelope.dataAborted = true
            }
            emit(.session(sessionRecord(line, hostID: hostID)))
        case .tls:
            emit(.tls(TLSRecord(
                time: time, host: hosts.name(hostID), side: line.side, relay: text(line, .relay),
                version: text(line, .version), verify: text(line, .verify), cipher: text(line, .cipher))))
        case .auth:
            emit(.auth(AuthRecord(
                time: time, host: hosts.name(hostID), side: line.side, outcome: line.authOutcome,
                mech: text(line, .mech), relay: text(line, .relay), text: text(line, .text))))
        case .syserr, .queueTrouble:
            emit(.systemError(SystemErrorRecord(
                time: time, host: hosts.name(hostID), qid: text(line, qidRange: line.qid),
                text: text(line, .text) ?? line.bytes.string(line.header.message))))
        case .info:
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
        readyNow.removeAll()
        settleQueue.removeAll()
        handoffQueue.removeAll()
        idleQueue.removeAll()
    }

    // MARK: - Line kinds

    private mutating func received(_ line: ParsedLine, hostID: UInt32, emit: (CorrelatedEvent) -> Void) {
        guard !line.qid.isEmpty else { return }
        let key = EnvelopeKey(host: hostID, qid: line.bytes.slice(line.qid))
        if let old = envelopes[key], old.hasFromLine {
            // The same from= line again (a log forwarded twice) changes nothing; a different one
            // for the same queue id is an id reused after the old message left the queue:
            // close the old message first.
            let size = TextScan.integer(line.bytes.slice(line[.size]))
            if old.msgid == text(line, .msgid), old.size == size, old.sender == text(line, .from) {
                touched(old.chain)
                return
            }
            emitChain(old.chain, unfinished: .pending, emit: emit)
        }
        let envelope = envelope(for: key, line: line, hostID: hostID)
        envelope.hasFromLine = true
        envelope.sender = text(line, .from)
        envelope.size = TextScan.integer(line.bytes.slice(line[.size]))
        envelope.nrcpts = TextScan.integer(line.bytes.slice(line[.nrcpts]))
        envelope.msgid = text(line, .msgid)
        envelope.clientRelay = text(line, .relay)
        envelope.proto = text(line, .proto)
        envelope.receivedFromLocalhost = line.has(.proto) && RelayName.isLocalMTA(line.bytes.slice(line[.relay]))
        if envelope.nrcpts == 0 || envelope.dataAborted, envelope.recipients.isEmpty, !envelope.hasChildren {
            // nrcpts=0: the SMTP transaction was aborted or every RCPT refused; a collect
            // error: the client went away during DATA. Either way there is no message.
            envelopes[key] = nil
            envelope.emitted = true
            envelope.chain = nil  // breaks the envelope <-> chain cycle (see emitChain)
            return
        }
        touched(envelope.chain)
    }

    private mutating func delivery(_ line: ParsedLine, hostID: UInt32, emit: (CorrelatedEvent) -> Void) {
        guard !line.qid.isEmpty else { return }
        let key = EnvelopeKey(host: hostID, qid: line.bytes.slice(line.qid))
        let envelope = envelope(for: key, line: line, hostID: hostID)
        let time = line.header.time
        let stat = line.bytes.slice(line[.stat])
        let relay = line.bytes.slice(line[.relay])
        let outcome = AttemptClassifier.outcome(
            stat: stat, dsn: line.bytes.slice(line[.dsn]), hasMailer: line.has(.mailer))
        let towardLocalMTA = RelayName.isLocalMTA(relay)
        var handoffTarget: Envelope?
        if towardLocalMTA, outcome == .sent, SentReply.isSendmailHandOff(stat: line[.stat], of: line.bytes),
            let downstream = SentReply.downstreamQueueID(inStat: line[.stat], of: line.bytes)
        {
            let id = line.bytes.slice(downstream)
            handoffTarget = self.envelope(for: EnvelopeKey(host: hostID, qid: id), qidBytes: id, hostID: hostID, time: time, placeholder: true)
        }
        let isHandoff = towardLocalMTA && (outcome == .deferred || handoffTarget != nil)
        let detail = AttemptDetail(
            time: time, relay: text(line, .relay), mailer: text(line, .mailer), dsn: text(line, .dsn),
            stat: text(line, .stat), reply: text(line, .reply),
            delay: SendmailDuration.seconds(of: line[.delay], in: line.bytes),
            xdelay: SendmailDuration.seconds(of: line[.xdelay], in: line.bytes))
        let downstreamQid = outcome == .sent && handoffTarget == nil
            ? SentReply.downstreamQueueID(inStat: line[.stat], of: line.bytes).map(line.bytes.string) : nil

        var count = 0
        for element in RecipientList(line.bytes, line[.to]) {
            count += 1
            let index = envelope.recipientIndex(for: TextScan.normalizedAddress(line.bytes.slice(element)))
            apply(outcome, detail: detail, to: &envelope.recipients[index], handoff: handoffTarget?.key, time: time)
            envelope.recipients[index].downstreamQid = downstreamQid
        }
        if let target = handoffTarget {
            envelope.chain.absorb(target.chain)
        }
        emit(.attempt(AttemptEvent(
            time: time, host: hosts.name(hostID), qid: envelope.qid, outcome: outcome, recipientCount: count,
            relay: detail.relay, mailer: detail.mailer, dsn: detail.dsn, stat: detail.stat, reply: detail.reply,
            delay: detail.delay, xdelay: detail.xdelay, isHandoff: isHandoff,
            isNotice: envelope.chain.kind == .dsn)))
        touched(envelope.chain)
    }

    private func apply(_ outcome: AttemptOutcome, detail: AttemptDetail, to recipient: inout RecipientState, handoff: EnvelopeKey?, time: LogTime) {
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
        case .bounced: finalize(&recipient, .bounced, time)
        case .discarded: finalize(&recipient, .discarded, time)
        case .quarantined: finalize(&recipient, .quarantined, time)
        case .rejected: finalize(&recipient, .rejected, time)
        case .deferred, .queued:
            if !recipient.final { recipient.status = .pending }
        }
    }

    private func finalize(_ recipient: inout RecipientState, _ status: DeliveryStatus, _ time: LogTime) {
        recipient.final = true
        recipient.status = status
        recipient.completed = time
    }

    private mutating func notice(_ line: ParsedLine, hostID: UInt32, emit: (CorrelatedEvent) -> Void) {
        guard !line.qid.isEmpty, line.has(.newQid) else { return }
        let time = line.header.time
        let parent = envelope(for: EnvelopeKey(host: hostID, qid: line.bytes.slice(line.qid)), line: line, hostID: hostID)
        let newQid = line.bytes.slice(line[.newQid])
        let child = envelope(for: EnvelopeKey(host: hostID, qid: newQid), qidBytes: newQid, hostID: hostID, time: time, placeholder: false)
        child.notice = line.notice
        child.parentQid = parent.qid
        let reason = line.bytes.slice(line[.reason])
        if AttemptClassifier.isQueueTimeout(reason) {
            // The queue lifetime ran out: every recipient still waiting has failed.
            let detail = AttemptDetail(
                time: time, relay: nil, mailer: nil, dsn: "4.4.7", stat: TextScan.string(reason),
                reply: nil, delay: nil, xdelay: nil)
            for i in parent.recipients.indices where !parent.recipients[i].final {
                let previous = parent.recipients[i].last
                parent.recipients[i].last = AttemptDetail(
                    time: time, relay: previous?.relay, mailer: previous?.mailer, dsn: detail.dsn,
                    stat: detail.stat, reply: previous?.reply, delay: previous?.delay, xdelay: previous?.xdelay)
                finalize(&parent.recipients[i], .bounced, time)
            }
            parent.expiredAt = time
        }
        emit(.notice(NoticeEvent(
            time: time, host: hosts.name(hostID), parentQid: parent.qid, noticeQid: child.qid,
            kind: line.notice, reason: TextScan.string(reason))))
        touched(parent.chain)
        touched(child.chain)
    }

    private mutating func child(_ line: ParsedLine, hostID: UInt32, children: ByteRange) {
        guard !line.qid.isEmpty, !children.isEmpty else { return }
        let time = line.header.time
        let original = envelope(for: EnvelopeKey(host: hostID, qid: line.bytes.slice(line.qid)), line: line, hostID: hostID)
        original.hasChildren = true
        TextScan.forEachElement(line.bytes.slice(children), separator: UInt8(ascii: ";")) { id in
            let child = envelope(for: EnvelopeKey(host: hostID, qid: id), qidBytes: id, hostID: hostID, time: time, placeholder: false)
            original.chain.absorb(child.chain)
        }
        touched(original.chain)
    }

    private func discard(_ envelope: Envelope, time: LogTime) {
        envelope.doneSeen = true
        for i in envelope.recipients.indices where !envelope.recipients[i].final {
            finalize(&envelope.recipients[i], .discarded, time)
        }
    }

    // MARK: - Envelope table

    private mutating func existingOrNew(_ line: ParsedLine, hostID: UInt32) -> Envelope? {
        guard !line.qid.isEmpty else { return nil }
        return envelope(for: EnvelopeKey(host: hostID, qid: line.bytes.slice(line.qid)), line: line, hostID: hostID)
    }

    private mutating func envelope(for key: EnvelopeKey, line: borrowing ParsedLine, hostID: UInt32) -> Envelope {
        envelope(for: key, qidBytes: line.bytes.slice(line.qid), hostID: hostID, time: line.header.time, placeholder: false)
    }

    /// The envelope for `key`, created when new. A placeholder is an envelope only named by
    /// another line (a hand-off target) whose own lines have not been read yet.
    private mutating func envelope(
        for key: EnvelopeKey, qidBytes: UnsafeRawBufferPointer, hostID: UInt32, time: LogTime, placeholder: Bool
    ) -> Envelope {
        if let existing = envelopes[key] {
            if !placeholder {
                existing.seenLine = true
                if time > existing.lastSeen { existing.lastSeen = time }
            }
            return existing
        }
        created += 1
        let envelope = Envelope(key: key, qid: TextScan.string(qidBytes), host: hostID, time: time, sequence: created)
        envelope.seenLine = !placeholder
        let chain = MessageChain(root: envelope)
        envelope.chain = chain
        envelopes[key] = envelope
        idleQueue.append(WaitingChain(due: time.seconds, generation: 0, chain: chain))
        return envelope
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
            handoffQueue.append(WaitingChain(due: now.seconds + options.handoffSeconds, generation: chain.generation, chain: chain))
        } else if chain.members.allSatisfy(\.doneSeen) {
            readyNow.append(chain)
        } else {
            settleQueue.append(WaitingChain(due: now.seconds + options.settleSeconds, generation: chain.generation, chain: chain))
        }
    }

    /// Emits the chains whose wait is over and flushes idle ones past the horizon.
    private mutating func drain(emit: (CorrelatedEvent) -> Void) {
        for chain in readyNow where chain.isSettled {
            emitChain(chain, unfinished: .pending, emit: emit)
        }
        readyNow.removeAll(keepingCapacity: true)
        var queue: Deque<WaitingChain> = []
        swap(&queue, &settleQueue)
        drainWaiting(&queue, emit: emit)
        swap(&queue, &settleQueue)
        swap(&queue, &handoffQueue)
        drainWaiting(&queue, emit: emit)
        swap(&queue, &handoffQueue)
        // Entries of messages already emitted wait here until the horizon passes them; with a
        // 5-day horizon that is one entry per message of the last 5 days. Dropping them once
        // they outnumber the messages in flight keeps memory to the messages in flight
        // (amortised: the queue at least doubles between two passes).
        if idleQueue.count > 2 * envelopes.count + 1_024 {
            idleQueue.removeAll { $0.chain.map { $0.root.emitted } ?? true }
        }
        while let first = idleQueue.first, first.due + options.horizonSeconds < now.seconds {
            idleQueue.removeFirst()
            guard let chain = first.chain, !chain.root.emitted else { continue }
            let newest = chain.lastSeen.seconds
            if newest + options.horizonSeconds < now.seconds {
                emitChain(chain, unfinished: .incomplete, emit: emit)
            } else {
                idleQueue.append(WaitingChain(due: newest, generation: 0, chain: chain))
            }
        }
    }

    /// Emits the chains at the front of `queue` whose wait is over and that are still
    /// settled with nothing new since they were queued (a newer entry exists otherwise).
    private mutating func drainWaiting(
        _ queue: inout Deque<WaitingChain>, emit: (CorrelatedEvent) -> Void
    ) {
        // A log whose time goes backwards (files read out of order, a clock step) would keep
        // settled messages waiting until its time catches up: past a bound, the oldest go now.
        while let first = queue.first, first.due <= now.seconds || queue.count > Self.maximumWaiting {
            queue.removeFirst()
            guard let chain = first.chain else { continue }
            if chain.root.emitted || first.generation != chain.generation || !chain.isSettled { continue }
            emitChain(chain, unfinished: .pending, emit: emit)
        }
    }

    // MARK: - Output

    private mutating func emitChain(_ chain: MessageChain, unfinished: DeliveryStatus, emit: (CorrelatedEvent) -> Void) {
        guard !chain.root.emitted else { return }
        let root = chain.root
        let kind = chain.kind
        let qids = chain.members.map(\.qid)
        let sender = kind == .dsn ? "<>" : chainSender(chain)
        let fromHop = chain.members.first { $0.hasFromLine }
        let received = root.hasFromLine ? root.firstSeen : (fromHop?.firstSeen ?? root.firstSeen)
        let msgid = chain.members.lazy.compactMap(\.msgid).first
        let host = hosts.name(root.host)
        let size = fromHop?.size
        var recordCount = 0
        var acceptedCount = 0
        for envelope in chain.members {
            if envelope.hasFromLine, envelope.recipients.isEmpty, !envelope.hasChildren, let nrcpts = envelope.nrcpts {
                // Received, but no recipient logged yet (no delivery attempt before the input
                // ends): one pending record per announced recipient, address unknown.
                for _ in 0..<min(nrcpts, 10_000) {
                    recordCount += 1
                    acceptedCount += 1
                    emit(.record(DeliveryRecord(
                        recipient: "", sender: sender, status: unfinished, kind: kind, noticeKind: root.notice,
                        qids: qids, parentQid: root.parentQid, msgid: msgid, host: host, size: size,
                        received: received, completed: nil, attempts: 0, deferrals: 0, relay: nil, mailer: nil,
                        dsn: nil, delay: nil, xdelay: nil, stat: nil, clientRelay: fromHop?.clientRelay,
                        proto: fromHop?.proto)))
                }
            }
            for recipient in envelope.recipients {
                var status = recipient.final ? recipient.status : unfinished
                if let target = recipient.handedOffTo {
                    if let hop = envelopes[target], hop.seenLine, hop.chain === chain { continue }
                    status = .relayed
                }
                let detail = recipient.last
                recordCount += 1
                if status != .rejected { acceptedCount += 1 }
                emit(.record(DeliveryRecord(
                    recipient: recipient.address, sender: sender, status: status, kind: kind,
                    noticeKind: root.notice, qids: qids, parentQid: root.parentQid, msgid: msgid, host: host,
                    size: size, received: received, completed: recipient.final ? recipient.completed : nil,
                    attempts: recipient.attempts, deferrals: recipient.deferrals, relay: detail?.relay,
                    mailer: detail?.mailer, dsn: detail?.dsn, delay: detail?.delay, xdelay: detail?.xdelay,
                    stat: detail?.stat, reply: detail?.reply, clientRelay: fromHop?.clientRelay,
                    proto: fromHop?.proto,
                    downstreamQid: status == .delivered ? recipient.downstreamQid : nil)))
            }
        }
        // A message every recipient of which was refused while it was being received was
        // never accepted: it has records (status rejected) but is not a received message.
        if acceptedCount > 0 || (recordCount == 0 && root.hasFromLine) {
            emit(.message(MessageSummary(
                kind: kind, qids: qids, host: host, sender: sender, msgid: msgid, size: size,
                nrcpts: fromHop?.nrcpts, recipients: recordCount, hasFromLine: fromHop != nil,
                received: received, clientRelay: fromHop?.clientRelay, proto: fromHop?.proto)))
        }
        for envelope in chain.members {
            envelope.emitted = true
            if envelopes[envelope.key] === envelope { envelopes[envelope.key] = nil }
        }
        // An envelope and its chain point at each other: without this, every message
        // emitted stayed in memory for good.
        chain.dissolve()
    }

    /// The envelope sender: the first hop's, unless it is a bare local user name and a later
    /// hop logged the qualified address (the MTA copy of a submission).
    private func chainSender(_ chain: MessageChain) -> String? {
        let senders = chain.members.compactMap(\.sender).map(Self.bareAddress)
        guard let first = senders.first else { return nil }
        if first.contains("@") || first == "<>" { return first }
        return senders.first { $0.contains("@") } ?? first
    }

    private static func bareAddress(_ sender: String) -> String {
        if sender == "<>" { return sender }
        var s = Substring(sender)
        if s.hasPrefix("<"), s.hasSuffix(">") { s = s.dropFirst().dropLast() }
        return s.isEmpty ? "<>" : String(s)
    }

    // MARK: - Helpers

    private func text(_ line: ParsedLine, _ field: Field) -> String? {
        TextScan.optionalString(line.bytes.slice(line[field]))
    }

    private func text(_ line: ParsedLine, qidRange: ByteRange) -> String? {
        TextScan.optionalString(line.bytes.slice(qidRange))
    }

    private func rejectEvent(_ line: ParsedLine, hostID: UInt32) -> RejectEvent {
        let ruleset = text(line, .ruleset) ?? (line.has(.milter) ? "milter" : "milter")
        return RejectEvent(
            time: line.header.time, host: hosts.name(hostID), qid: text(line, qidRange: line.qid),
            ruleset: ruleset, action: line.rejectAction, arg1: text(line, .arg1), client: text(line, .relay),
            text: text(line, .reject) ?? text(line, .quarantine) ?? text(line, .text))
    }

    private func sessionRecord(_ line: ParsedLine, hostID: UInt32) -> SessionRecord {
        var client = text(line, .clientHost)
        if let address = text(line, .clientAddress) {
            client = client.map { "\($0) [\(address)]" } ?? "[\(address)]"
        }
        return SessionRecord(
            time: line.header.time, host: hosts.name(hostID), kind: line.session, client: client,
            text: text(line, .text))
    }
}

/// A queue entry naming a chain without keeping it alive.
struct WaitingChain {
    let due: Int64
    let generation: Int
    weak var chain: MessageChain?
}
