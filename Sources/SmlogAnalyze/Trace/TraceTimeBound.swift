#if canImport(Glibc)
import Glibc
#endif
import SmlogParse

/// Reads the `--since` / `--until` values of `smlog trace`:
/// - `today`, `yesterday`: local midnight (in `TZ`, which `--tz` sets);
/// - `-24h`, `-2d`, `-90m`, `-3600s`: that long before now;
/// - `2026-11-30`: local midnight of that date;
/// - `2026-11-30T15:49`, `2026-11-30 15:49:06`: local time, or in the zone given by a trailing
///   `Z` or `+01:00` / `-0500`.
public enum TraceTimeBound {
    public static func parse(_ text: String, now: Int64) -> LogTime? {
        let value = text.trimmingSpaces
        switch value {
        case "now": return LogTime(seconds: now)
        case "today": return localMidnight(now)
        case "yesterday": return localMidnight(now).map { LogTime(seconds: localMidnightBefore($0.seconds)) }
        default: break
        }
        if value.hasPrefix("-"), let seconds = duration(String(value.dropFirst())) {
            return LogTime(seconds: now - seconds)
        }
        return dateTime(value)
    }

    private static func duration(_ text: String) -> Int64? {
        guard let last = text.last else { return nil }
        let units: [Character: Int64] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        guard let unit = units[last], let amount = Int64(text.dropLast()), amount >= 0, amount < Int64.max / unit / 2 else { return nil }
        return amount * unit
    }

    private static func dateTime(_ text: String) -> LogTime? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var n = 0
            for b in bytes[from..<(from + count)] {
                guard b &- 0x30 < 10 else { return nil }
                n = n * 10 + Int(b &- 0x30)
            }
            return n
        }
        guard bytes.count >= 10, let year = number(0, 4), bytes[4] == UInt8(ascii: "-"), let month = number(5, 2),
            bytes[7] == UInt8(ascii: "-"), let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var i = 10
        if i < bytes.count, bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: " ") {
            guard let h = number(i + 1, 2), i + 3 < bytes.count, bytes[i + 3] == UInt8(ascii: ":"), let m = number(i + 4, 2) else { return nil }
            hour = h
            minute = m
            i += 6
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                guard let s = number(i + 1, 2) else { return nil }
                second = s
                i += 3
            }
            guard hour < 24, minute < 60, second < 61 else { return nil }
        }
        if i == bytes.count {
            return localTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        }
        var offset = 0
        if bytes[i] == UInt8(ascii: "Z"), i + 1 == bytes.count {
            offset = 0
        } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            let sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = number(i + 1, 2) else { return nil }
            var rest = i + 3
            if rest < bytes.count, bytes[rest] == UInt8(ascii: ":") { rest += 1 }
            guard let om = number(rest, 2), rest + 2 == bytes.count, oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3_600 + om * 60)
        } else {
            return nil
        }
        let days = daysFromCivil(year, month, day)
        let utc = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - Int64(offset)
        return LogTime(seconds: utc, utcOffset: Int32(offset))
    }

    private static func localTime(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> LogTime? {
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        parts.tm_isdst = -1
        let seconds = mktime(&parts)
        guard seconds != -1 || (year == 1969 && month == 12 && day == 31) else { return nil }
        return LogTime(seconds: Int64(seconds), utcOffset: Int32(parts.tm_gmtoff))
    }

    private static func localMidnight(_ now: Int64) -> LogTime? {
        var clock = time_t(now)
        var parts = tm()
        guard localtime_r(&clock, &parts) != nil else { return nil }
        return localTime(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday), hour: 0, minute: 0, second: 0)
    }

    /// Local midnight of the day before the day that starts at `midnight`.
    private static func localMidnightBefore(_ midnight: Int64) -> Int64 {
        localMidnight(midnight - 12 * 3_600)?.seconds ?? midnight - 86_400
    }

    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
