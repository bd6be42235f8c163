/// The syslog wrapper of one line: when, which host, which program, and where the
/// program's own message starts. Produced by `SyslogHeaderParser`.
public struct SyslogHeader: Sendable {
    /// Which wrapper the line was written in.
    public enum Format: UInt8, Sendable {
        case rfc3164            // "Nov  3 04:05:06 host tag[pid]: " (also journalctl -o short)
        case rfc3339            // rsyslog RSYSLOG_FileFormat, journalctl -o short-iso(-precise)
        case rfc5424            // "<pri>1 2024-…T… host app procid msgid sd msg"
    }

    public var time: LogTime
    public var format: Format
    /// Host name as written (may be empty when the writer sent none, e.g. raw Solaris UDP).
    public var host: ByteRange
    /// Program name (`sendmail`, `sm-mta`, …); empty for `last message repeated` lines.
    public var tag: ByteRange
    /// Process id from `tag[pid]`, or -1 when absent.
    public var pid: Int32
    /// The program's message: after `tag[pid]: `, after a Solaris `[ID n fac.pri]` token,
    /// and for rsyslog `message repeated N times: [ … ]` the text inside the brackets.
    public var message: ByteRange
    /// 0 for an ordinary line; N for `last message repeated N times` (then `message` is
    /// empty) and for rsyslog's `message repeated N times: [...]` (then `message` is the
    /// repeated text, which is one more copy of an earlier line).
    public var repeatCount: Int32

    public init(
        time: LogTime, format: Format, host: ByteRange, tag: ByteRange, pid: Int32,
        message: ByteRange, repeatCount: Int32 = 0
    ) {
        self.time = time
        self.format = format
        self.host = host
        self.tag = tag
        self.pid = pid
        self.message = message
        self.repeatCount = repeatCount
    }
}
