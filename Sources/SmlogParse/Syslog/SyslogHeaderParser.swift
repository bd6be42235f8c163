/// Parses the syslog wrapper of a line (every variant of sendmail-log-format.md §6).
/// STUB: signature only; the real implementation replaces this file.
public struct SyslogHeaderParser {
    public init() {}

    /// Sets how RFC 3164 lines get their year; call before each file.
    public mutating func setYearReference(_ reference: YearReference) {}

    /// Parses the header of `line`; nil when the line has no readable syslog header.
    public mutating func parse(_ line: LineBytes) -> SyslogHeader? { nil }
}
