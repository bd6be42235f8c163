#if canImport(Glibc)
import Glibc
#endif
import SmlogCorrelate
import SmlogInput
import SmlogParse

/// The one place that knows every stage: input → parse → correlate, handing each
/// correlated event to the caller (records, report or trace).
struct Pipeline {
    let options: InputOptions

    /// Sets the zone RFC 3164 timestamps are read in (before anything parses a time).
    static func applyTimeZone(_ tz: String?) {
        if let tz {
            setenv("TZ", tz, 1)
        }
        tzset()
    }

    /// The inputs to read, oldest first, and the errors met while looking for them.
    func resolve() -> (files: [InputFile], errors: [InputError]) {
        let (files, errors) = resolveInputs(options.files, stdinIsTerminal: isatty(0) != 0)
        return (orderOldestFirst(files), errors)
    }

    /// Reads every input and drives the stages: the correlator's events go to `events`, and
    /// `unrecognized` receives each line that is not understood, with `events` (for
    /// `--unrecognized FILE` and the report's shapes).
    ///
    /// Nothing stops the run but the end of the input: a file that cannot be opened, breaks
    /// off (a truncated or corrupt gzip), holds over-long lines or NUL holes, or is not a log
    /// at all gives one line in `summary.errors` naming it (and the line or byte offset where
    /// it applies), and every other line is still read.
    func run<Events: CorrelatedEventSink>(
        correlator: inout Correlator,
        detail: ParseDetail = .full,
        events: inout Events,
        unrecognized: (UnsafeRawBufferPointer, inout Events) -> Void = { _, _ in }
    ) -> InputSummary {
        var sink = LineSink(dropDuplicates: !options.keepDuplicates)
        let (files, errors) = resolve()
        for error in errors {
            sink.summary.errors.append(error.description)
            sink.summary.unreadableInputs += 1
        }
        if files.isEmpty && options.files.isEmpty {
            sink.summary.errors.append(
                "no input: name log files or directories, or pipe a log into standard input (see smlog --help)")
        }
        var parser = LogLineParser(detail: detail)
        for file in files {
            sink.summary.files.append(file.displayName)
            parser.beginFile(yearReference: yearReference(for: file))
            var reader: LineReader
            do {
                // With two cores, gzip inflates on a second thread while this one parses.
                reader = try LineReader(
                    file, maxLineLength: options.maxLineLength,
                    inflateOnHelperThread: Self.processorCount > 1)
            } catch {
                sink.summary.errors.append(error.description)
                sink.summary.unreadableInputs += 1
                continue
            }
            let headerlessBefore = parser.linesWithoutHeader
            let linesBefore = sink.summary.lines
            var nulHoles = NULHoles()
            var failure: InputError?
            do {
                try reader.forEachLine { raw in
                    sink.summary.lines += 1
                    var line = raw
                    if raw.first == 0 {
                        line = nulHoles.dropLeadingNULs(raw, lineNumber: sink.summary.lines - linesBefore)
                    }
                    sink.beginLine(line)
                    let lineClass = parser.parse(line) { parsed in
                        sink.accept(&parsed, correlator: &correlator, events: &events)
                    }
                    sink.summary.count(lineClass)
                    if lineClass == .unrecognized { unrecognized(raw, &events) }
                    // Part lines are only given up while the parser joins split lines: a line
                    // understood in place (the common case) cannot have left any, so the check is
                    // skipped for it. `takeUnjoined` (mutating) checks in place; the
                    // `hasUnjoined` getter would be handed a copy of the whole parser.
                    if !(lineClass == .sendmail && sink.handledInPlace) {
                        parser.takeUnjoined { part in
                            sink.summary.sendmailLines -= 1
                            sink.summary.unrecognizedLines += 1
                            unrecognized(part, &events)
                        }
                    }
                }
            } catch {
                failure = error
            }
            let stats = reader.stats
            sink.summary.bytes += stats.bytes
            sink.summary.oversizeLines += stats.oversizeLines
            sink.summary.lines += stats.oversizeLines
            sink.summary.unrecognizedLines += stats.oversizeLines

            var usable = true
            if let failure {
                if stats.lines == 0 {
                    sink.summary.errors.append(failure.description)
                    usable = false
                } else {
                    sink.summary.errors.append(failure.description + " (the \(stats.lines) lines before it were read)")
                }
            }
            if let first = stats.firstOversizeLine {
                let more = stats.oversizeLines > 1 ? " (\(stats.oversizeLines) such lines)" : ""
                sink.summary.errors.append(
                    "\(file.displayName): line \(first): longer than \(options.maxLineLength) bytes "
                        + "(--max-line-length), skipped\(more)")
            }
            if stats.lines > 0 && parser.linesWithoutHeader - headerlessBefore == stats.lines {
                nulHoles = NULHoles()  // part of the same junk: one line says it all
                sink.summary.errors.append(
                    "\(file.displayName): not a log: none of its \(stats.lines) lines has a syslog header "
                        + "(binary data or another format?)")
                usable = false
            }
            if let message = nulHoles.message(file: file.displayName) {
                sink.summary.errors.append(message)
            }
            if usable { sink.summary.usableInputs += 1 } else { sink.summary.unreadableInputs += 1 }
        }
        parser.finish { part in
            sink.summary.sendmailLines -= 1
            sink.summary.unrecognizedLines += 1
            unrecognized(part, &events)
        }
        correlator.finish(into: &events)
        var summary = sink.summary
        summary.hosts = sink.hostTracker.names
        summary.firstTime = sink.times.first
        summary.lastTime = sink.times.last
        return summary
    }

