import Testing
import SmlogParse

@Suite struct SendmailDurationTests {
    @Test(
        "brief interval format",
        arguments: [
            ("00:00:00", 0),
            ("00:00:11", 11),
            ("00:09:09", 549),
            ("03:48:49", 13_729),
            ("1+17:52:54", 150_774),
            ("8+03:40:15", 704_415),
            ("123+00:00:01", 10_627_201),
            ("0:0:7", 7),
            ("99:59:59", 359_999),
            ("19:05:30", 68_730),
            ("10+09:08:07", 896_887),
        ] as [(String, Int)])
    func validDurations(_ text: String, _ seconds: Int) {
        #expect(Self.seconds(text) == seconds)
    }

    /// A clock stepped back makes sendmail print signed components; the total is clamped to 0.
    @Test(
        "negative intervals clamp to zero",
        arguments: ["00:00:-5", "00:-1:-5", "-1:00:00", "-1:-2:-3"])
    func negativeDurations(_ text: String) {
        #expect(Self.seconds(text) == 0)
    }

    /// Mixed signs add up as written (sendmail never mixes them, but the reader must not trap).
    @Test func mixedSignsAddUp() {
        #expect(Self.seconds("00:01:-5") == 55)
    }

    @Test(
        "not a duration",
        arguments: [
            "", "00:00", "00:00:", ":00:00", "00:00:00x", "1+", "1+00:00", "+00:00:00", "a0:00:00",
            "00:00:00 ", " 00:00:00", "1234567890:00:00", "1+1+00:00:00", "--1:00:00", "00::00",
            "0/:00:00", "00:0::00", "00;00:00", "00:00:0:", "0\u{0}:00:00", "00:00:\u{FF}0", "00:00:0j",
        ])
    func invalidDurations(_ text: String) {
        #expect(Self.seconds(text) == nil)
    }

    @Test func readsAFieldOfAParsedLine() throws {
        var bytes = Array(sm("p879AR6l014283: to=<h@example.net>, delay=1+17:52:54, xdelay=00:00:42, mailer=esmtp, stat=Sent").utf8)
        let (delay, xdelay) = bytes.withUnsafeMutableBytes { raw -> (Int?, Int?) in
            let buffer = UnsafeRawBufferPointer(raw)
            let line = LineBytes(buffer)
            guard case .understood(let parsed) = SendmailMessageParser().parse(line, header: TestHeader.header(buffer)) else {
                return (nil, nil)
            }
            return (SendmailDuration.seconds(of: parsed[.delay], in: line), SendmailDuration.seconds(of: parsed[.xdelay], in: line))
        }
        #expect(delay == 150_774)
        #expect(xdelay == 42)
    }

    static func seconds(_ text: String) -> Int? {
        Array(text.utf8).withUnsafeBytes { SendmailDuration.seconds(of: $0) }
    }
}
