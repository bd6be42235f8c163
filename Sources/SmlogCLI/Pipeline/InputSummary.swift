import SmlogParse

/// What reading the input amounted to: the accounting that must always balance
/// (lines = sendmail + foreign + unrecognized) and what could not be read.
public struct InputSummary: Sendable {
    public var files: [String] = []
    public var lines = 0
    public var sendmailLines = 0
    public var foreignLines = 0
    public var unrecognizedLines = 0
    /// Lines over `--max-line-length`: counted in `lines` and in `unrecognizedLines`.
    public var oversizeLines = 0
    public var bytes = 0
    /// One-line messages, each naming the file.
    public var errors: [String] = []
    /// Files (or stdin) of which nothing could be read.
    public var unreadableInputs = 0
    /// Inputs of which something was read (an empty file counts: it was read).
    public var usableInputs = 0
    /// Lines that repeat, byte for byte, one of the few thousand before them (a syslog relay
    /// forwarding twice): counted in their class again but not applied twice.
    public var duplicateLines = 0
    public var firstTime: LogTime?
    public var lastTime: LogTime?
    public var hosts: [String] = []

    public init() {}

    mutating func count(_ lineClass: LineClass) {
        switch lineClass {
        case .sendmail: sendmailLines += 1
        case .foreign: foreignLines += 1
        case .unrecognized: unrecognizedLines += 1
        }
    }

    /// Lines read = understood + foreign + unrecognised.
    public var balances: Bool { lines == sendmailLines + foreignLines + unrecognizedLines }
}