    static let processorCount = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    private func yearReference(for file: InputFile) -> YearReference {
        if let year = options.year { return .fixed(year) }
        return .reference(epochSeconds: file.modificationTime ?? Int64(time(nil)))
    }

    /// Rotated files in any order: oldest first by each file's first timestamp, the name as a
    /// tie-break; files whose first line has no readable time keep their place after them.
    private func orderOldestFirst(_ files: [InputFile]) -> [InputFile] {
        guard files.count > 1 else { return files }
        var keyed: [(time: LogTime?, index: Int, file: InputFile)] = []
        for (index, file) in files.enumerated() {
            var time: LogTime?
            if !file.isStandardInput, let first = try? firstLine(of: file) {
                var header = SyslogHeaderParser()
                header.setYearReference(yearReference(for: file))
                time = first.withUnsafeBytes { header.parse(LineBytes($0))?.time }
            }
            keyed.append((time, index, file))
        }
        keyed.sort { a, b in
            switch (a.time, b.time) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                if a.file.displayName != b.file.displayName { return a.file.displayName < b.file.displayName }
                return a.index < b.index
            }
        }
        return keyed.map(\.file)
    }
}

/// Distinct syslog hosts, in order of appearance. The last host is checked first (a word
/// compare: most lines repeat it); others are found through a hash of the name, so many
/// distinct hosts (spoofed senders) do not make each line scan them all.
struct HostTracker {
    private var seen: [[UInt8]] = []
    private(set) var names: [String] = []
    private var lastHost: [UInt8] = []
    private var indexByHash: [UInt64: Int] = [:]
    /// The last host as one masked little-endian word when it has 1 to 8 bytes (`lastWordCount`
    /// 0 otherwise): a line of the same host is then told by one load and compare (the array
    /// compare cost ~25 instructions a line).
    private var lastWord: UInt64 = 0
    private var lastWordCount = 0

    /// Notes the host at `range` of `line` (an empty host when the range lies outside it).
    @inline(__always)
    mutating func note(_ range: ByteRange, in line: UnsafeRawBufferPointer) {
        let lower = Int(range.lower), upper = Int(range.upper)
        guard lower >= 0, lower < upper, upper <= line.count, let base = line.baseAddress else {
            note(UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        let count = upper - lower
        // The word is read only where the line holds eight bytes from the host on (the tag
        // follows it in every line that has one).
        let fits = count <= 8 && lower + 8 <= line.count
        let mask: UInt64 = count >= 8 ? ~0 : (1 << UInt64(truncatingIfNeeded: count &* 8)) &- 1
        let word = fits ? base.loadUnaligned(fromByteOffset: lower, as: UInt64.self) & mask : 0
        if fits && count == lastWordCount && word == lastWord { return }
        note(UnsafeRawBufferPointer(rebasing: line[lower..<upper]))
        // Now `lastHost` is this host and `seen` holds it.
        lastWord = word
        lastWordCount = fits ? count : 0
    }

    @inline(__always)
    mutating func note(_ host: UnsafeRawBufferPointer) {
        if lastHost.withUnsafeBytes({ ByteEquality.equal($0, host) }) && !seen.isEmpty { return }
        noteOther(host)
    }

    private mutating func noteOther(_ host: UnsafeRawBufferPointer) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in host { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        lastHost.removeAll(keepingCapacity: true)  // no allocation when hosts alternate
        lastHost.append(contentsOf: host)
        if let candidate = indexByHash[hash] {
            if seen[candidate].elementsEqual(host) { return }
            if seen.contains(where: { $0.elementsEqual(host) }) { return }
        }
        seen.append(Array(host))
        names.append(String(decoding: host, as: UTF8.self))
        if indexByHash[hash] == nil { indexByHash[hash] = seen.count - 1 }
    }
}

/// Runs of NUL bytes at the start of a line: the hole a crash or a full disk leaves in a log
/// file (the file's size was written, its data was not). The NULs are skipped so the line that
/// follows the hole still counts; the first hole and how many lines had one are reported.
struct NULHoles {
    private(set) var firstLine = 0
    private(set) var firstLength = 0
    private(set) var lines = 0

    mutating func dropLeadingNULs(_ line: UnsafeRawBufferPointer, lineNumber: Int) -> UnsafeRawBufferPointer {
        var start = 0
        while start < line.count, line[start] == 0 { start += 1 }
        if lines == 0 {
            firstLine = lineNumber
            firstLength = start
        }
        lines += 1
        return UnsafeRawBufferPointer(rebasing: line[start...])
    }

    func message(file: String) -> String? {
        guard lines > 0 else { return nil }
        let more = lines > 1 ? " (\(lines) lines begin with NULs)" : ""
        return "\(file): line \(firstLine): \(firstLength) NUL byte\(firstLength == 1 ? "" : "s") skipped at the start of the line "
            + "(a hole left by a crash or a full disk?)\(more)"
    }
}
