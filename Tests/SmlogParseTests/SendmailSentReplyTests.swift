import Testing
import SmlogParse
import TestSupport

@Suite struct SendmailSentReplyTests {
    /// Runs `body` on the stat text as a whole line.
    static func withStat<T>(_ stat: String, _ body: (LineBytes, ByteRange) -> T) -> T {
        let bytes = Array(stat.utf8)
        return bytes.withUnsafeBytes { body(LineBytes($0), ByteRange(0, bytes.count)) }
    }

    static func downstream(_ stat: String) -> String? {
        withStat(stat) { line, range in
            SentReply.downstreamQueueID(inStat: range, of: line).map { line.string($0) }
        }
    }

    @Test(
        "downstream queue ids",
        arguments: [
            ("Sent (v9PCoLiO006667 Message accepted for delivery)", "v9PCoLiO006667"),
            ("Sent (DAA19487 Message accepted for delivery)", "DAA19487"),
            ("Sent (g16HNwC810485863 Message accepted for delivery)", "g16HNwC810485863"),
            ("Sent (Ok: queued as 4F2A1C0A2B)", "4F2A1C0A2B"),
            ("Sent (Ok: queued as 4F2A1C0A2B.)", "4F2A1C0A2B"),
            ("Sent (OK: QUEUED AS 4F2A1C0A2B)", "4F2A1C0A2B"),
            ("Sent (2.0.0 Ok: queued as 1ECEAF44C9)", "1ECEAF44C9"),
            ("Sent (OK id=1kT4Hh-0004Rr-Ab)", "1kT4Hh-0004Rr-Ab"),
            ("Sent (ok:  Message 40279894 accepted)", "40279894"),
        ] as [(String, String)])
    func downstreamIDs(_ stat: String, _ id: String) {
        #expect(Self.downstream(stat) == id)
    }

    @Test(
        "replies without a clear id",
        arguments: [
            "Sent",
            "Sent (OK 1352754085 j9si11007854paw.67)",
            "Sent (<00b601cd$4d50@example.com> [InternalId=14475985, Hostname=EX01] Queued mail for delivery)",
            "Sent (Ok)",
            "Sent (OK ; Job SMTP-NETMAIL (queue MULTINET_SMTP, entry 942) started on SMTP_MOM)",
            "Deferred: Connection refused by [127.0.0.1]",
            "Sent (v9PC Message accepted for delivery)",
            "Sent (Ok: queued as )",
            "Sent (Ok: queued as)",
            "Sent (",
        ])
    func noDownstreamID(_ stat: String) {
        #expect(Self.downstream(stat) == nil)
    }

    @Test(
        "sendmail hand-off form",
        arguments: [
            ("Sent (72DAbCdE004242 Message accepted for delivery)", true),
            ("Sent (DAA19487 Message accepted for delivery)", true),
            ("Sent (Ok: queued as 4F2A1C0A2B)", false),
            ("Sent (72DAbCdE004242 Message accepted for delivery) extra", false),
            ("Sent", false),
        ] as [(String, Bool)])
    func handOff(_ stat: String, _ expected: Bool) {
        #expect(Self.withStat(stat) { SentReply.isSendmailHandOff(stat: $1, of: $0) } == expected)
    }

    // MARK: against a byte-by-byte reading of the reply rules

    static let phrase = Array(" Message accepted for delivery".utf8)

