import SmlogParse

/// Calendar fields of a `LogTime` in the time zone the line was written in (its
/// `utcOffset`), by Howard Hinnant's days-from-civil arithmetic: no Foundation, no tz data.
public struct CivilTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Seconds east of UTC.
    public var utcOffset: Int

    public init(_ time: LogTime) {
        let local = time.seconds &+ Int64(time.utcOffset)
        let days = Self.floorDiv(local, 86_400)
        let secondOfDay = Int(local &- days &* 86_400)
        let (y, m, d) = Self.civil(fromDays: days)
        year = y
        month = m
        day = d
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        utcOffset = Int(time.utcOffset)
    }

    /// Days since 1970-01-01 of the local date of `time`.
    public static func localDayNumber(_ time: LogTime) -> Int64 {
        floorDiv(time.seconds &+ Int64(time.utcOffset), 86_400)
    }

    /// Local hour of day (0…23) of `time`.
    public static func localHour(_ time: LogTime) -> Int {
        let local = time.seconds &+ Int64(time.utcOffset)
        return Int((local &- floorDiv(local, 86_400) &* 86_400) / 3600)
    }

    /// `yyyy-mm-dd` of a day number.
    public static func dateLabel(dayNumber: Int64) -> String {
        let (y, m, d) = civil(fromDays: dayNumber)
        return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
    }

    /// `2026-11-30T15:49:06Z`, or `…+01:00` / `…-05:30` for other offsets (RFC 3339).
    public var iso8601: String {
        var s = Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
        s += "T" + Self.padded(hour, 2) + ":" + Self.padded(minute, 2) + ":" + Self.padded(second, 2)
        if utcOffset == 0 { return s + "Z" }
        let magnitude = abs(utcOffset)
        s += utcOffset < 0 ? "-" : "+"
        s += Self.padded(magnitude / 3600, 2) + ":" + Self.padded(magnitude % 3600 / 60, 2)
        return s
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// (year, month, day) of a day count since 1970-01-01 (proleptic Gregorian).
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        // Clamp to ±100 000 years so hostile timestamps cannot overflow the arithmetic below.
        let z = min(max(days, -36_524_250), 36_524_250) + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }

    /// `value` in decimal, zero-padded to `width` digits.
    public static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
