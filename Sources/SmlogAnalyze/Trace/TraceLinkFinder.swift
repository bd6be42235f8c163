import SmlogParse

/// Decides, line by line, which further ids a trace must look for: the widening step of the
/// prefilter. A line is on topic when it names the query or an id already linked to it; then
/// every queue id it names becomes a token:
/// - its own queue id;
/// - the child of `QID: NEWQID: DSN:` / `return to sender:` / `sender notify:` /
///   `postmaster notify:` / `clone:`, and split ids (these first appear on that line);
/// - the queue id in a `Sent (…)` text: the local MTA's id after a submission's hand-off, or a
///   relay's id (`Ok: queued as X`), which matters when that relay's log is in the input too.
///
/// Message-IDs are not followed: every hop of a message is named by a queue id on a line of
/// another hop, and the hops are grouped by those links (and by the correlator), not by
/// Message-ID. A linked queue id need not be looked for after its `done` line (sendmail is
/// finished with it; a later line with the same id is a later message).
///
/// Lines off topic (an id that matched inside unrelated text) reveal nothing. The finder only
/// widens the set of candidate lines; which messages belong to the trace is decided later.
public struct TraceLinkFinder {
    public let query: TraceQuery
    private let match: TraceQueryMatch
    private let queryBytes: [UInt8]
    private var queueIDs = Set<[UInt8]>()

    public init(query: TraceQuery) {
        self.query = query
        self.match = TraceQueryMatch(query)
        queryBytes = Array(query.text.utf8)
        if query.kind == .qid { queueIDs.insert(queryBytes) }
    }

    /// What to look for before anything is known.
    public var initialTokens: [TraceToken] {
        switch query.kind {
        case .qid, .msgid: return [TraceToken(queryBytes)]
        case .address, .msgidOrAddress: return [TraceToken(queryBytes, caseInsensitive: true)]
        }
    }

    /// The tokens `line` links to that were not known yet (none when it is off topic), and
    /// the linked queue ids it shows to be finished.
    public mutating func links(of line: ParsedLine) -> TraceLinks {
        var result = TraceLinks()
        let text = line.bytes
        let qid = line.noQueue ? UnsafeRawBufferPointer(start: nil, count: 0) : text.slice(line.qid)
        var children: [UnsafeRawBufferPointer] = []
        var nextHop: UnsafeRawBufferPointer?
        switch line.kind {
        case .notice, .clone:
            if line.has(.newQid) { children.append(text.slice(line[.newQid])) }
        case .split:
            TraceBytes.forEachElement(text.slice(line[.ids]), separator: UInt8(ascii: ";")) { children.append($0) }
        case .delivery:
            nextHop = TraceBytes.downstreamQueueID(text.slice(line[.stat]))
        default:
            break
        }

        var onTopic = contains(qid) || match.matches(line)
        if !onTopic { onTopic = children.contains { contains($0) } }
        if !onTopic, let nextHop { onTopic = contains(nextHop) }
        guard onTopic else { return result }

        if !qid.isEmpty, queueIDs.insert(Array(qid)).inserted { result.found.append(TraceToken(Array(qid))) }
        for child in children where queueIDs.insert(Array(child)).inserted {
            result.found.append(TraceToken(Array(child), firstAppearsHere: true))
        }
        if let nextHop, queueIDs.insert(Array(nextHop)).inserted { result.found.append(TraceToken(Array(nextHop))) }
        if line.kind == .done, !qid.isEmpty, !TraceBytes.equal(qid, queryBytes) {
            // Still known: a line from before this one (a later pass) stays on topic.
            result.finished.append(Array(qid))
        }
        return result
    }

    private func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.isEmpty && queueIDs.contains(Array(bytes))
    }
}

/// What one line tells the prefilter.
public struct TraceLinks: Sendable {
    /// New tokens to look for.
    public var found: [TraceToken] = []
    /// Linked queue ids not to look for any more (never the query itself).
    public var finished: [[UInt8]] = []

    public init() {}
}
