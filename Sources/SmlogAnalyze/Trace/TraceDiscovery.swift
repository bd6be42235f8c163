import SmlogParse

/// The widening step run on each line the prefilter finds: parse it (the same parser as
/// every other stage) and ask the link finder which ids it leads to. Also tells when a
/// linked queue id can no longer turn up: after its `done` line (LogLevel 10 and up); when
/// every recipient its `from=` announced has a final outcome and `settleSeconds` of log time
/// have passed without a line of it (the correlator's own rule for a finished message, so a
/// later line would start a new message for the report too); when it was only ever named by
/// another line (a relay's id, an MTA whose log is elsewhere) and `settleSeconds` passed
/// without a line of its own; or once the log has gone on for longer than the horizon
/// (sendmail's queue lifetime) since its last line.
public struct TraceDiscovery {
    /// What is known of one linked queue id still looked for.
    private struct Progress {
        var lastSeen: Int64
        /// `nrcpts=` of its `from=` line.
        var announced: Int?
        /// Recipients given a final outcome by its `to=` lines.
        var finished = 0
        /// A line of its own was seen (not only a line naming it).
        var seenOwnLine = false
        /// Its last `to=` line was a deferral (or `queued`).
        var waiting = false
        /// All recipients announced have a final outcome; without the `from=` line (found
        /// after its first lines), the last attempt was final.
        var isSettled: Bool {
            if let announced { return announced > 0 && finished >= announced }
            return finished > 0 && !waiting
        }
    }

    private var parser = LogLineParser()
    private var headers = SyslogHeaderParser()
    private var finder: TraceLinkFinder
    private let horizonSeconds: Int64
    private let settleSeconds: Int64
    private var progress: [[UInt8]: Progress] = [:]

    public init(query: TraceQuery, horizonSeconds: Int64 = 5 * 86_400, settleSeconds: Int64 = 900) {
        finder = TraceLinkFinder(query: query)
        self.horizonSeconds = horizonSeconds
        self.settleSeconds = settleSeconds
    }

    /// What to look for before anything is known.
    public var initialTokens: [TraceToken] { finder.initialTokens }

    /// Call when the lines start coming from another input file.
    public mutating func beginFile(yearReference: YearReference) {
        parser.beginFile(yearReference: yearReference)
        headers.setYearReference(yearReference)
    }

    /// What `line` (a line the prefilter found) leads to.
    public mutating func links(in line: UnsafeRawBufferPointer) -> TraceLinks {
        var links = TraceLinks()
        _ = parser.parse(line) { parsed in
            var found = finder.links(of: parsed)
            let time = parsed.header.time.seconds
            let wall = time + Int64(parsed.header.time.utcOffset)
            let nextHop = found.found.isEmpty ? nil : Self.nextHop(of: parsed, wall: wall)
            for i in found.found.indices where !found.found[i].caseInsensitive {
                let bytes = found.found[i].bytes
                var created = QueueIDTime.wallSeconds(of: bytes, near: wall)
                if created == nil, let nextHop, bytes.elementsEqual(nextHop.id) { created = nextHop.sessionStart }
                found.found[i].notBefore = created.map { $0 - Self.clockSlack }
            }
            for token in found.found where !token.caseInsensitive { progress[token.bytes] = Progress(lastSeen: time) }
            if !parsed.noQueue, !parsed.qid.isEmpty {
                let qid = Array(parsed.bytes.slice(parsed.qid))
                if var state = progress[qid] {
                    state.lastSeen = max(state.lastSeen, time)
                    state.seenOwnLine = true
                    Self.account(parsed, in: &state)
                    progress[qid] = state
                }
            }
            for qid in found.finished { progress[qid] = nil }
            links.found += found.found
            links.finished += found.finished
        }
        return links
    }

    /// Counts what a `from=` announces and the recipients a `to=` line settles.
    private static func account(_ line: ParsedLine, in state: inout Progress) {
        let text = line.bytes
        switch line.kind {
        case .received:
            state.announced = TraceNumbers.integer(text.slice(line[.nrcpts]))
        case .delivery:
            let stat = text.slice(line[.stat])
            let dsn = text.slice(line[.dsn])
            let temporary = TraceBytes.hasPrefix(stat, "Deferred") || TraceBytes.hasPrefix(stat, "queued")
                || dsn.first == UInt8(ascii: "4")
            state.waiting = temporary
            guard !temporary else { return }
            var count = 0
            TraceBytes.forEachElement(text.slice(line[.to]), separator: UInt8(ascii: ",")) { _ in count += 1 }
            state.finished += count
        default:
            break
        }
    }

    /// The next hop's queue id in a `Sent (…)` reply and when the SMTP session that made it
    /// began (`xdelay` before the line): the relay logged that id no earlier. Used for ids
    /// that do not encode their own time (`Ok: queued as 4QRSTUVW`), so a late pass for them
    /// reads back to that session, not to the start of the input.
    private static func nextHop(of line: borrowing ParsedLine, wall: Int64) -> (id: UnsafeRawBufferPointer, sessionStart: Int64)? {
        guard line.kind == .delivery, line.has(.xdelay),
            let id = TraceBytes.downstreamQueueID(line.bytes.slice(line[.stat])),
            let seconds = SendmailDuration.seconds(of: line[.xdelay], in: line.bytes)
        else { return nil }
        return (id, wall - Int64(seconds))
    }

    /// Allowance between a queue id's own clock and the log's.
    static let clockSlack: Int64 = 3_600

    /// The local wall-clock time of `line` (the clock `TraceToken.notBefore` uses), if it has a
    /// readable header.
    public mutating func chunkTime(_ line: UnsafeRawBufferPointer) -> Int64? {
        headers.parse(LineBytes(line)).map { $0.time.seconds + Int64($0.time.utcOffset) }
    }

    /// The linked queue ids that went quiet before `line` (any line of the input, such as the
    /// first of each chunk the prefilter reads): finished ones for `settleSeconds`, others for
    /// the horizon.
    public mutating func quiet(before line: UnsafeRawBufferPointer) -> [[UInt8]] {
        guard !progress.isEmpty, let now = headers.parse(LineBytes(line))?.time.seconds else { return [] }
        var quiet: [[UInt8]] = []
        for (qid, state) in progress {
            // Finished, or only ever named by another line (a next hop whose log is not in the
            // input would otherwise be looked for until the horizon).
            let wait = state.isSettled || !state.seenOwnLine ? settleSeconds : horizonSeconds
            if state.lastSeen + wait < now { quiet.append(qid) }
        }
        for qid in quiet { progress[qid] = nil }
        return quiet
    }
}
