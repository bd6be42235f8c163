/// Proleptic Gregorian calendar arithmetic on plain integers (no libc, no Foundation), after
/// Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms.
enum CivilTime {
    /// Days from 1970-01-01 to the given date. A day past the end of its month (February 29 of
    /// a common year) counts on into the next month, like `timegm`.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Seconds since the epoch of a wall-clock time read as UTC. Callers keep `year` within
    /// 0...9999 so nothing can overflow.
    static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int64 {
        let days = Int64(daysSinceEpoch(year: year, month: month, day: day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The date of a day number (days since 1970-01-01).
    static func date(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Longest possible length of each month (February 29 allowed), index 1...12.
    static func maxDays(inMonth month: Int) -> Int {
        switch month {
        case 2: return 29
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Position of a month/day in a leap year (January 1 = 1, December 31 = 366), so that
    /// month/day pairs can be compared across month ends whatever the year.
    static func ordinalInLeapYear(month: Int, day: Int) -> Int {
        let daysBefore = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5
        // daysBefore counts from March 1; shift so January 1 is 1.
        return month > 2 ? daysBefore + 60 + day : daysBefore - 306 + day
    }

    /// Floor division for a possibly negative dividend.
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
