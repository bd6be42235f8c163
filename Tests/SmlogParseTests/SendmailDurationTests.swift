import Testing
import SmlogParse
import TestSupport

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

    /// The word-at-a-time clock read agrees with the format as documented, on generated texts
    /// near `HH:MM:SS` (digits, colons, signs, other and high bytes anywhere, with and without days).
    @Test func generatedClocksMatchTheDocumentedFormat() {
        var random = SplitMix64(seed: 0xD0_4A7)
        let digits = Array("0123456789".utf8)
        let others = Array(":+-x/;".utf8) + [0x00, 0xFF, 0x3A, 0x40]
        for _ in 0..<20_000 {
            var clock = (0..<8).map { _ in digits[Int(random.next() % 10)] }
            clock[2] = UInt8(ascii: ":")
            clock[5] = UInt8(ascii: ":")
            for _ in 0..<Int(random.next() % 3) {
                clock[Int(random.next() % 8)] = others[Int(random.next() % UInt64(others.count))]
            }
            var bytes = clock
            switch random.next() % 4 {
            case 0: bytes = Array("\(random.next() % 1000)+".utf8) + clock
            case 1: bytes = Array(clock.dropFirst(Int(random.next() % 3)))
            default: break
            }
            let got = bytes.withUnsafeBytes { SendmailDuration.seconds(of: $0) }
            #expect(got == Self.reference(bytes), "\(bytes)")
        }
    }

    /// `[D+]H:M:S`, each component an optional `-` and 1 to 9 digits, days 1 to 9 digits; a
    /// negative total is 0.
    static func reference(_ bytes: [UInt8]) -> Int? {
        func number(_ part: ArraySlice<UInt8>) -> Int? {
            guard (1...9).contains(part.count), part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return part.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        var rest = bytes[...]
        var total = 0
        if let plus = rest.firstIndex(of: UInt8(ascii: "+")) {
            guard let days = number(rest[..<plus]) else { return nil }
            total = days * 86_400
            rest = rest[(plus + 1)...]
        }
        let parts = rest.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        for (part, unit) in zip(parts, [3_600, 60, 1]) {
            let negative = part.first == UInt8(ascii: "-")
            guard let value = number(negative ? part.dropFirst() : part) else { return nil }
            total += (negative ? -value : value) * unit
        }
        return max(0, total)
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
