import SmlogCorrelate
import SmlogParse

/// Builds a `Trace` from the candidate lines of a trace and the correlator's events about them.
///
/// Feed it, for each line in input order: `beginLine`, then `note(_ line:)` for the parsed
/// line the parser hands over (if any) and `note(_ event:)` for each event the correlator emits
/// while consuming it, or `noteUnparsed` when the parser handed nothing over. `build` then groups
/// queue ids into messages with the links sendmail logs (hand-off to the local MTA, notices,
/// clone and split children, a next hop's id when that hop's lines are in the input too) and the
/// correlator's own chains, and keeps the messages the query names.
public struct TraceBuilder {
    struct Key: Hashable {
        var host: String
        var qid: String
    }

    struct KeyInfo {
        var key: Key
        var firstLine = Int.max
        var firstSeen: LogTime?
        var programs: [String] = []
        var role: TraceHop.Role?
        var parentQid: String?
        var noticeKind: NoticeKind?
        var handsOff = false
        var handedFrom: String?
        var logged = false
        var seedKinds: [TraceQuery.Kind] = []
    }

    struct RawLine {
        var bytes: [UInt8]
        var keyID: Int?
        /// The parser handed nothing over for it (a split part, another program's line, …).
        var unparsed = true
    }

    struct NextHop {
        var keyID: Int
        var qid: String
        var relay: String?
    }

    public let query: TraceQuery
    private let match: TraceQueryMatch
    private var keyIDs: [Key: Int] = [:]
    private var infos: [KeyInfo] = []
    private var parents: [Int] = []
    private var lines: [RawLine] = []
    private var events: [(event: TraceEvent, keyID: Int?, line: Int)] = []
    private var records: [DeliveryRecord] = []
    private var summaries: [MessageSummary] = []
    private var nextHops: [NextHop] = []
    /// The event of the line being handled, for the correlator's verdict on it.
    private var currentEvent: Int?
    /// Newest line time seen (the end of input when the caller does not know it).
    private var latest: LogTime?

    public init(query: TraceQuery) {
        self.query = query
        self.match = TraceQueryMatch(query)
    }

    // MARK: - Input

    /// Starts the next input line (call for every line, before parsing it).
    public mutating func beginLine(_ raw: UnsafeRawBufferPointer) {
        lines.append(RawLine(bytes: Array(raw)))
        currentEvent = nil
    }

    /// A line the parser understood (for the line begun last; a joined split line comes with
    /// its last part).
    public mutating func note(_ line: ParsedLine) {
        guard let lineIndex = lines.indices.last else { return }
        let text = line.bytes
        let host = text.string(line.header.host)
        let qid = line.noQueue || line.qid.isEmpty ? nil : text.string(line.qid)
        let program = text.string(line.header.tag)
        let time = line.header.time
        var keyID: Int?
        if let qid {
            let id = self.id(for: Key(host: host, qid: qid))
            keyID = id
            infos[id].logged = true
            infos[id].firstLine = min(infos[id].firstLine, lineIndex)
            if infos[id].firstSeen.map({ time < $0 }) ?? true { infos[id].firstSeen = time }
            if !program.isEmpty, !infos[id].programs.contains(program) { infos[id].programs.append(program) }
            if let kind = match.matchedKind(line), !infos[id].seedKinds.contains(kind) {
                infos[id].seedKinds.append(kind)
            }
        }
        if latest.map({ time > $0 }) ?? true { latest = time }
        var event = TraceEvent(
            time: time, host: host, qid: qid, program: program,
            pid: line.header.pid >= 0 ? Int(line.header.pid) : nil, kind: .info)
        describe(line, into: &event, host: host, keyID: keyID)
        lines[lineIndex].keyID = keyID
        lines[lineIndex].unparsed = false
        events.append((event, keyID, lineIndex))
        currentEvent = events.count - 1
    }

