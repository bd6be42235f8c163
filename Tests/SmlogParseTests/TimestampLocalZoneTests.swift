#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SmlogParse
import Testing
import TestSupport

/// RFC 3164 stamps read in the process time zone (`TZ`), as the CLI runs them.
@Suite("RFC 3164 local time in the process time zone", .serialized)
struct TimestampLocalZoneTests {
    static let berlin = "Europe/Berlin"

    private static func parser(year: Int) -> SyslogHeaderParser {
        var parser = SyslogHeaderParser()
        parser.setYearReference(.fixed(year))
        return parser
    }

    @Test("TZ=UTC reads the stamp as UTC with offset 0")
    func utcProcessZone() {
        ProcessTimeZone.with("UTC") {
            var parser = Self.parser(year: 2026)
            let header = parser.snapshot("Nov 30 15:49:06 vm sendmail[1349]: gethostbyaddr(192.0.2.2) failed: 1")
            #expect(header?.seconds == 1_796_053_746)  // 2026-11-30 15:49:06Z
            #expect(header?.utcOffset == 0)
        }
    }

    @Test("Europe/Berlin is +01:00 in winter and +02:00 in summer",
          .enabled(if: ProcessTimeZone.isInstalled(berlin)))
    func berlinWinterAndSummer() {
        ProcessTimeZone.with(Self.berlin) {
            var parser = Self.parser(year: 2026)
            let winter = parser.snapshot("Jan 15 12:00:00 vm sendmail[1]: x")
            let winterUTC: Int64 = 1_768_474_800  // 2026-01-15 11:00:00Z
            #expect(winter?.seconds == winterUTC)
            #expect(winter?.utcOffset == 3600)
            let summer = parser.snapshot("Jul 15 12:00:00 vm sendmail[1]: x")
            let summerUTC: Int64 = 1_784_109_600  // 2026-07-15 10:00:00Z
            #expect(summer?.seconds == summerUTC)
            #expect(summer?.utcOffset == 7200)
        }
    }

    /// Per-line `mktime` with `tm_isdst = -1`: the conversion the hour cache must reproduce.
    private static func mktimeOracle(_ f: UTCFields) -> Int64 {
        var fields = tm()
        fields.tm_year = Int32(f.year - 1900)
        fields.tm_mon = Int32(f.month - 1)
        fields.tm_mday = Int32(f.day)
        fields.tm_hour = Int32(f.hour)
        fields.tm_min = Int32(f.minute)
        fields.tm_sec = Int32(f.second)
        fields.tm_isdst = -1
        return Int64(mktime(&fields))
    }

    /// The wall-clock fields read as UTC, by libc `timegm`.
    private static func wallClockAsUTC(_ f: UTCFields) -> Int64 {
        var fields = tm()
        fields.tm_year = Int32(f.year - 1900)
        fields.tm_mon = Int32(f.month - 1)
        fields.tm_mday = Int32(f.day)
        fields.tm_hour = Int32(f.hour)
        fields.tm_min = Int32(f.minute)
        fields.tm_sec = Int32(f.second)
        return Int64(timegm(&fields))
    }

    @Test("Hour cache matches per-line mktime across both DST changes",
          .enabled(if: ProcessTimeZone.isInstalled(berlin)))
    func dstDaysMatchMktime() {
        ProcessTimeZone.with(Self.berlin) {
            var parser = Self.parser(year: 2026)
            for (name, month) in [("Mar", 3), ("Oct", 10)] {
                parser.setYearReference(.fixed(2026))
                let day = month == 3 ? 29 : 25
                for minuteOfDay in stride(from: 0, to: 24 * 60, by: 7) {
                    let wall = UTCFields(
                        year: 2026, month: month, day: day, hour: minuteOfDay / 60, minute: minuteOfDay % 60,
                        second: minuteOfDay % 60)
                    let text = "\(name) \(day) \(Self.two(wall.hour)):\(Self.two(wall.minute)):\(Self.two(wall.second)) vm sendmail[1]: x"
                    guard let header = parser.snapshot(text) else {
                        Issue.record("no header for \(text)")
                        continue
                    }
                    #expect(header.seconds == Self.mktimeOracle(wall), "\(text)")
                    #expect(Int64(header.utcOffset) == Self.wallClockAsUTC(wall) - header.seconds, "\(text)")
                }
            }
        }
    }

    @Test("setYearReference re-reads a TZ changed since the parser was made",
          .enabled(if: ProcessTimeZone.isInstalled(berlin)))
    func setYearReferenceRereadsZone() {
        ProcessTimeZone.with("UTC") {
            var parser = Self.parser(year: 2026)
            #expect(parser.snapshot("Jan 15 12:00:00 vm sendmail[1]: x")?.utcOffset == 0)
            ProcessTimeZone.switchTo(Self.berlin)
            parser.setYearReference(.fixed(2026))
            let header = parser.snapshot("Jan 15 12:00:00 vm sendmail[1]: x")
            #expect(header?.utcOffset == 3600)
            let winterUTC: Int64 = 1_768_474_800  // 2026-01-15 11:00:00Z
            #expect(header?.seconds == winterUTC)
        }
    }

    @Test("The reference's date is taken in local time",
          .enabled(if: ProcessTimeZone.isInstalled(berlin)))
    func referenceDateIsLocal() {
        // 2026-12-31 23:30:00Z is already 2027-01-01 00:30 in Berlin.
        let reference = YearReference.reference(epochSeconds: 1_798_759_800)
        let line = "Jan  1 00:10:00 vm sendmail[1]: x"
        ProcessTimeZone.with(Self.berlin) {
            var parser = SyslogHeaderParser()
            parser.setYearReference(reference)
            let header = parser.snapshot(line)
            #expect(header.map { UTCFields(epochSeconds: $0.seconds) }
                == UTCFields(year: 2026, month: 12, day: 31, hour: 23, minute: 10))
        }
        ProcessTimeZone.with("UTC") {
            var parser = SyslogHeaderParser()
            parser.setYearReference(reference)
            let header = parser.snapshot(line)
            #expect(header.map { UTCFields(epochSeconds: $0.seconds) }
                == UTCFields(year: 2026, month: 1, day: 1, hour: 0, minute: 10))
        }
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
