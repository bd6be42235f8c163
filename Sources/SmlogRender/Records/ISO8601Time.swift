import SmlogParse

/// `2026-11-30T15:49:06Z` / `…+01:00`, in the offset the line was written in.
/// Pure arithmetic (days from civil), no Foundation.
public enum ISO8601Time {
    public static func format(_ time: LogTime) -> String {
        var bytes: [UInt8] = []
        append(time, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the formatted time to `out` (no intermediate strings).
    public static func append(_ time: LogTime, to out: inout [UInt8]) {
        let local = time.seconds + Int64(time.utcOffset)
        var days = local / 86_400
        var secondsOfDay = local % 86_400
        if secondsOfDay < 0 {
            secondsOfDay += 86_400
            days -= 1
        }
        let (y, m, d) = civil(fromDays: days)
        digits(y, 4, &out)
        out.append(UInt8(ascii: "-"))
        digits(m, 2, &out)
        out.append(UInt8(ascii: "-"))
        digits(d, 2, &out)
        out.append(UInt8(ascii: "T"))
        digits(secondsOfDay / 3600, 2, &out)
        out.append(UInt8(ascii: ":"))
        digits(secondsOfDay / 60 % 60, 2, &out)
        out.append(UInt8(ascii: ":"))
        digits(secondsOfDay % 60, 2, &out)
        if time.utcOffset == 0 {
            out.append(UInt8(ascii: "Z"))
            return
        }
        let offset = Int64(abs(time.utcOffset))
        out.append(time.utcOffset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        digits(offset / 3600, 2, &out)
        out.append(UInt8(ascii: ":"))
        digits(offset / 60 % 60, 2, &out)
    }

    /// `value` zero-padded to `width` digits (more when it does not fit).
    private static func digits(_ value: Int64, _ width: Int, _ out: inout [UInt8]) {
        var v = value < 0 ? 0 : value
        var count = 1
        var probe = v / 10
        while probe > 0 { count += 1; probe /= 10 }
        let n = max(count, width)
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n))
        var i = start + n - 1
        while v > 0 {
            out[i] = 48 + UInt8(v % 10)
            v /= 10
            i -= 1
        }
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
