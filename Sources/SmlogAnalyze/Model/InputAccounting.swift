import SmlogParse

/// What the CLI read, counted by the input and parse stages and handed to
/// `ReportBuilder.finish(input:)`. Every line read is exactly one of sendmail, foreign or
/// unrecognized (`lines == sendmailLines + foreignLines + unrecognizedLines`); oversize
/// lines are also counted in one of those.
public struct InputAccounting: Sendable, Equatable {
    /// Paths read, in order (`-` for standard input).
    public var files: [String]
    public var lines: Int
    public var sendmailLines: Int
    public var foreignLines: Int
    public var unrecognizedLines: Int
    /// Lines longer than the input stage's limit (joined or cut).
    public var oversizeLines: Int
    /// Read or decompression errors, one message each.
    public var errors: [String]
    /// Earliest and latest syslog timestamp of any line read.
    public var firstTimestamp: LogTime?
    public var lastTimestamp: LogTime?
    /// Syslog host names seen, sorted.
    public var hosts: [String]

    public init(
        files: [String] = [], lines: Int = 0, sendmailLines: Int = 0, foreignLines: Int = 0,
        unrecognizedLines: Int = 0, oversizeLines: Int = 0, errors: [String] = [],
        firstTimestamp: LogTime? = nil, lastTimestamp: LogTime? = nil, hosts: [String] = []
    ) {
        self.files = files
        self.lines = lines
        self.sendmailLines = sendmailLines
        self.foreignLines = foreignLines
        self.unrecognizedLines = unrecognizedLines
        self.oversizeLines = oversizeLines
        self.errors = errors
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.hosts = hosts
    }
}
