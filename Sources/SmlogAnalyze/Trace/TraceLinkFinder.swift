import SmlogParse

/// Decides, line by line, which further ids a trace must look for: the widening step of the
/// prefilter. A line is on topic when it names the query or an id already linked to it; then
/// every id it names becomes a token:
/// - its own queue id;
/// - the msgid of a `from=` line (which finds the other hop of a local submission);
/// - the child of `QID: NEWQID: DSN:` / `return to sender:` / `sender notify:` /
///   `postmaster notify:` / `clone:`, and split ids (these first appear on that line);
/// - the queue id in a `Sent (…)` text: the local MTA's id after a submission's hand-off, or a
///   relay's id (`Ok: queued as X`), which matters when that relay's log is in the input too.
///
/// Lines off topic (an id that matched inside unrelated text) reveal nothing. The finder only
/// widens the set of candidate lines; which messages belong to the trace is decided later from
/// the correlator's own links.
public struct TraceLinkFinder {
    public let query: TraceQuery
    private let match: TraceQueryMatch
    private var queueIDs = Set<[UInt8]>()
    private var messageIDs = Set<[UInt8]>()

    public init(query: TraceQuery) {
        self.query = query
        self.match = TraceQueryMatch(query)
        let bytes = Array(query.text.utf8)
        switch query.kind {
        case .qid: queueIDs.insert(bytes)
        case .msgid: messageIDs.insert(bytes)
        case .address, .msgidOrAddress: break
        }
    }

    /// What to look for before anything is known.
    public var initialTokens: [TraceToken] {
        let bytes = Array(query.text.utf8)
        switch query.kind {
        case .qid, .msgid: return [TraceToken(bytes)]
        case .address, .msgidOrAddress: return [TraceToken(bytes, caseInsensitive: true)]
        }
    }

    /// The tokens `line` links to that were not known yet (none when it is off topic).
    public mutating func links(of line: ParsedLine) -> [TraceToken] {
        let text = line.bytes
        let qid = line.noQueue ? UnsafeRawBufferPointer(start: nil, count: 0) : text.slice(line.qid)
        var children: [UnsafeRawBufferPointer] = []
        var nextHop: UnsafeRawBufferPointer?
        var messageID: UnsafeRawBufferPointer?
        switch line.kind {
        case .notice, .clone:
            if line.has(.newQid) { children.append(text.slice(line[.newQid])) }
        case .split:
            TraceBytes.forEachElement(text.slice(line[.ids]), separator: UInt8(ascii: ";")) { children.append($0) }
        case .delivery:
            nextHop = TraceBytes.downstreamQueueID(text.slice(line[.stat]))
        case .received:
            let id = TraceBytes.messageID(text.slice(line[.msgid]))
            if id.count >= 3 { messageID = id }
        default:
            break
        }

        var onTopic = match.matches(line) || contains(queueIDs, qid)
        if !onTopic { onTopic = children.contains { contains(queueIDs, $0) } }
        if !onTopic, let nextHop { onTopic = contains(queueIDs, nextHop) }
        if !onTopic, let messageID { onTopic = contains(messageIDs, messageID) }
        guard onTopic else { return [] }

        var found: [TraceToken] = []
        if !qid.isEmpty, queueIDs.insert(Array(qid)).inserted { found.append(TraceToken(Array(qid))) }
        for child in children where queueIDs.insert(Array(child)).inserted {
            found.append(TraceToken(Array(child), firstAppearsHere: true))
        }
        if let nextHop, queueIDs.insert(Array(nextHop)).inserted { found.append(TraceToken(Array(nextHop))) }
        if let messageID, messageIDs.insert(Array(messageID)).inserted { found.append(TraceToken(Array(messageID))) }
        return found
    }

    private func contains(_ set: Set<[UInt8]>, _ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.isEmpty && set.contains(Array(bytes))
    }
}
