import SmlogParse
import Testing
import TestSupport

@Suite("Syslog header rejection and robustness")
struct SyslogHeaderRejectionTests {
    static let unreadableLines: [String] = [
        "",
        "N",
        "Nov",
        "Nov 99 04:05:06 host sendmail[1]: x",
        "Nov  0 04:05:06 host sendmail[1]: x",
        "Apr 31 04:05:06 host sendmail[1]: x",
        "Foo  3 04:05:06 host sendmail[1]: x",
        "Nov  3 24:05:06 host sendmail[1]: x",
        "Nov  3 04:60:06 host sendmail[1]: x",
        "Nov  3 04:05:61 host sendmail[1]: x",
        "Nov  3 04:05",
        "Nov  3 04:05:06",
        "Nov  3 04:05:06 ",
        "Nov  3 04:05:06 host",
        "Nov  3 04:05:06 host   ",
        "Nov  3 04:05:06.abc host sendmail[1]: x",
        "Nov  3 4:05:06 host sendmail[1]: x",
        "Nov   3 04:05:06 host sendmail[1]: x",
        "Nov  3 04:05:06<mail.info host sendmail[1]: x",
        "Nov  3 04:05:06 <mail.info host sendmail[1]: x",
        "2026-13-30T15:49:06+00:00 vm sendmail[1]: x",
        "2026-02-29T15:49:06+00:00 vm sendmail[1]: x",
        "0000-01-01T00:00:00Z vm sendmail[1]: x",
        "2026-11-30T15:49:06+25:00 vm sendmail[1]: x",
        "2026-11-30T15:49:06+01:7 vm sendmail[1]: x",
        "2026-11-30T15:49:06. vm sendmail[1]: x",
        "2026-11-30X15:49:06Z vm sendmail[1]: x",
        "2026-11-30T15:49:06Zvm sendmail[1]: x",
        "2026-11-30T15:49:06.524140+00:00",
        "-- Boot 5c3c8a6d8e0f4e6b9c1d2e3f4a5b6c7d --",
        "-- Reboot --",
        "-- No entries --",
        "<22>",
        "<22",
        "<abc>Nov  3 04:05:06 host sendmail[1]: x",
        "<1234>Nov  3 04:05:06 host sendmail[1]: x",
        "<22>1 - host sendmail 1 - - x",
        "<22>1 Nov  3 04:05:06 host sendmail 1 - - x",
        "<22>1 2024-11-30T13:59:55Z host",
        "<22>1 2024-11-30T13:59:55Z host sendmail 1 - [meta sequenceId=\"1\"",
        "<22>1 2024-11-30T13:59:55Z host sendmail 1 - [meta x=\"]\"",
        "<22>1 2024-11-30T13:59:55Z host sendmail 1 - ?bad",
        "<22>1 2024-11-30T13:59:55Z host sendmail 1 - -x",
        "web1: Oct 25 12:50:21 web1 sm-mta[6667]: x",
        "sm-mta[11761]: k79IaGJL011761: ruleset=check_mail, arg1=<direto@mkt.submarino.com.br>",
        "1675069200.123456 host sm-mta[1]: x",
    ]

    @Test("Line without a readable header gives nil", arguments: unreadableLines)
    func unreadableLineGivesNil(_ line: String) {
        var parser = SyslogHeaderParser.utc(year: 2026)
        #expect(parser.snapshot(line) == nil)
    }

    @Test("Binary bytes give nil")
    func binaryBytesGiveNil() {
        var parser = SyslogHeaderParser.utc(year: 2026)
        #expect(parser.snapshot([0x00, 0xFF, 0xFE, 0x0A, 0x0D, 0x80]) == nil)
        #expect(parser.snapshot([UInt8](repeating: 0, count: 64)) == nil)
        #expect(parser.snapshot([0x4E, 0x6F, 0x76, 0x00, 0x33, 0x20]) == nil)
    }

    /// Every ranged field of a header must lie inside the line.
    private static func rangesInside(_ header: SyslogHeader, count: Int) -> Bool {
        let ranges: [ByteRange] = [header.host, header.tag, header.message]
        return ranges.allSatisfy { (range: ByteRange) -> Bool in
            if range == .empty { return true }
            return range.lower >= 0 && range.lower <= range.upper && Int(range.upper) <= count
        }
    }

    static let wellFormedLines: [String] = {
        var cases: [HeaderCase] = SyslogHeaderVariantTests.bsdCases
        cases += SyslogHeaderVariantTests.isoCases
        cases += SyslogHeaderVariantTests.rfc5424Cases
        cases += SyslogHeaderVariantTests.vendorCases
        cases += SyslogHeaderVariantTests.quirkCases
        return cases.map(\.line)
    }()

    @Test("Every prefix of a good line parses or gives nil, never out of bounds", arguments: wellFormedLines)
    func prefixesStayInBounds(_ line: String) {
        var parser = SyslogHeaderParser.utc(year: 2026)
        let bytes = Array(line.utf8)
        for length in 0...bytes.count {
            let prefix = Array(bytes[0..<length])
            prefix.withUnsafeBytes { raw in
                if let header = parser.parse(LineBytes(raw)) {
                    #expect(Self.rangesInside(header, count: length), "prefix length \(length)")
                }
            }
        }
    }

    @Test("Corrupted bytes anywhere never escape the line")
    func corruptedBytesStayInBounds() {
        var parser = SyslogHeaderParser.utc(year: 2026)
        var random = SplitMix64(seed: 0x5EED)
        let poison: [UInt8] = [0x00, 0xFF, 0x20, 0x3A, 0x5B, 0x5D, 0x3C, 0x3E, 0x2D, 0x39, 0x22, 0x5C, 0xEF]
        var parsed = 0
        for round in 0..<20_000 {
            let source = Self.wellFormedLines[round % Self.wellFormedLines.count]
            var bytes = Array(source.utf8)
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let at = Int(random.next() % UInt64(bytes.count))
                bytes[at] = poison[Int(random.next() % UInt64(poison.count))]
            }
            if random.next() % 4 == 0 { bytes.removeLast(Int(random.next() % UInt64(bytes.count))) }
            bytes.withUnsafeBytes { raw in
                if let header = parser.parse(LineBytes(raw)) {
                    parsed += 1
                    #expect(Self.rangesInside(header, count: raw.count))
                }
            }
        }
        // Most corruptions miss the header, so most lines must still parse.
        #expect(parsed > 5_000)
    }
}
