#if canImport(Glibc)
import Glibc
#endif
import SmlogParse
import Testing

@Suite("RFC 3164 year inference")
struct TimestampYearInferenceTests {
    /// The UTC date and time a line comes out at, with zone-less stamps read as UTC.
    static func dates(_ lines: [String], reference: YearReference) -> [UTCFields?] {
        var parser = SyslogHeaderParser(zone: .utc)
        parser.setYearReference(reference)
        return lines.map { line in parser.snapshot(line).map { UTCFields(epochSeconds: $0.seconds) } }
    }

    // 2027-01-15 12:00:00Z, a file last written in mid-January.
    static let januaryReference = YearReference.reference(epochSeconds: 1_800_014_400)

    @Test("Reference in January puts Dec 31 in the year before and Jan 1 in its own year")
    func referenceYearAcrossNewYear() {
        let found = Self.dates(
            ["Dec 31 23:59:59 vm sendmail[1]: x", "Jan  1 00:00:01 vm sendmail[1]: x"],
            reference: Self.januaryReference)
        #expect(found == [
            UTCFields(year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59),
            UTCFields(year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 1),
        ])
    }

    @Test("Reference inference is stateless: order of lines does not matter")
    func referenceIsStateless() {
        let lines = ["Jan  1 00:00:01 vm sendmail[1]: x", "Dec 31 23:59:59 vm sendmail[1]: x",
                     "Jan 14 08:00:00 vm sendmail[1]: x", "Mar  3 08:00:00 vm sendmail[1]: x"]
        let found = Self.dates(lines, reference: Self.januaryReference).map { $0?.year }
        #expect(found == [2027, 2026, 2027, 2026])
    }

    @Test("One day after the reference is still this year, two days is last year")
    func oneDayOfSlack() {
        // 2027-01-01 00:30:00Z
        let reference = YearReference.reference(epochSeconds: 1_798_763_400)
        let found = Self.dates(
            ["Jan  2 10:00:00 vm sendmail[1]: x", "Jan  3 10:00:00 vm sendmail[1]: x"], reference: reference
        ).map { $0?.year }
        #expect(found == [2027, 2026])
    }

    @Test("Fixed year moves on at the Dec to Jan wrap")
    func fixedYearWraps() {
        let lines = ["Dec 31 23:59:59 vm sendmail[1]: x", "Jan  1 00:00:01 vm sendmail[1]: x",
                     "Feb  3 00:00:00 vm sendmail[1]: x"]
        let found = Self.dates(lines, reference: .fixed(2025)).map { $0?.year }
        #expect(found == [2025, 2026, 2026])
    }

    @Test("A late December line after the wrap neither moves the year back nor wraps twice")
    func fixedYearStraggler() {
        let lines = ["Dec 31 23:59:58 vm sendmail[1]: x", "Jan  1 00:00:01 vm sendmail[1]: x",
                     "Dec 31 23:59:59 vm sendmail[1]: x", "Jan  1 00:00:02 vm sendmail[1]: x"]
        let found = Self.dates(lines, reference: .fixed(2025)).map { $0?.year }
        #expect(found == [2025, 2026, 2025, 2026])
    }

    @Test("Six months back is not a wrap")
    func fixedYearSixMonthsBack() {
        let lines = ["Jul 10 00:00:00 vm sendmail[1]: x", "Jan 10 00:00:00 vm sendmail[1]: x"]
        let found = Self.dates(lines, reference: .fixed(2025)).map { $0?.year }
        #expect(found == [2025, 2025])
    }

    @Test("setYearReference starts the fixed-year state over")
    func setYearReferenceResetsState() {
        var parser = SyslogHeaderParser(zone: .utc)
        parser.setYearReference(.fixed(2025))
        _ = parser.snapshot("Dec 31 23:59:59 vm sendmail[1]: x")
        _ = parser.snapshot("Jan  1 00:00:01 vm sendmail[1]: x")
        parser.setYearReference(.fixed(2025))
        let again = parser.snapshot("Jan  1 00:00:01 vm sendmail[1]: x")
        #expect(again.map { UTCFields(epochSeconds: $0.seconds).year } == 2025)
    }

    @Test("Lines that write their year ignore and keep the fixed-year state")
    func writtenYearBypassesInference() {
        let lines = ["Dec 31 23:59:59 vm sendmail[1]: x", "2030-06-01T00:00:00Z vm sendmail[1]: x",
                     "Jan  1 00:00:01 vm sendmail[1]: x"]
        let found = Self.dates(lines, reference: .fixed(2025)).map { $0?.year }
        #expect(found == [2025, 2030, 2026])
    }

    @Test("February 29 goes to the latest leap year not after the reference")
    func februaryTwentyNinthWithReference() {
        let line = ["Feb 29 12:00:00 vm sendmail[1]: x"]
        // 2028-03-05: leap year itself.
        #expect(Self.dates(line, reference: .reference(epochSeconds: 1_835_827_200)) == [
            UTCFields(year: 2028, month: 2, day: 29, hour: 12)])
        // 2027-06-01: 2027 is common, so the line is from 2024.
        #expect(Self.dates(line, reference: .reference(epochSeconds: 1_811_808_000)) == [
            UTCFields(year: 2024, month: 2, day: 29, hour: 12)])
        // 2028-02-27: Feb 29 is two days ahead, so last year; 2027 is common, so 2024.
        #expect(Self.dates(line, reference: .reference(epochSeconds: 1_835_265_600)) == [
            UTCFields(year: 2024, month: 2, day: 29, hour: 12)])
    }

    @Test("February 29 with a fixed leap year, and a fixed common year runs on to March 1")
    func februaryTwentyNinthWithFixedYear() {
        let line = ["Feb 29 12:00:00 vm sendmail[1]: x"]
        #expect(Self.dates(line, reference: .fixed(2024)) == [UTCFields(year: 2024, month: 2, day: 29, hour: 12)])
        #expect(Self.dates(line, reference: .fixed(2025)) == [UTCFields(year: 2025, month: 3, day: 1, hour: 12)])
    }

    @Test("Default reference is now: a line dated today gets this year")
    func defaultReferenceIsNow() {
        let now = UTCFields(epochSeconds: Int64(time(nil)))
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = now.day < 10 ? " \(now.day)" : "\(now.day)"
        var parser = SyslogHeaderParser(zone: .utc)
        let header = parser.snapshot("\(months[now.month - 1]) \(day) 00:00:00 vm sendmail[1]: x")
        #expect(header.map { UTCFields(epochSeconds: $0.seconds) }
            == UTCFields(year: now.year, month: now.month, day: now.day))
    }

    @Test("Out-of-range fixed year is clamped, not trapped on")
    func absurdFixedYear() {
        let found = Self.dates(["Jan  1 00:00:00 vm sendmail[1]: x"], reference: .fixed(Int.max))
        #expect(found == [UTCFields(year: 9999, month: 1, day: 1)])
    }
}

extension TimestampYearInferenceTests {
    @Test("A long gap forward before any wrap stays in the same year")
    func fixedYearGapForward() {
        let lines = ["Mar 29 00:00:00 vm sendmail[1]: x", "Oct 25 00:00:00 vm sendmail[1]: x",
                     "Jan  2 00:00:00 vm sendmail[1]: x"]
        let found = Self.dates(lines, reference: .fixed(2026)).map { $0?.year }
        #expect(found == [2026, 2026, 2027])
    }
}
