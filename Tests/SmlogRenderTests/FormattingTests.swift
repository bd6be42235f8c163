import SmlogAnalyze
@testable import SmlogRender
import Testing

@Suite struct FormattingTests {
    @Test(arguments: [
        (0, "0s"), (59, "59s"), (60, "1m00s"), (65, "1m05s"), (3599, "59m59s"), (3600, "1h00m"),
        (86_399, "23h59m"), (86_400, "1d00h"), (3 * 86_400 + 4 * 3600, "3d04h"), (-5, "0s"),
    ])
    func durationsAreCompact(seconds: Int, expected: String) {
        #expect(Formatting.duration(seconds) == expected)
    }

    @Test(arguments: [
        (0, "0 B"), (999, "999 B"), (1000, "1.0 kB"), (1234, "1.2 kB"), (999_949, "999.9 kB"),
        (999_950, "1.0 MB"), (1_234_567, "1.2 MB"), (5_000_000_000, "5.0 GB"), (Int.max, "9.2 EB"),
    ])
    func bytesUseDecimalUnits(value: Int, expected: String) {
        #expect(Formatting.bytes(value) == expected)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("tab\there", "tab\\there"),
        ("esc\u{1b}[2J", "esc\\x1b[2J"),
        ("nul\u{0}", "nul\\x00"),
        ("del\u{7f}", "del\\x7f"),
        ("c1\u{9b}", "c1\\u{9b}"),
        ("rtl\u{202e}x", "rtl\\u{202e}x"),
        ("kept \\033 octal", "kept \\033 octal"),
        ("ünïcödé ok", "ünïcödé ok"),
    ])
    func controlCharactersBecomeVisible(input: String, expected: String) {
        #expect(VisibleText.escape(input) == expected)
    }

    @Test func truncationMarksTheCut() {
        #expect(VisibleText.truncate("abcdef", to: 4) == "abc…")
        #expect(VisibleText.truncate("abc", to: 4) == "abc")
        #expect(VisibleText.truncate("abc", to: 0) == "")
    }

    @Test func longNamesAreCutToTheWidthInEveryTable() {
        var report = ReportFixture.report()
        let long = "a-very-long-relay-name-that-goes-on." + String(repeating: "x", count: 100) + ".example"
        report.relays.rows[0].relay = long
        report.deferrals.reasons[0].example = String(repeating: "word ", count: 40)
        for width in [60, 80, 100] {
            let text = String(decoding: TextRenderer(width: width).render(report), as: UTF8.self)
            for line in text.split(separator: "\n") {
                #expect(line.unicodeScalars.count <= width, "too wide at \(width): \(line)")
            }
        }
    }

    @Test func equationWrapsWhenNumbersAreHuge() {
        var report = ReportFixture.report()
        report.totals.recipients = 4_000_000_000_000
        report.totals.delivered = 1_000_000_000_000
        report.totals.bounced = 1_000_000_000_000
        report.totals.pending = 1_000_000_000_000
        report.totals.discarded = 1_000_000_000_000
        let text = String(decoding: TextRenderer().render(report), as: UTF8.self)
        #expect(text.contains("\n  recipients 4000000000000\n    = delivered 1000000000000 + bounced"))
        #expect(!text.contains("do not add up"))
    }
}
