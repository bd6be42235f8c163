import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import SmlogAnalyze
import SmlogCorrelate
import SmlogInput
import SmlogParse
import SmlogRender

/// `smlog trace ID`: one message across all its queue ids, notices and hops.
///
/// The input is not parsed in full: a prefilter searches the raw bytes for the id (and for
/// the ids found linked to it, widening as it goes, with a further pass over earlier input
/// when a link points back), and only the lines it keeps go through the parser and a
/// correlator of their own.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Follow one message through every queue id, hop and notice.",
        discussion: """
            ID is a queue id of any hop, a Message-ID (with or without <>), or an envelope \
            address (every message from or to it). <…> is a Message-ID; text with an @ is tried \
            as both a Message-ID and an address; 8-20 letters and digits with a digit is a queue \
            id; anything else is an address (a local user). --qid, --msgid and --address say \
            which it is.

            Exit status: 0 something was found; 1 nothing matched; 2 usage error, or no input \
            could be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("A queue id, a Message-ID or an address.", valueName: "id"))
    var id: String

    @OptionGroup var input: InputOptions

    @Flag(name: .customLong("qid"), help: "ID is a queue id.")
    var forceQueueID = false

    @Flag(name: .customLong("msgid"), help: "ID is a Message-ID.")
    var forceMessageID = false

    @Flag(name: .customLong("address"), help: "ID is an envelope sender or recipient address.")
    var forceAddress = false

    @Option(help: "Output format: text (for people and tickets) or json.")
    var format: Format = .text

    @Flag(help: "Also show each message's original log lines, in order.")
    var raw = false

    @Option(help: ArgumentHelp("Only messages received at or after this time: 2026-11-30, 2026-11-30T15:49[:06][Z|+01:00], today, yesterday, -24h.", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only messages received before this time (same forms as --since).", valueName: "time"))
    var until: String?

    @Option(help: ArgumentHelp("Only the N most recent messages.", valueName: "n"))
    var limit: Int?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if [forceQueueID, forceMessageID, forceAddress].filter({ $0 }).count > 1 {
            throw ValidationError("--qid, --msgid and --address exclude each other")
        }
        if query == nil { throw ValidationError("not a usable id: '\(id)'") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        Pipeline.applyTimeZone(input.tz)
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, TraceTimeBound.parse(value, now: Int64(time(nil))) == nil {
                throw ValidationError("\(name): not a date or time: \(value)")
            }
        }
    }

    private var query: TraceQuery? {
        let forced: TraceQuery.Kind? = forceQueueID ? .qid : forceMessageID ? .msgid : forceAddress ? .address : nil
        return TraceQuery.parse(id, forced: forced)
    }

    func run() throws {
        Pipeline.applyTimeZone(input.tz)
        guard let query else { throw ExitStatus.failure }
        let now = Int64(time(nil))
        let selection = TraceSelection(
            since: since.flatMap { TraceTimeBound.parse($0, now: now) },
            until: until.flatMap { TraceTimeBound.parse($0, now: now) },
            limit: limit)

        let (files, resolveErrors) = Pipeline(options: input).resolve()
        for error in resolveErrors { StandardError.write("smlog: \(error.description)") }
        guard !files.isEmpty else {
            if resolveErrors.isEmpty { StandardError.write("smlog: no input: name log files or pipe them in") }
            throw ExitStatus.failure
        }

        var discovery = TraceDiscovery(query: query, horizonSeconds: input.horizonSeconds)
        var discoveryFile = -1
        func enter(_ fileIndex: Int) {
            if fileIndex != discoveryFile {
                discovery.beginFile(yearReference: yearReference(for: files[fileIndex]))
                discoveryFile = fileIndex
            }
        }
        let collector = WideningCollector(files: files, maxLineLength: input.maxLineLength)
        let collected = collector.collect(
            initial: discovery.initialTokens.map(Self.prefilterToken),
            chunk: { line, fileIndex in
                enter(fileIndex)
                return PrefilterChunk(retire: discovery.quiet(before: line), time: discovery.chunkTime(line))
            },
            discover: { line, fileIndex in
                enter(fileIndex)
                let links = discovery.links(in: line)
                return PrefilterUpdate(add: links.found.map(Self.prefilterToken), retire: links.finished)
            })
        for error in collected.errors { StandardError.write("smlog: \(error.description)") }
        for warning in collected.warnings { StandardError.write("smlog: \(warning)") }
        if collected.unreadableInputs == files.count {
            throw ExitStatus.failure
        }

        let unrecognizedOut = try input.unrecognized.map { try OutputTarget.open($0) }
        var session = TraceSession(query: query, correlatorOptions: CorrelatorOptions(horizonSeconds: input.horizonSeconds))
        var sessionFile = -1
        for line in collected.lines {
            if line.fileIndex != sessionFile {
                session.beginFile(yearReference: yearReference(for: files[line.fileIndex]))
                sessionFile = line.fileIndex
            }
            line.bytes.withUnsafeBytes { bytes in
                if session.add(bytes) == .unrecognized, let unrecognizedOut {
                    unrecognizedOut.write(bytes)
                    unrecognizedOut.write([0x0A])
                }
            }
        }
        unrecognizedOut?.flush()
        let trace = session.finish(selection: selection, endOfInput: endOfInput(collected, files), includeRaw: raw)

        let out = try OutputTarget.open(output)
        switch format {
        case .text: out.write(TraceTextRenderer(includeRaw: raw).render(trace))
        case .json: out.write(TraceJSONRenderer(includeRaw: raw).render(trace))
        }
        out.flush()
        if input.stats {
            StandardError.write(
                "smlog: trace read \(collected.inputBytes) bytes in \(collected.passes) pass(es) "
                    + "(\(collected.bytesScanned) bytes scanned), kept \(collected.lines.count) line(s) "
                    + "of \(files.count) input(s)")
        }
        throw trace.messages.isEmpty ? ExitCode(1) : ExitStatus.success
    }

    private static func prefilterToken(_ token: TraceToken) -> PrefilterToken {
        PrefilterToken(
            token.bytes, caseInsensitive: token.caseInsensitive, firstAppearsHere: token.firstAppearsHere,
            notBefore: token.notBefore)
    }

    /// The time of the input's last line, when its header can be read.
    private func endOfInput(_ collected: CollectedInput, _ files: [InputFile]) -> LogTime? {
        guard let last = collected.lastLine, files.indices.contains(collected.lastLineFileIndex) else { return nil }
        var header = SyslogHeaderParser()
        header.setYearReference(yearReference(for: files[collected.lastLineFileIndex]))
        return last.withUnsafeBytes { header.parse(LineBytes($0))?.time }
    }

    /// The same year rule as every other subcommand (`--year`, else the file's modification time).
    private func yearReference(for file: InputFile) -> YearReference {
        if let year = input.year { return .fixed(year) }
        return .reference(epochSeconds: file.modificationTime ?? Int64(time(nil)))
    }
}
