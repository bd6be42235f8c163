/// When a sendmail 8.12+ queue id was made. Such an id starts with the local time it was
/// created in, one base-60 digit (`0-9A-Za-x`) each for the years since 1900 modulo 60, the
/// month (0-11),
/// the day, the hour, the minute and the second, then two sequence characters and the pid
/// (`6AUFnOhc001571`: 2026-11-30 15:49:24). No line of a queue id is older than the id, which
/// bounds how far back a trace must look for it.
enum QueueIDTime {
    /// The creation time as local wall-clock seconds (the clock of `LogTime.seconds +
    /// utcOffset`), taking the year nearest before `near` (same clock) that fits; nil when the
    /// id is not of that shape.
    static func wallSeconds(of qid: [UInt8], near: Int64) -> Int64? {
        guard qid.count >= 14, qid.count <= 17 else { return nil }
        for b in qid[8...] where b &- 0x30 >= 10 { return nil }
        var digits: [Int] = []
        for b in qid[0..<6] {
            guard let d = digit(b) else { return nil }
            digits.append(d)
        }
        let (yearCode, month, day, hour, minute, second) = (digits[0], digits[1] + 1, digits[2], digits[3], digits[4], digits[5])
        guard month <= 12, (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let (nearYear, _, _) = civil(fromDays: floorDiv(near, 86_400))
        // The latest year that fits, up to the one after `near`'s (then checked below).
        let latest = nearYear + 1 - 1900
        var year = 1900 + latest - ((latest - yearCode) % 60 + 60) % 60
        var seconds = daysFromCivil(year, month, day) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        if seconds > near + 86_400 {
            year -= 60
            seconds = daysFromCivil(year, month, day) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        }
        return seconds
    }

    private static func digit(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(b - 0x30)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(b - 0x41) + 10
        case UInt8(ascii: "a")...UInt8(ascii: "x"): Int(b - 0x61) + 36
        default: nil
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
