#if canImport(Glibc)
import Glibc
#endif
import SmlogParse

/// `--since` / `--until` values: `2026-11-30`, `2026-11-30T15:00`, `2026-11-30 15:00:00`,
/// with an optional `Z` or `±hh:mm` offset (local time — TZ / `--tz` — without one),
/// `today`, `yesterday`, `now`, or relative to now: `-24h`, `-7d`, `-30m`, `-90s`.
enum TimeSpec {
    /// Epoch seconds for `text`, nil when it is not a time. `now` is injectable for tests.
    static func parse(_ text: String, now: Int64 = Int64(time(nil))) -> LogTime? {
        let value = text.trimmingSpaces()
        switch value.lowercased() {
        case "now": return LogTime(seconds: now)
        case "today": return LogTime(seconds: startOfLocalDay(now))
        case "yesterday": return LogTime(seconds: startOfLocalDay(startOfLocalDay(now) - 1))
        default: break
        }
        if value.hasPrefix("-"), let seconds = DurationOption.seconds(String(value.dropFirst())) {
            return LogTime(seconds: now - seconds)
        }
        return absolute(value)
    }

    /// The local midnight that starts the day containing `epoch`.
    static func startOfLocalDay(_ epoch: Int64) -> Int64 {
        var t = time_t(epoch)
        var parts = tm()
        localtime_r(&t, &parts)
        parts.tm_hour = 0
        parts.tm_min = 0
        parts.tm_sec = 0
        parts.tm_isdst = -1
        return Int64(mktime(&parts))
    }

    private static func absolute(_ text: String) -> LogTime? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var n = 0
            for b in bytes[from..<(from + count)] {
                guard b >= 48, b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let year = number(0, 4), bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let month = number(5, 2), let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var index = 10
        if index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") {
            guard let h = number(index + 1, 2), index + 3 < bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let m = number(index + 4, 2), h < 24, m < 60
            else { return nil }
            hour = h
            minute = m
            index += 6
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                guard let s = number(index + 1, 2), s < 61 else { return nil }
                second = s
                index += 3
            }
        }
        var offset: Int?
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                guard index + 1 == bytes.count else { return nil }
                offset = 0
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard let oh = number(index + 1, 2) else { return nil }
                var om = 0
                if index + 3 < bytes.count {
                    let colon = bytes[index + 3] == UInt8(ascii: ":") ? 1 : 0
                    guard let m = number(index + 3 + colon, 2), index + 5 + colon == bytes.count else { return nil }
                    om = m
                } else if index + 3 != bytes.count {
                    return nil
                }
                offset = (oh * 3600 + om * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            default:
                return nil
            }
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        if let offset {
            return LogTime(seconds: Int64(timegm(&parts)) - Int64(offset))
        }
        parts.tm_isdst = -1
        return LogTime(seconds: Int64(mktime(&parts)))
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
