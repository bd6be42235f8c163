import ArgumentParser
import SmlogCorrelate
import SmlogParse
import SmlogRender

/// `smlog records`: one delivery record per (message, recipient) final outcome.
struct RecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Write one delivery record per recipient of every message (NDJSON or CSV).",
        discussion: "Fields are listed in the README (section 'smlog records'). Pending recipients are written at the end of input."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: ndjson (one JSON object a line) or csv (RFC 4180 with a header row).")
    var format: RecordWriter.Format = .ndjson

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        Pipeline.applyTimeZone(input.tz)
        let out = try OutputTarget.open(output)
        let writer = RecordWriter(format: format)
        out.write(writer.header())
        let unrecognizedOut = try input.unrecognized.map { try OutputTarget.open($0) }
        // Only records are written: the per-line events (attempts, TLS, sessions...) are not
        // built, and the TLS and AUTH summaries they would come from are not read field by field.
        var correlator = Correlator(options: CorrelatorOptions(horizonSeconds: input.horizonSeconds, emitsLineEvents: false))
        var records = RecordOutput(writer: writer, out: out)
        let summary = Pipeline(options: input).run(
            correlator: &correlator,
            detail: .envelope,
            events: &records,
            unrecognized: { line, _ in
                guard let unrecognizedOut else { return }
                unrecognizedOut.write(line)
                unrecognizedOut.write([0x0A])
            })
        out.flush()
        unrecognizedOut?.flush()
        Diagnostics.report(summary, stats: input.stats)
        throw ExitStatus.after(summary)
    }
}

extension RecordWriter.Format: ExpressibleByArgument {}

/// Writes each record as the correlator completes it.
private struct RecordOutput: DeliveryRecordSink {
    let writer: RecordWriter
    let out: OutputStream

    mutating func record(_ record: DeliveryRecord) {
        writer.write(record) { maximumCount, body in out.write(maximumCount: maximumCount, body) }
    }
}
