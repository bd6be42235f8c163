import SmlogCorrelate
import SmlogParse

/// Runs the lines of a trace through a parser and a correlator of their own (the same stages
/// `smlog records` and the report use) into a `TraceBuilder`.
public struct TraceSession {
    private var parser = LogLineParser()
    private var headers = SyslogHeaderParser()
    private var correlator: Correlator
    private var builder: TraceBuilder

    public init(query: TraceQuery, correlatorOptions: CorrelatorOptions = CorrelatorOptions()) {
        correlator = Correlator(options: correlatorOptions)
        builder = TraceBuilder(query: query)
    }

    /// Call before the lines of each input file.
    public mutating func beginFile(yearReference: YearReference) {
        parser.beginFile(yearReference: yearReference)
        headers.setYearReference(yearReference)
    }

    /// One line (without its terminator), in input order.
    @discardableResult
    public mutating func add(_ line: UnsafeRawBufferPointer) -> LineClass {
        builder.beginLine(line)
        var handed = false
        let lineClass = parser.parse(line) { parsed in
            handed = true
            builder.note(parsed)
            correlator.consume(&parsed) { builder.note($0) }
        }
        if !handed {
            builder.noteUnparsed(line, header: headers.parse(LineBytes(line)), lineClass: lineClass)
        }
        return lineClass
    }

    /// End of input: the trace of what was added.
    public mutating func finish(selection: TraceSelection = TraceSelection(), endOfInput: LogTime?, includeRaw: Bool = true) -> Trace {
        parser.finish { _ in }
        correlator.finish { builder.note($0) }
        return builder.build(selection: selection, endOfInput: endOfInput, includeRaw: includeRaw)
    }
}
