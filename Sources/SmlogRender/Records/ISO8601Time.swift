import SmlogParse

/// `2026-11-30T15:49:06Z` / `…+01:00`, in the offset the line was written in.
/// Pure arithmetic (days from civil), no Foundation.
public enum ISO8601Time {
    public static func format(_ time: LogTime) -> String {
        let local = time.seconds + Int64(time.utcOffset)
        var days = local / 86_400
        var secondsOfDay = local % 86_400
        if secondsOfDay < 0 {
            secondsOfDay += 86_400
            days -= 1
        }
        let (y, m, d) = civil(fromDays: days)
        var s = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T"
        s += "\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))"
        if time.utcOffset == 0 { return s + "Z" }
        let offset = Int64(abs(time.utcOffset))
        s += time.utcOffset < 0 ? "-" : "+"
        s += "\(pad(offset / 3600, 2)):\(pad(offset / 60 % 60, 2))"
        return s
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

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
