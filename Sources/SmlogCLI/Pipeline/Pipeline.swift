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

    /// Reads every input and drives the stages. `unrecognized` receives each line that
    /// is not understood (for `--unrecognized FILE` and the report's shapes).
    func run(
        correlator: inout Correlator,
        emit: (CorrelatedEvent) -> Void,
        unrecognized: (UnsafeRawBufferPointer) -> Void = { _ in }
    ) -> InputSummary {
        var summary = InputSummary()
        let (files, errors) = resolve()
        for error in errors {
            summary.errors.append(error.description)
            summary.unreadableInputs += 1
        }
        var parser = LogLineParser()
        var hostTracker = HostTracker()
        for file in files {
            summary.files.append(file.displayName)
            parser.beginFile(yearReference: yearReference(for: file))
            var linesBefore = summary.lines
            do {
                // With two cores, gzip inflates on a second thread while this one parses.
                var reader = try LineReader(
                    file, maxLineLength: options.maxLineLength,
                    inflateOnHelperThread: Self.processorCount > 1)
                let stats = try reader.forEachLine { line in
                    summary.lines += 1
                    let lineClass = parser.parse(line) { parsed in
                        let time = parsed.header.time
                        if summary.firstTime.map({ time < $0 }) ?? true { summary.firstTime = time }
                        if summary.lastTime.map({ time > $0 }) ?? true { summary.lastTime = time }
                        hostTracker.note(parsed.bytes.slice(parsed.header.host))
                        correlator.consume(parsed, emit: emit)
                    }
                    switch lineClass {
                    case .sendmail: summary.sendmailLines += 1
                    case .foreign: summary.foreignLines += 1
                    case .unrecognized:
                        summary.unrecognizedLines += 1
                        unrecognized(line)
                    }
                }
                summary.bytes += stats.bytes
                summary.oversizeLines += stats.oversizeLines
                summary.lines += stats.oversizeLines
                summary.unrecognizedLines += stats.oversizeLines
                linesBefore = -1
            } catch {
                summary.errors.append(error.description)
                if summary.lines == linesBefore { summary.unreadableInputs += 1 }
            }
        }
        parser.finish { part in
            summary.sendmailLines -= 1
            summary.unrecognizedLines += 1
            unrecognized(part)
        }
        correlator.finish(emit: emit)
        summary.hosts = hostTracker.names
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

/// Distinct syslog hosts, in order of appearance (a handful per input).
struct HostTracker {
    private var seen: [[UInt8]] = []
    private(set) var names: [String] = []
    private var last = -1

    mutating func note(_ host: UnsafeRawBufferPointer) {
        if last >= 0, seen[last].elementsEqual(host) { return }
        if let i = seen.firstIndex(where: { $0.elementsEqual(host) }) {
            last = i
            return
        }
        seen.append(Array(host))
        names.append(String(decoding: host, as: UTF8.self))
        last = seen.count - 1
    }
}
