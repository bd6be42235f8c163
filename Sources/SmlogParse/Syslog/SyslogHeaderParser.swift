/// Parses the syslog wrapper of a line: every variant of sendmail-log-format.md §6 that a
/// sendmail log is found in (RFC 3164 with its vendor forms, RFC 3339, RFC 5424, journalctl
/// `short*` outputs). Works on the line's bytes and allocates nothing.
///
/// One parser per input file: `.fixed` year inference keeps state from line to line.
public struct SyslogHeaderParser: Sendable {
    private var clock: LocalTimeConverter
    private var years: YearResolver
    /// The last month/day given a year: runs of lines share it, and giving the same month/day
    /// the same year again is what the resolver would do in either mode.
    private var lastMonthDay = 0
    private var lastYear = 0
    /// The last written date and its day number, for stamps with an offset.
    private var lastDateKey = -1
    private var lastDayStart: Int64 = 0
    /// The timestamp bytes (with the space after them) of the last line given a time, and what
    /// they gave: syslog lines come in time order, so most lines repeat the previous line's
    /// stamp, and the same bytes give the same time again (the year and zone state only changes
    /// when a stamp differs from the last one). Saves reading and converting the stamp.
    private var stampKey = BytePrefixKey()
    private var stampTime = LogTime.zero
    private var stampFormat = SyslogHeader.Format.rfc3164
    private var stampIsRFC5424 = false
    private var programCache = ProgramPrefixCache()
    /// Two `stamp host tag[` prefixes of recent regular traditional lines. Most lines repeat
    /// the main one (minutes and seconds aside) and take only the pid and message read. A
    /// fully parsed line's prefix goes to the other one, so that a few lines of other programs
    /// do not displace the main stream; when the other one serves `otherRunToSwap` lines in a
    /// row, it becomes the main one.
    private var mainLine = LinePrefixCache()
    private var otherLine = LinePrefixCache()
    /// Lines in a row served by (or stored into) `otherLine`.
    private var otherRun = 0
    private static let otherRunToSwap = 4
    /// The kept prefix the last line repeated (or was stored into), whose `tagMemo` is that
    /// line's.
    private var lastPrefix = HeldPrefix.none
    /// A fact (nonzero) a caller derived from the tag of the line `parse` just read, kept by
    /// `keepTagMemo` with the prefix that line repeated; 0 when none is kept. Lines that repeat
    /// a prefix repeat its tag bytes, so the fact holds for them too: the caller does not derive
    /// it again (the sendmail tag test, ~30 instructions per line).
    private(set) var tagMemo: UInt8 = 0

    private enum HeldPrefix { case none, main, other }

    /// `zone` is the clock of timestamps that write no UTC offset; the default is the process
    /// time zone (`TZ`). The year reference starts as `.reference(now)`.
    public init(zone: LocalTimeZone = .process) {
        let clock = LocalTimeConverter(zone: zone)
        self.clock = clock
        self.years = YearResolver(.reference(epochSeconds: LocalTimeConverter.now()), clock: clock)
    }

    /// Sets how RFC 3164 lines get their year; call before each file. Also re-reads `TZ`.
    public mutating func setYearReference(_ reference: YearReference) {
        clock.reset()
        years = YearResolver(reference, clock: clock)
        lastMonthDay = 0
        stampKey.clear()
        mainLine.clear()
        otherLine.clear()
    }

    /// Parses the header of `line`; nil when the line has no readable syslog header.
    @inline(__always)
    public mutating func parse(_ line: LineBytes) -> SyslogHeader? {
        if let header = mainLine.header(HeaderBytes(line.base)) {
            otherRun = 0
            lastPrefix = .main
            tagMemo = mainLine.tagMemo
            return header
        }
        return parseAfterMiss(line)
    }

    /// Keeps `memo` (derived from the tag of the line `parse` just read) for `tagMemo`.
    mutating func keepTagMemo(_ memo: UInt8) {
        switch lastPrefix {
        case .main: mainLine.tagMemo = memo
        case .other: otherLine.tagMemo = memo
        case .none: break
        }
    }

    /// `parse` for a line that does not repeat the main prefix: the other one, else the full
    /// parse, whose prefix is kept when it was read the regular way (out of line: most lines
    /// never get here).
    @inline(never)
    private mutating func parseAfterMiss(_ line: LineBytes) -> SyslogHeader? {
        let b = HeaderBytes(line.base)
        if let header = otherLine.header(b) {
            otherRun += 1
            lastPrefix = .other
            tagMemo = otherLine.tagMemo
            if otherRun >= Self.otherRunToSwap {
                swap(&mainLine, &otherLine)
                otherRun = 0
                lastPrefix = .main
            }
            return header
        }
        lastPrefix = .none
        tagMemo = 0
        guard let header = parseInFull(line) else { return nil }
        let host = header.host, tag = header.tag
        // `host tag…` as its first two tokens: then the bytes up to the tag's end decide host and
        // tag. (A tag starting with `l` may be `last message repeated`, read past the tag.)
        if header.format != .rfc5424, !host.isEmpty, !tag.isEmpty,
            Int(tag.lower) == b.skipSpaces(Int(host.upper)), b[Int(tag.lower)] != UInt8(ascii: "l"),
            b[Int(tag.upper)] == ASCII.openBracket || b[Int(tag.upper)] == ASCII.colon
        {
            otherLine.store(b, header: header)
            otherRun = 1
            lastPrefix = .other  // (its memo is 0: `store` cleared it)
        }
        return header
    }