    /// What the correlator emitted while consuming the line noted last (or at the end).
    public mutating func note(_ correlated: CorrelatedEvent) {
        switch correlated {
        case .record(let record):
            records.append(record)
        case .message(let summary):
            summaries.append(summary)
        case .attempt(let attempt):
            guard let index = currentEvent, events[index].event.kind == .attempt,
                events[index].event.qid == attempt.qid, let keyID = events[index].keyID
            else { return }
            events[index].event.outcome = attempt.outcome
            events[index].event.isHandoff = attempt.isHandoff
            guard attempt.isHandoff else {
                if attempt.outcome == .sent, let next = events[index].event.nextQid {
                    nextHops.append(NextHop(keyID: keyID, qid: next, relay: events[index].event.relay))
                }
                return
            }
            infos[keyID].handsOff = true
            if attempt.outcome == .sent, let next = events[index].event.nextQid {
                let target = id(for: Key(host: attempt.host, qid: next))
                if infos[target].handedFrom == nil { infos[target].handedFrom = attempt.qid }
                union(keyID, target)
            }
        default:
            break
        }
    }

    /// A line the parser handed nothing over for. With a readable header it still becomes an
    /// event (of kind `other` or `unrecognized`) of any traced message whose queue id it holds.
    public mutating func noteUnparsed(_ line: UnsafeRawBufferPointer, header: SyslogHeader?, lineClass: LineClass) {
        guard let lineIndex = lines.indices.last, let header, lineClass != .sendmail else { return }
        let text = LineBytes(line)
        if latest.map({ header.time > $0 }) ?? true { latest = header.time }
        var event = TraceEvent(
            time: header.time, host: text.string(header.host), qid: nil, program: text.string(header.tag),
            pid: header.pid >= 0 ? Int(header.pid) : nil, kind: lineClass == .foreign ? .other : .unrecognized)
        event.text = text.string(header.message)
        events.append((event, nil, lineIndex))
    }

    // MARK: - Line meaning

    private mutating func describe(_ line: ParsedLine, into event: inout TraceEvent, host: String, keyID: Int?) {
        let text = line.bytes
        func string(_ field: Field) -> String? { line.has(field) ? text.string(line[field]) : nil }
        switch line.kind {
        case .received:
            event.kind = .received
            event.sender = string(.from)
            event.size = TraceNumbers.integer(text.slice(line[.size]))
            event.nrcpts = TraceNumbers.integer(text.slice(line[.nrcpts]))
            event.msgid = string(.msgid)
            event.proto = string(.proto)
            event.client = string(.relay)
        case .delivery:
            event.kind = .attempt
            var recipients: [String] = []
            TraceBytes.forEachElement(text.slice(line[.to]), separator: UInt8(ascii: ",")) { element in
                recipients.append(String(decoding: TraceBytes.address(element), as: UTF8.self))
            }
            event.recipients = recipients
            event.mailer = string(.mailer)
            event.relay = string(.relay)
            event.dsn = string(.dsn)
            event.stat = string(.stat)
            event.reply = string(.reply)
            event.delay = TraceNumbers.duration(text.slice(line[.delay]))
            event.xdelay = TraceNumbers.duration(text.slice(line[.xdelay]))
            if let next = TraceBytes.downstreamQueueID(text.slice(line[.stat])) {
                event.nextQid = String(decoding: next, as: UTF8.self)
            }
        case .notice, .clone, .split:
            event.kind = line.kind == .notice ? .notice : line.kind == .clone ? .clone : .split
            var children: [String] = []
            if line.kind == .split {
                TraceBytes.forEachElement(text.slice(line[.ids]), separator: UInt8(ascii: ";")) {
                    children.append(String(decoding: $0, as: UTF8.self))
                }
            } else if let child = string(.newQid) {
                children.append(child)
            }
            event.childQids = children
            if line.kind == .notice {
                event.noticeKind = line.notice
                event.text = string(.reason)
            } else if line.kind == .clone {
                event.text = string(.owner).map { "owner=" + $0 }
            }
            if let keyID {
                for child in children {
                    let childID = id(for: Key(host: host, qid: child))
                    if infos[childID].role == nil {
                        infos[childID].role = event.kind == .notice ? .notice : event.kind == .clone ? .clone : .split
                        infos[childID].parentQid = event.qid
                        infos[childID].noticeKind = event.noticeKind
                    }
                    union(keyID, childID)
                }
            }
        case .done:
            event.kind = .done
            event.delay = TraceNumbers.duration(text.slice(line[.delay]))
            event.tries = TraceNumbers.integer(text.slice(line[.ntries]))
        case .discarded:
            event.kind = .discarded
        case .reject:
            event.kind = .reject
            event.ruleset = string(.ruleset) ?? string(.milter)
            event.argument = string(.arg1)
            event.client = string(.relay)
            event.text = string(.reject) ?? string(.quarantine) ?? messageText(line)
        case .session:
            event.kind = .session
            event.text = messageText(line)
        case .tls:
            event.kind = .tls
            event.text = messageText(line)
        case .auth:
            event.kind = .auth
            event.text = messageText(line)
        case .syserr, .queueTrouble:
            event.kind = .systemError
            event.text = string(.text) ?? messageText(line)
        case .info:
            event.kind = .info
            event.text = messageText(line)
        }
    }