    static func isIDByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E
    }

    static func isID(_ bytes: ArraySlice<UInt8>) -> Bool {
        (5...40).contains(bytes.count) && bytes.allSatisfy(isIDByte)
    }

    static func has(_ text: ArraySlice<UInt8>, _ literal: String, at i: Int, ignoringCase: Bool = false) -> Bool {
        let want = Array(literal.utf8)
        guard i >= text.startIndex, i + want.count <= text.endIndex else { return false }
        // Case folds ASCII letters only.
        func fold(_ c: UInt8) -> UInt8 { ignoringCase && c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        return zip(text[i..<(i + want.count)], want).allSatisfy { fold($0) == fold($1) }
    }

    /// The token from `i` up to a space, `,`, `;` or the end, without a final period.
    static func referenceToken(_ text: ArraySlice<UInt8>, from i: Int) -> ArraySlice<UInt8>? {
        guard i <= text.endIndex else { return nil }
        var end = text[i...].firstIndex { $0 == 0x20 || $0 == 0x2C || $0 == 0x3B } ?? text.endIndex
        if end > i && text[end - 1] == 0x2E { end -= 1 }
        return isID(text[i..<end]) ? text[i..<end] : nil
    }

    static func referenceInner(_ stat: [UInt8]) -> ArraySlice<UInt8>? {
        guard stat.count >= 8, has(stat[...], "Sent (", at: 0), stat.last == 0x29 else { return nil }
        return stat[6..<(stat.count - 1)]
    }

    static func referenceDownstream(_ stat: [UInt8]) -> ArraySlice<UInt8>? {
        guard let inner = referenceInner(stat) else { return nil }
        let lo = inner.startIndex
        if has(inner, "Ok: queued", at: lo), has(inner, " as ", at: lo + 10) { return referenceToken(inner, from: lo + 14) }
        if let space = inner.firstIndex(of: 0x20), Array(inner[space...]) == phrase {
            return isID(inner[lo..<space]) ? inner[lo..<space] : nil
        }
        let key = Array("queued as ".utf8)
        if inner.count >= key.count,
            let at = (lo...(inner.endIndex - key.count)).first(where: { has(inner, "queued as ", at: $0, ignoringCase: true) })
        {
            return referenceToken(inner, from: at + 10)
        }
        if has(inner, "OK id=", at: lo, ignoringCase: true) { return referenceToken(inner, from: lo + 6) }
        if has(inner, "ok:", at: lo, ignoringCase: true) {
            var m = lo + 3
            while m < inner.endIndex && inner[m] == 0x20 { m += 1 }
            if has(inner, "Message ", at: m), let id = referenceToken(inner, from: m + 8), has(inner, " accepted", at: id.endIndex) {
                return id
            }
        }
        return nil
    }

    static func referenceHandOff(_ stat: [UInt8]) -> Bool {
        guard let inner = referenceInner(stat), let space = inner.firstIndex(of: 0x20) else { return false }
        return Array(inner[space...]) == phrase && isID(inner[inner.startIndex..<space])
    }

    @Test func repliesMatchTheByteByByteReading() {
        var random = SplitMix64(seed: 0x5E47)
        let pieces = [
            "4F2A1C0A2B", "v9PCoLiO006667", "a.b-c_d", "x", "DAA19487", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef",
            " Message accepted for delivery", "Ok: queued as ", "OK id=", "ok:  Message ", " accepted", "queued as ",
            " ", ",", ";", ".", ":", "#", "A", "0", "-", "\u{E9}",
        ].map { Array($0.utf8) }
        var stats: [[UInt8]] = []
        for _ in 0..<4000 {
            var stat = Array("Sent (".utf8)
            for _ in 0..<(1 + Int(random.next() % 4)) { stat += pieces[Int(random.next() % UInt64(pieces.count))] }
            if random.next() % 8 != 0 { stat.append(0x29) }
            stats.append(stat)
        }
        // The table must reach the id-giving branches, not only replies without an id.
        #expect(stats.filter { Self.referenceDownstream($0) != nil }.count > 100)
        #expect(stats.filter(Self.referenceHandOff).count > 20)
        for stat in stats {
            stat.withUnsafeBytes { raw in
                let line = LineBytes(raw)
                let range = ByteRange(0, raw.count)
                let got = SentReply.downstreamQueueID(inStat: range, of: line).map { Array(raw[Int($0.lower)..<Int($0.upper)]) }
                let want = Self.referenceDownstream(stat).map(Array.init)
                #expect(got == want, "\(String(decoding: stat, as: UTF8.self))")
                #expect(
                    SentReply.isSendmailHandOff(stat: range, of: line) == Self.referenceHandOff(stat),
                    "\(String(decoding: stat, as: UTF8.self))")
            }
        }
    }
}
