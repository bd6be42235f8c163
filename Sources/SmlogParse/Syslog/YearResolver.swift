/// Gives RFC 3164 lines a year, following a `YearReference` (see its cases for the rules).
struct YearResolver {
    private enum Mode { case fixed, reference }

    /// Years are kept inside 1...9999 so calendar arithmetic cannot overflow.
    private static let years = 1...9999

    private var mode: Mode
    /// `.reference`: the reference's local year and its position in a leap year.
    private var referenceYear = 0
    private var referenceOrdinal = 0
    /// `.fixed`: the year of the latest line in order, and its month (0 before any line).
    private var currentYear = 0
    private var previousMonth = 0
    private var hasWrapped = false

    init(_ reference: YearReference, clock: LocalTimeConverter) {
        switch reference {
        case .fixed(let year):
            mode = .fixed
            currentYear = year.clamped(to: Self.years)
        case .reference(let epochSeconds):
            mode = .reference
            let date = clock.localDate(epochSeconds: epochSeconds)
            referenceYear = date.year.clamped(to: Self.years)
            referenceOrdinal = CivilTime.ordinalInLeapYear(month: date.month, day: date.day)
        }
    }

    /// The year of a line dated `month`/`day`; `.fixed` mode also advances its state.
    mutating func year(month: Int, day: Int) -> Int {
        switch mode {
        case .reference:
            var year = referenceYear
            if CivilTime.ordinalInLeapYear(month: month, day: day) > referenceOrdinal + 1 {
                year -= 1
            }
            if month == 2 && day == 29 {
                // Leap years are at most eight apart.
                for _ in 0..<8 where !CivilTime.isLeapYear(year) { year -= 1 }
            }
            return year.clamped(to: Self.years)
        case .fixed:
            if previousMonth == 0 || month >= previousMonth - 6 && month <= previousMonth + 6 {
                previousMonth = month
            } else if month < previousMonth {
                currentYear = (currentYear + 1).clamped(to: Self.years)
                previousMonth = month
                hasWrapped = true
            } else if hasWrapped {
                // A straggler from before the wrap: date it back, keep the current year.
                return (currentYear - 1).clamped(to: Self.years)
            } else {
                // A long gap forward, with no wrap to straggle behind.
                previousMonth = month
            }
            return currentYear
        }
    }
}

extension Int {
    fileprivate func clamped(to range: ClosedRange<Int>) -> Int {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
