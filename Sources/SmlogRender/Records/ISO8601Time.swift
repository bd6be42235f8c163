import SmlogParse

/// `2026-11-30T15:49:06Z` / `…+01:00`, in the offset the line was written in.
/// Pure arithmetic (days from civil), no Foundation.
public enum ISO8601Time {
    public static func format(_ time: LogTime) -> String {
        var bytes: [UInt8] = []
        append(time, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The longest text `append` writes: a year of up to 19 digits, `-MM-DDTHH:MM:SS` and an
    /// offset of up to 6 hour digits (`+HHHHHH:MM`).
    static let maximumLength = 48

    /// Appends the formatted time to `out` (no intermediate strings).
    public static func append(_ time: LogTime, to out: inout [UInt8]) {
        out.appendWithCursor(maximumCount: maximumLength) { append(time, to: &$0) }
    }

    /// With a `dayCache`, the date of the last day written is copied instead of worked out again.
    static func append(_ time: LogTime, to out: inout ByteCursor, dayCache: ISO8601DayCache? = nil) {
        out.reserve(maximumLength)
        let local = time.seconds &+ Int64(time.utcOffset)
        var days = local / 86_400
        var secondsOfDay = Int(local % 86_400)
        if secondsOfDay < 0 {
            secondsOfDay += 86_400
            days -= 1
        }
        if let dayCache {
            dayCache.appendDate(ofDay: days, to: &out)
        } else {
            appendDate(ofDay: days, to: &out)
        }
        out.appendTwoDigits(secondsOfDay / 3600)
        out.append(UInt8(ascii: ":"))
        out.appendTwoDigits(secondsOfDay / 60 % 60)
        out.append(UInt8(ascii: ":"))
        out.appendTwoDigits(secondsOfDay % 60)
        if time.utcOffset == 0 {
            out.append(UInt8(ascii: "Z"))
            return
        }
        let offset = Int(time.utcOffset.magnitude)
        out.append(time.utcOffset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        out.appendDecimal(UInt64(offset / 3600), minimumWidth: 2)
        out.append(UInt8(ascii: ":"))
        out.appendTwoDigits(offset / 60 % 60)
    }

    /// `YYYY-MM-DDT` of `days` since 1970-01-01 (at most 20 bytes).
    static func appendDate(ofDay days: Int64, to out: inout ByteCursor) {
        let (y, m, d) = civil(fromDays: days)
        if (0...9999).contains(y) {
            out.appendFourDigits(Int(y))
        } else {
            out.appendDecimal(y < 0 ? 0 : UInt64(y), minimumWidth: 4)
        }
        out.append(UInt8(ascii: "-"))
        out.appendTwoDigits(Int(m))
        out.append(UInt8(ascii: "-"))
        out.appendTwoDigits(Int(d))
        out.append(UInt8(ascii: "T"))
    }

    /// Howard Hinnant's days-from-civil inverse.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

}