    /// The full parse, with the reuse of the last stamp and `host tag` results.
    @inline(__always)
    private mutating func parseInFull(_ line: LineBytes) -> SyslogHeader? {
        let b = HeaderBytes(line.base)
        if stampKey.matches(line.base, at: 0) {
            let i = b.skipSpaces(stampKey.length - 1)
            let part = stampIsRFC5424 ? RFC5424Fields.read(b, at: i) : ProgramPart.readTraditional(b, at: i, cache: &programCache)
            guard let part else { return nil }
            return SyslogHeader(
                time: stampTime, format: stampFormat, host: part.host, tag: part.tag, pid: part.pid,
                message: part.message, repeatCount: part.repeatCount)
        }
        // Lines of other programs mostly share the main stream's stamp, minutes and seconds aside.
        if let (time, length) = mainLine.stampTime(b) {
            let i = b.skipSpaces(length - 1)
            guard let part = ProgramPart.readTraditional(b, at: i, cache: &programCache) else { return nil }
            return SyslogHeader(
                time: time, format: .rfc3164, host: part.host, tag: part.tag, pid: part.pid,
                message: part.message, repeatCount: part.repeatCount)
        }
        return parseWithNewStamp(line)
    }

    /// `parse` for a line whose timestamp bytes differ from the last one's (out of line: in a
    /// log most lines repeat the previous stamp).
    @inline(never)
    private mutating func parseWithNewStamp(_ line: LineBytes) -> SyslogHeader? {
        let b = HeaderBytes(line.base)
        var i = 0
        var isRFC5424 = false
        if b[0] == ASCII.less {
            let (_, priorityEnd) = b.unsignedNumber(1, maxDigits: 3)
            guard priorityEnd > 1, b[priorityEnd] == ASCII.greater else { return nil }
            i = priorityEnd + 1
            // `<PRI>1 ` is RFC 5424 (VERSION is 1…999 and followed by a space).
            let (_, versionEnd) = b.unsignedNumber(i, maxDigits: 3)
            if versionEnd > i && b[versionEnd] == ASCII.space {
                isRFC5424 = true
                i = versionEnd + 1
            }
        }

        var stamp = SyslogTimestamp()
        var format = SyslogHeader.Format.rfc3164
        if ASCII.isDigit(b[i]) {
            if b[i + 4] == ASCII.space {
                // syslog-ng "YYYY Mmm dd hh:mm:ss"
                let year = b.fourDigits(i)
                guard !isRFC5424, year >= 1 else { return nil }
                i = SyslogTimestamp.readBSD(b, at: i + 5, into: &stamp)
                stamp.year = year
                guard stamp.month != 2 || stamp.day != 29 || CivilTime.isLeapYear(year) else { return nil }
            } else {
                i = SyslogTimestamp.readISO(b, at: i, into: &stamp)
                format = isRFC5424 ? .rfc5424 : .rfc3339
            }
        } else {
            guard !isRFC5424 else { return nil }
            i = SyslogTimestamp.readBSD(b, at: i, into: &stamp)
        }
        guard i >= 0, b[i] == ASCII.space else { return nil }
        let stampEnd = i
        i = b.skipSpaces(i)

        let part = isRFC5424 ? RFC5424Fields.read(b, at: i) : ProgramPart.readTraditional(b, at: i, cache: &programCache)
        guard let part else { return nil }
        let time = logTime(of: stamp)
        // The stamp was read from bytes 0...stampEnd only (stampEnd is the space after it).
        stampKey.store(line.base, at: 0, length: stampEnd + 1)
        stampTime = time
        stampFormat = format
        stampIsRFC5424 = isRFC5424
        return SyslogHeader(
            time: time, format: format, host: part.host, tag: part.tag, pid: part.pid,
            message: part.message, repeatCount: part.repeatCount)
    }

    /// Applies the written offset, or the local zone and the year inference.
    private mutating func logTime(of stamp: SyslogTimestamp) -> LogTime {
        var year = stamp.year
        if !stamp.hasYear {
            let monthDay = stamp.month << 5 | stamp.day
            if monthDay != lastMonthDay {
                lastYear = years.year(month: stamp.month, day: stamp.day)
                lastMonthDay = monthDay
                // The year state may have moved: the kept prefixes' times may no longer hold.
                mainLine.clear()
                otherLine.clear()
            }
            year = lastYear
        }
        if stamp.hasOffset {
            let dateKey = (year << 9) | (stamp.month << 5) | stamp.day
            if dateKey != lastDateKey {
                lastDayStart = CivilTime.seconds(
                    year: year, month: stamp.month, day: stamp.day, hour: 0, minute: 0, second: 0)
                lastDateKey = dateKey
            }
            let local = lastDayStart + Int64(stamp.hour * 3600 + stamp.minute * 60 + stamp.second)
            return LogTime(
                seconds: local - Int64(stamp.utcOffset), micros: stamp.micros, utcOffset: stamp.utcOffset)
        }
        return clock.instant(
            year: year, month: stamp.month, day: stamp.day, hour: stamp.hour, minute: stamp.minute,
            second: stamp.second, micros: stamp.micros)
    }
}
