import SmlogParse

/// The widening step run on each line the prefilter finds: parse it (the same parser as
/// every other stage) and ask the link finder which ids it leads to. Also tells when a
/// linked queue id can no longer turn up: after its `done` line, or once the log has gone on
/// for longer than the horizon (sendmail's queue lifetime) since its last line.
public struct TraceDiscovery {
    private var parser = LogLineParser()
    private var headers = SyslogHeaderParser()
    private var finder: TraceLinkFinder
    private let horizonSeconds: Int64
    /// Last line time of each linked queue id still looked for.
    private var lastSeen: [[UInt8]: Int64] = [:]

    public init(query: TraceQuery, horizonSeconds: Int64 = 5 * 86_400) {
        finder = TraceLinkFinder(query: query)
        self.horizonSeconds = horizonSeconds
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
            let found = finder.links(of: parsed)
            let time = parsed.header.time.seconds
            for token in found.found { lastSeen[token.bytes] = time }
            if !parsed.noQueue, !parsed.qid.isEmpty {
                let qid = Array(parsed.bytes.slice(parsed.qid))
                if let seen = lastSeen[qid], seen < time { lastSeen[qid] = time }
            }
            for qid in found.finished { lastSeen[qid] = nil }
            links.found += found.found
            links.finished += found.finished
        }
        return links
    }

    /// The linked queue ids that went quiet for longer than the horizon before `line` (any
    /// line of the input, such as the first of each chunk the prefilter reads).
    public mutating func quiet(before line: UnsafeRawBufferPointer) -> [[UInt8]] {
        guard !lastSeen.isEmpty, let now = headers.parse(LineBytes(line))?.time.seconds else { return [] }
        var quiet: [[UInt8]] = []
        for (qid, seen) in lastSeen where seen + horizonSeconds < now { quiet.append(qid) }
        for qid in quiet { lastSeen[qid] = nil }
        return quiet
    }
}
