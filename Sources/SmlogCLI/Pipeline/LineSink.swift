import SmlogCorrelate
import SmlogParse

/// What `Pipeline.run` keeps up to date for every line, in one place: the per-line closures
/// then capture one reference to it instead of one per counter, which is what most of their
/// set-up cost per line was.
struct LineSink {
    var summary = InputSummary()
    var hostTracker = HostTracker()
    var duplicates = DuplicateLineFilter()
    let dropDuplicates: Bool
    var times = TimeRange()
    /// The line being parsed, and whether the parser handed it back in place (not a line it
    /// had joined from parts, nor an earlier part it let go).
    private var lineStart: UnsafeRawPointer?
    private(set) var handledInPlace = false

    init(dropDuplicates: Bool) {
        self.dropDuplicates = dropDuplicates
    }

    /// Called before each line goes to the parser.
    @inline(__always)
    mutating func beginLine(_ line: UnsafeRawBufferPointer) {
        lineStart = line.baseAddress
        handledInPlace = false
    }

    /// A line the parser understood: applied to the correlator unless it repeats a recent one.
    @inline(__always)
    mutating func accept<Events: CorrelatedEventSink>(
        _ parsed: inout ParsedLine, correlator: inout Correlator, events: inout Events
    ) {
        handledInPlace = parsed.bytes.base.baseAddress == lineStart
        if dropDuplicates, DuplicateLineFilter.isChecked(parsed.kind), duplicates.isRepeat(parsed.bytes.base) {
            summary.duplicateLines += 1
            return
        }
        times.note(parsed.header.time)
        hostTracker.note(parsed.header.host, in: parsed.bytes.base)
        correlator.consume(&parsed, into: &events)
    }
}

/// The earliest and latest line time, kept without optionals on the per-line path (two
/// compares a line); a time equal to one already kept does not replace it.
struct TimeRange {
    private var earliest = LogTime(seconds: .max, micros: .max)
    private var latest = LogTime(seconds: .min, micros: .min)
    private var noted = false

    @inline(__always)
    mutating func note(_ time: LogTime) {
        if time < earliest || !noted { earliest = time }
        if time > latest || !noted { latest = time }
        noted = true
    }

    var first: LogTime? { noted ? earliest : nil }
    var last: LogTime? { noted ? latest : nil }
}
