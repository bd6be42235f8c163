import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import SmlogRender

/// `smlog report`: the daily report, as text (people, cron mail), JSON or CSV (machines).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The daily report: totals that reconcile, deferrals, relays, latency, bounces, rejects, queue, traffic.",
        discussion: """
            Sections (in text order): \(ReportSectionName.allCases.map(\.rawValue).joined(separator: ", ")). \
            Every figure is defined in the README (section 'smlog report').
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: text, json or csv.")
    var format: ReportFormat = .text

    @Option(help: "Rows kept in every ranked list.")
    var top: Int = 10

    @Option(help: ArgumentHelp("Only what happened at or after this time: 2026-11-30, 2026-11-30T08:00, today, yesterday, -24h.", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only what happened before this time (same forms as --since).", valueName: "time"))
    var until: String?

    @Option(name: .customShort("d"), help: ArgumentHelp("Shortcut for one day: today or yesterday (local time).", valueName: "day"))
    var day: String?

    @Option(help: ArgumentHelp("Only lines of this syslog host (repeatable).", valueName: "host"))
    var host: [String] = []

    @Option(help: ArgumentHelp("Sections to show, comma-separated (default: all).", valueName: "list"))
    var sections: String?

    @Option(help: ArgumentHelp("Sections to leave out, comma-separated.", valueName: "list"))
    var skip: String?

    @Option(help: ArgumentHelp("With --format csv: the table to write (a section name, deferrals-by-relay or queue-oldest).", valueName: "table"))
    var section: String = "summary"

    @Option(help: "Colour in text output: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    mutating func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if let day, !["today", "yesterday"].contains(day.lowercased()) {
            throw ValidationError("-d takes today or yesterday")
        }
        if day != nil, since != nil || until != nil { throw ValidationError("-d cannot be combined with --since/--until") }
        if let sections, ReportSectionName.parseList(sections) == nil { throw ValidationError("--sections: unknown section in '\(sections)'") }
        if let skip, ReportSectionName.parseList(skip) == nil { throw ValidationError("--skip: unknown section in '\(skip)'") }
        if format == .csv, CSVTable(rawValue: section) == nil {
            throw ValidationError("--section: no table '\(section)' (one of \(CSVTable.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func run() throws {
        Pipeline.applyTimeZone(input.tz)
        let options = try reportOptions()
        let out = try OutputTarget.open(output)
        let unrecognizedOut = try input.unrecognized.map { try OutputTarget.open($0) }
        var builder = ReportBuilder(options: options)
        var correlator = Correlator(options: CorrelatorOptions(horizonSeconds: input.horizonSeconds))
        let summary = Pipeline(options: input).run(
            correlator: &correlator,
            events: &builder,
            unrecognized: { line, builder in
                builder.addUnrecognized(line: line)
                if let unrecognizedOut {
                    unrecognizedOut.write(line)
                    unrecognizedOut.write([0x0A])
                }
            })
        let report = builder.finish(input: summary.accounting)
        switch format {
        case .text:
            out.write(TextRenderer(width: 80, color: color.enabled(for: output)).render(report))
        case .json:
            out.write(JSONRenderer(pretty: true).render(report))
        case .csv:
            let table = CSVTable(rawValue: section) ?? .summary
            out.write(try CSVRenderer().render(report, table: table))
        }
        out.flush()
        unrecognizedOut?.flush()
        Diagnostics.report(summary, stats: input.stats)
        throw ExitStatus.after(summary)
    }

    private func reportOptions() throws -> ReportOptions {
        var since: LogTime?
        var until: LogTime?
        if let day {
            let start = TimeSpec.parse(day)
            since = start
            until = start.map { LogTime(seconds: TimeSpec.startOfLocalDay($0.seconds + 36 * 3600)) }
        }
        if let text = self.since {
            guard let time = TimeSpec.parse(text) else { throw ValidationError("--since: not a time: \(text)") }
            since = time
        }
        if let text = self.until {
            guard let time = TimeSpec.parse(text) else { throw ValidationError("--until: not a time: \(text)") }
            until = time
        }
        var chosen = Set(sections.flatMap(ReportSectionName.parseList) ?? ReportSectionName.allCases)
        chosen.subtract(skip.flatMap(ReportSectionName.parseList) ?? [])
        if format == .csv, let table = CSVTable(rawValue: section) { chosen.insert(table.section) }
        return ReportOptions(topN: top, since: since, until: until, hosts: Set(host), sections: chosen)
    }
}

enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, csv
}

enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never

    /// Colour only on a terminal, never when NO_COLOR is set or TERM is dumb (auto).
    func enabled(for outputPath: String?) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if outputPath != nil && outputPath != "-" { return false }
            if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
            return isatty(1) != 0
        }
    }
}

extension InputSummary {
    /// The analyze stage's view of what was read.
    var accounting: InputAccounting {
        InputAccounting(
            files: files, lines: lines, sendmailLines: sendmailLines, foreignLines: foreignLines,
            unrecognizedLines: unrecognizedLines, oversizeLines: oversizeLines, errors: errors,
            firstTimestamp: firstTime, lastTimestamp: lastTime, hosts: hosts.sorted())
    }
}
