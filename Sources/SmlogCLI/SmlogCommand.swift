import ArgumentParser

/// The `smlog` command line: one subcommand per job, all on the same pipeline.
public struct SmlogCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "smlog",
        abstract: "Sendmail log analyzer: daily reports, per-recipient delivery records, message traces.",
        discussion: """
            Reads sendmail syslog output (plain or gzip files, directories, standard input) as a \
            stream, ties the lines of each message together by queue id, and reports.

            Exit status: 0 all input was read; 1 output was produced but some input could not \
            be read (each problem is reported on standard error, one line naming the file); \
            2 usage error, or nothing could be read.
            """,
        version: SmlogVersion.current,
        subcommands: [ReportCommand.self, RecordsCommand.self, TraceCommand.self],
        defaultSubcommand: ReportCommand.self
    )

    public init() {}
}

public enum SmlogVersion {
    public static let current = "0.1.0"
}
