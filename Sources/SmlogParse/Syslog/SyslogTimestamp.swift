/// The fields of a syslog timestamp as written, before any year or zone is applied.
struct SyslogTimestamp {
    /// The written year, or 0 when the stamp has none (RFC 3164).
    var year = 0
    var month = 0
    var day = 0
    var hour = 0
    var minute = 0
    var second = 0
    var micros: Int32 = 0
    /// Seconds east of UTC when the stamp writes an offset (`Z`, `+01:00`, `+0100`).
    var utcOffset: Int32 = 0
    var hasOffset = false

    var hasYear: Bool { year != 0 }

    /// Reads `Mmm dd hh:mm:ss[.frac]` at `index`: day space-padded (`Nov  3`), zero-padded
    /// (`Nov 03`) or bare (`Nov 3`); the fraction is journalctl `short-precise`.
    /// Returns the index after the stamp, or -1.
    static func readBSD(_ b: HeaderBytes, at index: Int, into stamp: inout SyslogTimestamp) -> Int {
        let month = b.monthName(index)
        guard month != 0, b[index + 3] == ASCII.space else { return -1 }
        var i = index + 4
        if b[i] == ASCII.space { i += 1 }
        var day = b.digit(i)
        guard day < 10 else { return -1 }
        i += 1
        let second = b.digit(i)
        if second < 10 {
            day = day * 10 + second
            i += 1
        }
        guard b[i] == ASCII.space else { return -1 }
        stamp.month = month
        stamp.day = day
        return readClock(b, at: i + 1, into: &stamp)
    }

    /// Reads `YYYY-MM-DD(T| )hh:mm:ss[.frac][Z|±hh:mm|±hhmm]` at `index` (RFC 3339 and the
    /// journalctl `short-iso` forms). Without an offset the stamp is local time.
    /// Returns the index after the stamp, or -1.
    static func readISO(_ b: HeaderBytes, at index: Int, into stamp: inout SyslogTimestamp) -> Int {
        let year = b.fourDigits(index)
        guard year >= 1, b[index + 4] == ASCII.dash, b[index + 7] == ASCII.dash else { return -1 }
        let month = b.twoDigits(index + 5), day = b.twoDigits(index + 8)
        let separator = b[index + 10]
        guard month >= 1, day >= 1,
            separator == ASCII.upperT || separator == ASCII.lowerT || separator == ASCII.space
        else { return -1 }
        stamp.year = year
        stamp.month = month
        stamp.day = day
        var i = readClock(b, at: index + 11, into: &stamp)
        guard i >= 0 else { return -1 }
        let mark = b[i]
        if mark == ASCII.upperZ || mark == ASCII.lowerZ {
            stamp.hasOffset = true
            i += 1
        } else if mark == ASCII.plus || mark == ASCII.dash {
            let hours = b.twoDigits(i + 1)
            var minutesAt = i + 3
            if b[minutesAt] == ASCII.colon { minutesAt += 1 }
            let minutes = b.twoDigits(minutesAt)
            guard hours >= 0, hours <= 23, minutes >= 0, minutes <= 59 else { return -1 }
            let seconds = Int32(hours * 3600 + minutes * 60)
            stamp.utcOffset = mark == ASCII.plus ? seconds : -seconds
            stamp.hasOffset = true
            i = minutesAt + 2
        }
        // A written year must hold the written day (no February 29 in a common year).
        guard stamp.month != 2 || stamp.day != 29 || CivilTime.isLeapYear(year) else { return -1 }
        return i
    }

    /// Reads `hh:mm:ss[.frac]`, checks every range, and returns the index after it, or -1.
    private static func readClock(_ b: HeaderBytes, at index: Int, into stamp: inout SyslogTimestamp) -> Int {
        let hour = b.twoDigits(index), minute = b.twoDigits(index + 3), second = b.twoDigits(index + 6)
        guard hour >= 0, hour <= 23, minute >= 0, minute <= 59, second >= 0, second <= 60,
            b[index + 2] == ASCII.colon, b[index + 5] == ASCII.colon,
            stamp.month >= 1, stamp.month <= 12,
            stamp.day >= 1, stamp.day <= CivilTime.maxDays(inMonth: stamp.month)
        else { return -1 }
        stamp.hour = hour
        stamp.minute = minute
        stamp.second = second
        var i = index + 8
        if b[i] == ASCII.dot {
            // Keep microseconds; digits past the sixth are read and dropped.
            i += 1
            let start = i
            var micros = 0
            while i < b.count {
                let d = b.digit(i)
                guard d < 10 else { break }
                if i &- start < 6 { micros = micros &* 10 &+ d }
                i += 1
            }
            switch i - start {
            case 0: return -1
            case 1: micros &*= 100_000
            case 2: micros &*= 10_000
            case 3: micros &*= 1000
            case 4: micros &*= 100
            case 5: micros &*= 10
            default: break
            }
            stamp.micros = Int32(truncatingIfNeeded: micros)
        }
        return i
    }
}
