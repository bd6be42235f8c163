import SmlogParse

/// What a parsed header says, copied out of the line so tests can compare after the
/// line's bytes are gone.
struct HeaderSnapshot: Equatable, CustomStringConvertible {
    var format: SyslogHeader.Format
    var host: String
    var tag: String
    var pid: Int32
    var message: String
    var seconds: Int64
    var micros: Int32
    var utcOffset: Int32
    var repeatCount: Int32

    var description: String {
        "\(format) host=\(host) tag=\(tag) pid=\(pid) t=\(seconds).\(micros) off=\(utcOffset) "
            + "repeat=\(repeatCount) msg=\(message)"
    }
}

extension SyslogHeaderParser {
    /// Parses `bytes` as one line and copies the result out.
    mutating func snapshot(_ bytes: [UInt8]) -> HeaderSnapshot? {
        bytes.withUnsafeBytes { raw in
            let line = LineBytes(raw)
            guard let header = parse(line) else { return nil }
            return HeaderSnapshot(
                format: header.format, host: line.string(header.host), tag: line.string(header.tag),
                pid: header.pid, message: line.string(header.message), seconds: header.time.seconds,
                micros: header.time.micros, utcOffset: header.time.utcOffset,
                repeatCount: header.repeatCount)
        }
    }

    mutating func snapshot(_ text: String) -> HeaderSnapshot? {
        snapshot(Array(text.utf8))
    }

    /// A parser reading zone-less stamps as UTC, with RFC 3164 years fixed to `year`.
    static func utc(year: Int) -> SyslogHeaderParser {
        var parser = SyslogHeaderParser(zone: .utc)
        parser.setYearReference(.fixed(year))
        return parser
    }
}
