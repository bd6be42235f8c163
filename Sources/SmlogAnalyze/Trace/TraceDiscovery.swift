import SmlogParse

/// The widening step run on each line the prefilter finds: parse it (the same parser as
/// every other stage) and ask the link finder which ids it leads to.
public struct TraceDiscovery {
    private var parser = LogLineParser()
    private var finder: TraceLinkFinder

    public init(query: TraceQuery) {
        finder = TraceLinkFinder(query: query)
    }

    /// What to look for before anything is known.
    public var initialTokens: [TraceToken] { finder.initialTokens }

    /// Call when the lines start coming from another input file.
    public mutating func beginFile(yearReference: YearReference) {
        parser.beginFile(yearReference: yearReference)
    }

    /// The ids `line` leads to that were not known yet.
    public mutating func tokens(in line: UnsafeRawBufferPointer) -> [TraceToken] {
        var found: [TraceToken] = []
        _ = parser.parse(line) { parsed in
            found += finder.links(of: parsed)
        }
        return found
    }
}