    /// The message after the `QID: ` prefix.
    private func messageText(_ line: ParsedLine) -> String {
        let text = line.bytes
        var lower = Int(line.header.message.lower)
        let upper = Int(line.header.message.upper)
        if !line.qid.isEmpty, Int(line.qid.lower) >= lower, Int(line.qid.upper) < upper {
            lower = Int(line.qid.upper)
            // Skip a `[n]` part number, then ": ".
            while lower < upper, text[lower] != UInt8(ascii: ":") { lower += 1 }
            lower = min(lower + 2, upper)
        }
        return text.string(ByteRange(lower, upper))
    }

    // MARK: - Groups

    private mutating func id(for key: Key) -> Int {
        if let id = keyIDs[key] { return id }
        let id = infos.count
        keyIDs[key] = id
        infos.append(KeyInfo(key: key))
        parents.append(id)
        return id
    }

    private mutating func find(_ id: Int) -> Int {
        var root = id
        while parents[root] != root { root = parents[root] }
        var walk = id
        while parents[walk] != root {
            let next = parents[walk]
            parents[walk] = root
            walk = next
        }
        return root
    }

    private mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a)
        let rb = find(b)
        if ra != rb { parents[max(ra, rb)] = min(ra, rb) }
    }

    // MARK: - Output

    /// The messages the query names, narrowed by `selection`. `endOfInput` is the time of the
    /// input's last line (ages of queued messages count to it; when nil, the newest line seen
    /// here); `includeRaw` keeps the lines.
    public mutating func build(selection: TraceSelection = TraceSelection(), endOfInput: LogTime?, includeRaw: Bool = true) -> Trace {
        let endOfInput = [endOfInput, latest].compactMap { $0 }.max()
        linkAcrossHosts()
        for record in records {
            let ids = record.qids.map { id(for: Key(host: record.host, qid: $0)) }
            for other in ids.dropFirst() { union(ids[0], other) }
            if let parent = record.parentQid, let first = ids.first {
                let parentID = id(for: Key(host: record.host, qid: parent))
                union(parentID, first)
                if infos[first].role == nil {
                    infos[first].role = .notice
                    infos[first].parentQid = parent
                    infos[first].noticeKind = record.noticeKind
                }
            }
        }
        for summary in summaries {
            let ids = summary.qids.map { id(for: Key(host: summary.host, qid: $0)) }
            for other in ids.dropFirst() { union(ids[0], other) }
        }

        var seedRoots: [Int] = []
        for index in infos.indices {
            let isSeed = !infos[index].seedKinds.isEmpty || (query.kind == .qid && infos[index].key.qid == query.text)
            if isSeed {
                if query.kind == .qid, infos[index].seedKinds.isEmpty { infos[index].seedKinds = [.qid] }
                let root = find(index)
                if !seedRoots.contains(root) { seedRoots.append(root) }
            }
        }
        var members: [Int: [Int]] = [:]
        for index in infos.indices {
            let root = find(index)
            if seedRoots.contains(root) { members[root, default: []].append(index) }
        }
        // Everything sorted by message once, so building each message costs its own size.
        var parts: [Int: MessageParts] = [:]
        for (position, entry) in events.enumerated() {
            guard let keyID = entry.keyID else { continue }
            let root = find(keyID)
            if members[root] != nil { parts[root, default: MessageParts()].events.append(position) }
        }
        for (index, line) in lines.enumerated() {
            guard let keyID = line.keyID else { continue }
            let root = find(keyID)
            if members[root] != nil { parts[root, default: MessageParts()].lines.append(index) }
        }
        for record in records {
            guard let qid = record.qids.first, let keyID = keyIDs[Key(host: record.host, qid: qid)] else { continue }
            let root = find(keyID)
            if members[root] != nil { parts[root, default: MessageParts()].records.append(record) }
        }
        for summary in summaries {
            guard let qid = summary.qids.first, let keyID = keyIDs[Key(host: summary.host, qid: qid)] else { continue }
            let root = find(keyID)
            if members[root] != nil { parts[root, default: MessageParts()].summaries.append(summary) }
        }
        let loose = Loose(
            events: events.indices.filter { events[$0].keyID == nil },
            lines: lines.indices.filter { lines[$0].keyID == nil && lines[$0].unparsed })

        var messages: [TraceMessage] = []
        for root in seedRoots {
            guard let keys = members[root],
                let message = makeMessage(keys, parts[root] ?? MessageParts(), loose, endOfInput: endOfInput, includeRaw: includeRaw)
            else { continue }
            messages.append(message)
        }
        messages.sort { $0.firstSeen < $1.firstSeen }
        messages = Self.narrow(messages, by: selection)
        return Trace(query: query, messages: messages, endOfInput: endOfInput)
    }

    /// What belongs to one message, by index into `events` and `lines`.
    private struct MessageParts {
        var events: [Int] = []
        var lines: [Int] = []
        var records: [DeliveryRecord] = []
        var summaries: [MessageSummary] = []
    }

    /// Events and lines without a queue id of their own (another program's line, a split part):
    /// they go with a message whose queue id they hold.
    private struct Loose {
        var events: [Int]
        var lines: [Int]
    }

    /// A hop's `Sent (…)` named a queue id that another host logged: that host's queue entry
    /// is the same message, one hop on.
    private mutating func linkAcrossHosts() {
        guard !nextHops.isEmpty else { return }
        var byQueueID: [String: [Int]] = [:]
        for (key, id) in keyIDs where infos[id].logged { byQueueID[key.qid, default: []].append(id) }
        for hop in nextHops {
            let from = infos[hop.keyID].key
            for target in byQueueID[hop.qid] ?? [] where infos[target].key.host != from.host {
                union(hop.keyID, target)
                if infos[target].handedFrom == nil { infos[target].handedFrom = from.qid }
            }
        }
    }

    private mutating func makeMessage(
        _ keys: [Int], _ parts: MessageParts, _ loose: Loose, endOfInput: LogTime?, includeRaw: Bool
    ) -> TraceMessage? {
        let keySet = Set(keys)
        let ordered = keys.sorted { (infos[$0].firstLine, $0) < (infos[$1].firstLine, $1) }
        let qidTokens = ordered.map { Array(infos[$0].key.qid.utf8) }

        func holdsQueueID(_ line: Int) -> String? {
            lines[line].bytes.withUnsafeBytes { raw in
                for (i, token) in qidTokens.enumerated() where TraceBytes.containsToken(raw, token) {
                    return infos[ordered[i]].key.qid
                }
                return nil
            }
        }

        var eventIndexes = parts.events
        var looseQueueIDs: [Int: String] = [:]
        for index in loose.events {
            guard let qid = holdsQueueID(events[index].line) else { continue }
            looseQueueIDs[index] = qid
            eventIndexes.append(index)
        }
        eventIndexes.sort()
        let messageEvents: [TraceEvent] = eventIndexes.map { index in
            var event = events[index].event
            if let qid = looseQueueIDs[index] { event.qid = qid }
            return event
        }
        guard let first = messageEvents.first else { return nil }

        var raw: [[UInt8]] = []
        if includeRaw {
            var lineIndexes = parts.lines
            for index in loose.lines where holdsQueueID(index) != nil { lineIndexes.append(index) }
            raw = lineIndexes.sorted().map { lines[$0].bytes }
        }

        var hops: [TraceHop] = ordered.map { id in
            let info = infos[id]
            let role = info.role ?? (info.handsOff ? .submission : .mta)
            return TraceHop(
                qid: info.key.qid, host: info.key.host, programs: info.programs, role: role,
                parentQid: info.parentQid ?? info.handedFrom, noticeKind: info.noticeKind,
                logged: info.logged, firstSeen: info.firstSeen)
        }
        for hop in nextHops where keySet.contains(hop.keyID) {
            let linked = hops.contains { $0.qid == hop.qid && $0.logged && $0.host != infos[hop.keyID].key.host }
            if linked || hops.contains(where: { $0.role == .relay && $0.qid == hop.qid }) { continue }
            hops.append(TraceHop(
                qid: hop.qid, host: Self.relayName(hop.relay), programs: [], role: .relay,
                parentQid: infos[hop.keyID].key.qid, logged: false))
        }

        let messageRecords = parts.records
        // The message's own recipients first, then those of its notices in hop order.
        let hopOrder = Dictionary(ordered.enumerated().map { (infos[$0.element].key, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let recipients = messageRecords.enumerated().sorted { a, b in
            func rank(_ record: DeliveryRecord) -> Int {
                guard record.kind != .mail else { return -1 }
                return record.qids.first.flatMap { hopOrder[Key(host: record.host, qid: $0)] } ?? Int.max
            }
            let (ra, rb) = (rank(a.element), rank(b.element))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map { TraceRecipient(record: $0.element, qid: Self.decidingQueueID($0.element, messageEvents)) }

        let rootSummary = parts.summaries.filter { $0.kind == .mail }.min { a, b in firstLine(a) < firstLine(b) }
        let firstReceived = messageEvents.first { $0.kind == .received }

        var lastSeen = first.time
        for event in messageEvents where event.time > lastSeen { lastSeen = event.time }
        let unfinished = recipients.contains { $0.isUnfinished }
        let state: TraceMessage.State = recipients.isEmpty ? .unknown : unfinished ? .queued : .finished
        let received = rootSummary?.received ?? firstReceived?.time
        var age: Int64?
        var lastError: String?
        if state == .queued {
            if let endOfInput { age = max(0, endOfInput.seconds - (received ?? first.time).seconds) }
            lastError = messageEvents.last { $0.kind == .attempt && $0.outcome == .deferred }?.stat
                ?? recipients.last { $0.isUnfinished && $0.stat != nil }?.stat
        }
        var matchedAs: [TraceQuery.Kind] = []
        for id in ordered { for kind in infos[id].seedKinds where !matchedAs.contains(kind) { matchedAs.append(kind) } }

        return TraceMessage(
            hops: hops, msgid: rootSummary?.msgid ?? firstReceived?.msgid,
            sender: rootSummary?.sender ?? firstReceived?.sender,
            size: rootSummary?.size ?? firstReceived?.size, received: received,
            firstSeen: first.time, lastSeen: lastSeen,
            client: rootSummary?.clientRelay ?? firstReceived?.client,
            proto: rootSummary?.proto ?? firstReceived?.proto,
            recipients: recipients, events: messageEvents, rawLines: raw, state: state, age: age,
            lastError: lastError, matchedAs: matchedAs)
    }

    private func firstLine(_ summary: MessageSummary) -> Int {
        guard let qid = summary.qids.first, let id = keyIDs[Key(host: summary.host, qid: qid)] else { return Int.max }
        return infos[id].firstLine
    }

    /// The queue id of the last attempt that named the recipient (the hop where it ended).
    private static func decidingQueueID(_ record: DeliveryRecord, _ events: [TraceEvent]) -> String {
        let last = events.last { event in
            event.kind == .attempt && event.host == record.host && event.qid.map(record.qids.contains) == true
                && event.recipients.contains(record.recipient)
        }
        return last?.qid ?? record.qids.last ?? ""
    }

    /// `smarthost.example. [192.0.2.1]` → `smarthost.example.`.
    static func relayName(_ relay: String?) -> String {
        guard let relay else { return "next hop" }
        let name = relay.split(separator: " ", maxSplits: 1).first.map(String.init) ?? relay
        return name.isEmpty ? relay : name
    }

    static func narrow(_ messages: [TraceMessage], by selection: TraceSelection) -> [TraceMessage] {
        var kept = messages.filter { message in
            let time = message.received ?? message.firstSeen
            if let since = selection.since, time < since { return false }
            if let until = selection.until, !(time < until) { return false }
            return true
        }
        if let limit = selection.limit, kept.count > limit {
            let newest = kept.enumerated().sorted { a, b in
                let ta = a.element.received ?? a.element.firstSeen
                let tb = b.element.received ?? b.element.firstSeen
                return ta == tb ? a.offset > b.offset : ta > tb
            }.prefix(max(limit, 0)).map(\.offset)
            let keep = Set(newest)
            kept = kept.enumerated().filter { keep.contains($0.offset) }.map(\.element)
        }
        return kept
    }
}
