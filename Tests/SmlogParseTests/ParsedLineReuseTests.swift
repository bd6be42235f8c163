import Testing
@testable import SmlogParse
import TestSupport

/// `LogLineParser` keeps one `ParsedLine` from line to line and clears only what the previous
/// line wrote; the per-line scans work eight bytes at a time. Both must give exactly what a
/// fresh parse and the byte-by-byte definitions give.
@Suite("Parsed line reuse and word-at-a-time value scans")
struct ParsedLineReuseTests {
    static let lines: [String] = [
        "Nov 29 00:00:08 vm sendmail[1]: 6AT0075T023868: to=<a@b.example>,<c@d.example> [more], ctladdr=<x@y> (1/2), delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30000, relay=mx.example. [192.0.2.1], dsn=2.0.0, tries=3, odd=1, more=2, many=3, stat=Sent (6AT0075U023869 Message accepted for delivery)",
        "Nov 29 00:00:08 vm sendmail[1]: 6AT0075T023868: done; delay=00:00:01, ntries=1",
        "Nov 29 00:00:08 vm sendmail[1]: STARTTLS=client, relay=smarthost.example., version=TLSv1.3, verify=FAIL, cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
        "Nov 29 00:00:08 vm sendmail[1]: STARTTLS=client, init=1",
        "Nov 29 00:00:08 vm sendmail[1]: NOQUEUE: connect from appsrv03.corp.example [10.20.0.13]",
        "Nov 29 00:00:08 vm sendmail[1]: 6AT0075T023868: from=<billing@corp.example>, size=1081, class=0, nrcpts=1, msgid=<1.2@x>, bodytype=8BITMIME, proto=ESMTP, daemon=MTA-v4, relay=appsrv03.corp.example [10.20.0.13]",
        "Nov 29 00:00:08 vm sendmail[1]: 6AT0075T023868: Milter: no active filter",
        "Nov 29 00:00:08 vm sendmail[1]: ruleset=check_rcpt, arg1=<u@v>, relay=h [192.0.2.9], reject=550 5.7.1 <u@v>... Relaying denied",
        "Nov 29 00:00:08 vm sendmail[1]: AUTH=server, relay=client.example [192.0.2.7], authid=joe, mech=PLAIN, bits=0",
        "Nov 29 00:00:08 vm sendmail[1]: tls_clt_features=empty, stat=0, relay=smarthost.example [127.0.0.1]",
        "Nov 29 00:00:08 vm sendmail[1]: 6AT0075T023868: 6AT0075T023870: DSN: User unknown",
        "Nov 29 00:00:08 vm sendmail[1]: 6AT0075T023868: to=root, delay=00:00:00, mailer=local, pri=1, dsn=2.0.0, stat=Sent",
    ]

    static func snapshots(_ parser: inout LogLineParser, _ text: String) -> [ParsedSnapshot] {
        var bytes = Array(text.utf8)
        var seen: [ParsedSnapshot] = []
        _ = bytes.withUnsafeMutableBytes { raw in
            parser.parse(UnsafeRawBufferPointer(raw)) { seen.append(ParsedSnapshot($0)) }
        }
        return seen
    }

    @Test("a parser reused over many lines gives what a fresh parser gives for each line")
    func reusedParserMatchesFreshParser() {
        var reused = LogLineParser()
        // Every order of neighbours: each line after a line with more fields and extras.
        for first in Self.lines {
            for second in Self.lines {
                _ = Self.snapshots(&reused, first)
                var fresh = LogLineParser()
                let expected = Self.snapshots(&fresh, second)
                #expect(!expected.isEmpty, "\(second)")
                #expect(Self.snapshots(&reused, second) == expected, "\(second) after \(first)")
            }
        }
    }

    // MARK: word-at-a-time helpers against their byte definitions

    /// Words holding `value` at `position` among several fillers.
    static func words(with value: UInt8, at position: Int) -> [UInt64] {
        [UInt8(ascii: "a"), UInt8(ascii: ","), 0x01, 0x2D, 0xFF].map { filler in
            var word: UInt64 = 0
            for k in 0..<8 {
                word |= UInt64(k == position ? value : filler) << UInt64(8 * k)
            }
            return word
        }
    }

    @Test("nonKeyBytes flags exactly the bytes isKeyByte rejects", arguments: 0..<8)
    func nonKeyBytesMatchesIsKeyByte(position: Int) {
        for value in UInt8.min...UInt8.max {
            for word in Self.words(with: value, at: position) {
                let nonKey = ByteText.nonKeyBytes(word)
                for k in 0..<8 {
                    let byte = UInt8(truncatingIfNeeded: word >> UInt64(8 * k))
                    let high = UInt64(0x80) << UInt64(8 * k)
                    #expect((nonKey & high != 0) == !ByteText.isKeyByte(byte), "byte \(byte) at \(k)")
                }
            }
        }
    }

    @Test("nonLetterBytes flags exactly the bytes that are no ASCII letter", arguments: 0..<8)
    func nonLetterBytesMatchesLetterRanges(position: Int) {
        for value in UInt8.min...UInt8.max {
            for word in Self.words(with: value, at: position) {
                let nonLetter = ByteText.nonLetterBytes(word)
                for k in 0..<8 {
                    let byte = UInt8(truncatingIfNeeded: word >> UInt64(8 * k))
                    let isLetter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    let high = UInt64(0x80) << UInt64(8 * k)
                    #expect((nonLetter & high != 0) == !isLetter, "byte \(byte) at \(k)")
                }
            }
        }
    }

    @Test("structuralCandidates flags every quoting byte and comma", arguments: 0..<8)
    func structuralCandidatesCoverStructuralBytes(position: Int) {
        let structural: Set<UInt8> = [0x2C, 0x22, 0x3C, 0x3E, 0x5C]
        for value in UInt8.min...UInt8.max {
            for word in Self.words(with: value, at: position) {
                let candidates = ByteText.structuralCandidates(word)
                for k in 0..<8 {
                    let byte = UInt8(truncatingIfNeeded: word >> UInt64(8 * k))
                    if structural.contains(byte) {
                        #expect(candidates & (UInt64(0x80) << UInt64(8 * k)) != 0, "byte \(byte) at \(k)")
                    }
                }
            }
        }
    }

    @Test func keyWordsOfTextAndLiteralsAgree() {
        let text = Array("relay=a, to=b, bodytype=c, quarantine=d".utf8)
        text.withUnsafeBytes { raw in
            let t = ByteText(raw, end: raw.count)
            #expect(t.keyWord(0, 5) == ByteText.keyWord("relay"))
            #expect(t.keyWord(9, 11) == ByteText.keyWord("to"))
            #expect(t.keyWord(15, 23) == ByteText.keyWord("bodytype"))
            #expect(t.keyWord(15, 22) != ByteText.keyWord("bodytype"))
            // Keys over eight bytes never equal a literal's word.
            #expect(t.keyWord(27, 37) != ByteText.keyWord("quarantine"))
            #expect(t.keyWord(27, 35) != ByteText.keyWord("quarantine"))
        }
    }

    @Test("the no-prefix pre-check never hides a prefix parse would find")
    func certainlyNoneAgreesWithParse() {
        let texts = [
            "6AT0075T023868: from=<a@b>", "NOQUEUE: connect from x", "NOQUEUE[2]: rest", "[1]: first part ...",
            "6AT0075T023868[12]: part", "STARTTLS: CRLFile missing", "AUTH: available mech=PLAIN",
            "Milter: no active filter", "OpenEMMab12345678: to=<a@b>", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH: x",
            "BAA26050: to=x", "tls_clt_features=empty, stat=0", "STARTTLS=client, init=1", "e6G2M7O04977: done; x",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                for end in [raw.count, 12, 17, 24] where end <= raw.count {
                    let t = ByteText(raw, end: end)
                    for start in 0..<end where IDPrefix.certainlyNone(t, at: start) {
                        let prefix = IDPrefix.parse(t, from: start)
                        #expect(prefix.kind == .none && prefix.part == 0, "\(text) from \(start) to \(end)")
                    }
                }
            }
        }
    }

    @Test("the strict queue id fast path reads every prefix as the no-prefix check and parse do")
    func prefixReadAgreesWithParse() {
        let texts = [
            "6AT0075T023868: from=<a@b>", "NOQUEUE: connect from x", "NOQUEUE[2]: rest", "[1]: first part ...",
            "6AT0075T023868[12]: part", "STARTTLS: CRLFile missing", "AUTH: available mech=PLAIN",
            "NOQUEUE12345: to=<a@b>, x", "NOQUEUEabc12345: to=x", "OpenEMMab12345678: to=<a@b>",
            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH: x", "BAA26050: to=x, delay=1",
            "BAA2605: to=x, delay=1", "ABCDEFGH12345: x y z w", "k1SN9pkK15806618: done; x, y",
            "xA32R2PQ3529565: to=<x>, y", "12345678901234: to=<x>", "ABCDEFGHIJKLMNO: to=<x>",
            "abc1234[5]: part ... more", "abcd12345]: to=x, y, z", "6AT0075T023868:x to=<a@b>",
            "6AT0075T023868 : to=<a@b>", "e6G2M7O04977: done; x", "tls_clt_features=empty, stat=0",
            "ABCDEFGHIJ\u{E9}12345: to=x, y, z", "ABCD1234\u{0}5678: to=x, y, z",
            "NOQUEUE:x", "NOQUEUE: ", "NOQUEUEx: to=x", "NOQUEUF: connect", "xNOQUEUE: to=x",
            "STARTTLS:x", "STARTTLS: ", "STARTTLT: x", "STARTTLSx: x", "STARTTL5: x", "STARTTLS12345: to=x",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                for end in [raw.count, 12, 15, 16, 17, 18, 24] where end <= raw.count {
                    let t = ByteText(raw, end: end)
                    for start in 0..<end {
                        let read = IDPrefix.read(t, at: start)
                        let expected = IDPrefix.certainlyNone(t, at: start)
                            ? IDPrefix(bodyStart: start) : IDPrefix.parse(t, from: start)
                        let context = "\(text) from \(start) to \(end)"
                        #expect(read.kind == expected.kind, "\(context)")
                        #expect(read.id == expected.id, "\(context)")
                        #expect(read.part == expected.part, "\(context)")
                        #expect(read.bodyStart == expected.bodyStart, "\(context)")
                        #expect(read.fallbackOnly == expected.fallbackOnly, "\(context)")
                    }
                }
            }
        }
    }

    @Test("common queue ids are decided without parse", arguments: [
        "6AT0075T023868: from=<a@b>", "BAA26050: to=x, delay=1", "xA32R2PQ3529565: to=<x>, y",
        "k1SN9pkK15806618: done; x",
    ])
    func strictQueueIDFastPath(text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            let end = IDPrefix.quickRead(ByteText(raw, end: raw.count), at: 0)
            #expect(end > 0 && raw[end] == UInt8(ascii: ":"))
        }
    }

    @Test("NOQUEUE and STARTTLS words are decided without parse")
    func noQueueAndStartTLSFastPath() {
        Array("NOQUEUE: connect from x".utf8).withUnsafeBytes { raw in
            let t = ByteText(raw, end: raw.count)
            #expect(IDPrefix.quickRead(t, at: 0) == IDPrefix.noQueue)
            let prefix = IDPrefix.read(t, at: 0)
            #expect(prefix.kind == .noQueue && prefix.id == ByteRange(0, 7) && prefix.bodyStart == 9)
        }
        Array("STARTTLS: CRLFile missing".utf8).withUnsafeBytes { raw in
            #expect(IDPrefix.quickRead(ByteText(raw, end: raw.count), at: 0) == IDPrefix.noPrefix)
        }
    }

    @Test func peerDescriptionSearchesMatchByteLoops() {
        var random = SplitMix64(seed: 0xC11E)
        let alphabet = Array("ab9.[] -:".utf8) + [0xC3, 0x00, 0xDB]
        for _ in 0..<1500 {
            let length = Int(random.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            bytes.withUnsafeBytes { raw in
                for end in Set([raw.count, raw.count / 2]) {
                    let t = ByteText(raw, end: end)
                    for lower in -1...raw.count {
                        for upper in lower...(raw.count + 1) {
                            let window = (max(lower, 0)..<max(min(upper, end), max(lower, 0)))
                            let last = window.last { raw[$0] == 0x5B }
                            #expect(t.lastIndex(of: 0x5B, from: lower, to: upper) == last, "\(bytes) \(lower)..<\(upper)")
                            let space = window.contains { raw[$0] == 0x20 }
                            #expect((t.index(of: 0x20, from: lower, to: upper) != nil) == space, "\(bytes) \(lower)..<\(upper)")
                            let first = window.first { raw[$0] == 0x2E }
                            #expect(t.index(of: 0x2E, from: lower, to: upper) == first, "\(bytes) \(lower)..<\(upper)")
                        }
                    }
                }
            }
        }
    }

    // MARK: value and list ends against byte-by-byte references

    /// Byte by byte: the first `separator` outside quotes and angle brackets (a backslash run
    /// hides the byte after it) for which `accept` holds, else nil; and whether every quote and
    /// bracket closed. The one statement of the quoting rules both references below use.
    static func referenceTopLevelSeparator(
        _ t: ByteText, from start: Int, _ separator: UInt8, accept: (Int) -> Bool
    ) -> (at: Int?, balanced: Bool) {
        var i = start
        var inQuote = false
        var depth = 0
        while i < t.end {
            switch t.base[i] {
            case 0x5C:
                while i < t.end && t.base[i] == 0x5C { i += 1 }
                i += 1
                continue
            case 0x22: inQuote.toggle()
            case 0x3C where !inQuote: depth += 1
            case 0x3E where !inQuote: if depth > 0 { depth -= 1 }
            case separator where !inQuote && depth == 0: if accept(i) { return (i, true) }
            default: break
            }
            i += 1
        }
        return (nil, !inQuote && depth == 0)
    }

    /// The value end as defined byte by byte (quotes, angle brackets, backslash runs; the first
    /// key-like separator anywhere when quoting never closes).
    static func referenceFieldEnd(_ t: ByteText, from start: Int, stopAtDiscard: Bool) -> (Int, Int) {
        func end(at i: Int) -> (Int, Int)? {
            let key = t.separatorKeyEnd(at: i)
            if key >= 0 { return (i, key) }
            if stopAtDiscard && t.isTrailingWord("discard", at: i) { return (i, -1) }
            return nil
        }
        let scan = referenceTopLevelSeparator(t, from: start, 0x2C) { end(at: $0) != nil }
        if let i = scan.at, let found = end(at: i) { return found }
        guard !scan.balanced else { return (t.end, -1) }
        for j in start..<t.end where t.base[j] == 0x2C {
            if let found = end(at: j) { return found }
        }
        return (t.end, -1)
    }

    static func referenceKeyEnd(_ t: ByteText, separatorAt j: Int) -> Int {
        guard j + 2 < t.end, t.base[j] == 0x2C, t.base[j + 1] == 0x20, ByteText.isAlnum(t.base[j + 2]) else { return -1 }
        var k = j + 3
        while k < t.end && ByteText.isKeyByte(t.base[k]) { k += 1 }
        return k < t.end && t.base[k] == 0x3D ? k : -1
    }

    static func randomText(_ random: inout SplitMix64) -> [UInt8] {
        let alphabet = Array("ab9_-=, <>\"\\;.@xy".utf8) + [0xC3, 0x00]
        let length = Int(random.next() % 40)
        return (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
    }

    @Test func valueEndsMatchTheByteByByteDefinition() {
        var random = SplitMix64(seed: 0xF1E1D)
        for _ in 0..<2000 {
            let bytes = Self.randomText(&random)
            bytes.withUnsafeBytes { raw in
                let t = ByteText(raw, end: raw.count)
                for start in 0...raw.count {
                    for stopAtDiscard in [false, true] {
                        let got = t.fieldEnd(from: start, stopAtDiscard: stopAtDiscard)
                        let want = Self.referenceFieldEnd(t, from: start, stopAtDiscard: stopAtDiscard)
                        #expect(got.valueEnd == want.0 && got.nextKeyEnd == want.1, "\(bytes) from \(start)")
                    }
                }
                for j in 0..<raw.count {
                    #expect(t.separatorKeyEnd(at: j) == Self.referenceKeyEnd(t, separatorAt: j), "\(bytes) at \(j)")
                }
            }
        }
    }

    @Test func keyEndsMatchTheByteByByteDefinition() {
        var random = SplitMix64(seed: 0x4E7E)
        var texts = ["relay=x", "ntries=1", "a=", "=x", "abcdefghijklmnop=1", "ab_cd-ef9=2", "key", "k\u{E9}y=1"].map { Array($0.utf8) }
        for _ in 0..<2000 { texts.append(Self.randomText(&random)) }
        for bytes in texts {
            bytes.withUnsafeBytes { raw in
                for end in Set([raw.count, raw.count / 2, max(raw.count - 1, 0)]) {
                    let t = ByteText(raw, end: end)
                    for i in -1...raw.count {
                        var want: Int? = nil
                        if i >= 0, i < end, ByteText.isAlnum(raw[i]) {
                            var k = i + 1
                            while k < end && ByteText.isKeyByte(raw[k]) { k += 1 }
                            want = k < end && raw[k] == 0x3D ? k : nil
                        }
                        #expect(t.keyEnd(at: i) == want, "\(bytes) at \(i) to \(end)")
                    }
                }
            }
        }
    }

    @Test func shortValueEndsMatchTheFullScan() {
        var random = SplitMix64(seed: 0x5407)
        var texts = [
            "size=1081, class=0, nrcpts=1, msgid=<a@b>, relay=x", "delay=00:00:00, xdelay=00:00:01, mailer=esmtp",
            "pri=31081, dsn=2.0.0, stat=Sent", "a=1,b=2, c=3", "mailer=x\\, y=1, z=2", "v=\"a, b=c\", d=e, f=g",
            "k=12345678, 9=x, zzzzzzzzzzzzzzzzzz", "relay=smarthost.lab.example., version=TLSv1.3, verify=FAIL",
            "cipher=TLS_AES_256_GCM_SHA384, bits=256/256", "r=abcdefghijklmnop\"q, x=y\", z=1, w=2",
            "r=abcdefghijklmnopqrstu<v, x=y, z", "r=abcdefghijklmnop, not a key, q=1",
            "to=<zoe.vogel@example.org>, delay=00:00:00", "ctladdr=<root@vm.example, x=1> (0/0), delay=1",
            "from=<\"a, b=c\"@x.example>, size=1", "msgid=<<a@b>, c=d>, e=f", "to=<a\\>, b=c>, d=e, f=g",
            "to=<unclosed@example.org, delay=00:00:00, x=1", "to=\"<q\"@x>, y=1, z=2, w=3",
            "r=abcdefghijklmnopqrstuvwxyz0123456789, x=1", "r=abcdefghijklmnopqrs\\t, x=1, y=2, z=3",
            "r=abcdefghijklmnopqrst, not a key, q=1, w=2", "bits=256/256", "b=256\"56", "b=2<6>", "b=,x=1",
            "delay=00:00:00, ABCDEFG=1, x", "delay=00:00:00, abcdefgh=1, x", "delay=00:00:00, ab9=1, x",
            "delay=00:00:00, a_b=1, xy", "delay=00:00:00, 9ab=1, xy", "delay=00:00:00, ab =1, xy",
            "delay=00:00:00, ab=", "delay=00:00:00, abcdefg=", "size=1081, class=0, nrcpts=1, msgid=<a@b>",
            "relay=smarthost.lab.example., version=TLSv1.3", "relay=smarthost.lab.exampl, version=TLSv1.3",
            "cipher=TLS_AES_256_GCM_SHA384, bits=256/256", "relay=abcdefghijklmnopqrstuvw, b=1",
            "relay=abcdefghijklmnopqrstuvwxyz, ABCDEFGH=1", "relay=abcdefghijklmnopq\"r, s=1\", t=2",
            "to=<zoe.vogel@example.org>, delay=00:00:00, xdelay=1", "msgid=<a,b@example.org>, proto=ESMTP",
            "to=<a|b~c^d@example.org>, delay=1, x", "ctladdr=<root@vm.example> (0/0), delay=1, x",
            "to=<abcdefghijklmnopqrstuvw>,x=1, y=2", "to=<abc\\>, d=e>, f=g, hhhhhhhhhhhh",
            "arg1=root@vm.lab.example, relay=localhost [127.0.0.1], discard", "arg1=abcdefghijklmnop, discard",
            "arg1=<a@b.example.org>, discard", "arg1=abcdefghijklmnopqrstuvwxyz, discard", "a=1, discard",
            "arg1=abcdefghijklmnopqrstu, discardx", "arg1=<abcdefghijklmnopq, discard",
            "relay=localhost [127.0.0.1], reject=550 5.7.1 <a@b>... not authenticated",
        ].map { Array($0.utf8) }
        for _ in 0..<2000 { texts.append(Self.randomText(&random)) }
        for bytes in texts {
            bytes.withUnsafeBytes { raw in
                for end in Set([raw.count, max(0, raw.count - 3)]) {
                    let t = ByteText(raw, end: end)
                    for start in 0...end {
                        let full = t.fieldEnd(from: start)
                        let fullToDiscard = t.fieldEnd(from: start, stopAtDiscard: true)
                        for skipping in [false, true] {
                            let toDiscard = t.shortFieldEndAndKey(from: start, skippingPlainStart: skipping, stopAtDiscard: true)
                            #expect(
                                toDiscard.valueEnd == fullToDiscard.valueEnd && toDiscard.nextKeyEnd == fullToDiscard.nextKeyEnd,
                                "\(bytes) from \(start) to \(end), to discard, skipping \(skipping)")
                            let keyed = t.shortFieldEndAndKey(from: start, skippingPlainStart: skipping)
                            #expect(
                                keyed.valueEnd == full.valueEnd && keyed.nextKeyEnd == full.nextKeyEnd,
                                "\(bytes) from \(start) to \(end), with key, skipping \(skipping)")
                            if keyed.nextKeyWord != 0 {
                                #expect(
                                    keyed.nextKeyWord == t.keyWord(keyed.valueEnd + 2, keyed.nextKeyEnd),
                                    "\(bytes) from \(start), skipping \(skipping)")
                            }
                        }
                    }
                }
            }
        }
    }

    /// Bracketed values (`to=<…>`, `msgid=<…>`) end by the bracket scan exactly where the full
    /// scan ends them: closed or not, with commas, quotes, backslashes, nested brackets and the
    /// bytes the candidate test also flags (`|`, `~`, `^`) inside, and any text after the `>`.
    @Test func bracketedValueEndsMatchTheFullScan() {
        var random = SplitMix64(seed: 0xB2AC)
        let inside = Array("ab9.@-_, <>\"\\|~^x".utf8) + [0xC3, 0xBE]
        let after = [", x=1, y", ", delay=00:00:00, xdelay=1", ",x=1, y=2", " (0/0), d=1, e", ", not a key, z=1",
                     ", ABCDEFGH=1, q", ", 9a=1, b", "", ", s=", ">, k=v, w"]
        for _ in 0..<3000 {
            let length = Int(random.next() % 34)
            var bytes = [UInt8(ascii: "<")] + (0..<length).map { _ in inside[Int(random.next() % UInt64(inside.count))] }
            if random.next() % 4 != 0 { bytes.append(UInt8(ascii: ">")) }
            bytes += Array(after[Int(random.next() % UInt64(after.count))].utf8)
            bytes.withUnsafeBytes { raw in
                for end in Set([raw.count, max(0, raw.count - 5)]) {
                    let t = ByteText(raw, end: end)
                    let full = t.fieldEnd(from: 0)
                    let angle = t.angleFieldEndAndKey(from: 0)
                    #expect(angle.valueEnd == full.valueEnd && angle.nextKeyEnd == full.nextKeyEnd, "\(bytes) to \(end)")
                    if angle.nextKeyWord != 0 {
                        #expect(angle.nextKeyWord == t.keyWord(angle.valueEnd + 2, angle.nextKeyEnd), "\(bytes) to \(end)")
                    }
                }
            }
        }
    }

    @Test func listElementsMatchTheByteByByteDefinition() {
        var random = SplitMix64(seed: 0x11575)
        for _ in 0..<2000 {
            let bytes = Self.randomText(&random)
            for separator in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\"")] {
                bytes.withUnsafeBytes { raw in
                    let got = Array(RecipientList(bytes: raw, range: ByteRange(0, raw.count), separator: separator))
                    let want = Self.referenceElements(raw, separator)
                    #expect(got == want, "\(bytes) split on \(separator)")
                }
            }
        }
    }

    static func referenceElements(_ raw: UnsafeRawBufferPointer, _ separator: UInt8) -> [ByteRange] {
        let t = ByteText(raw, end: raw.count)
        func elementEnd(_ start: Int) -> Int {
            let scan = referenceTopLevelSeparator(t, from: start, separator) { _ in true }
            if let i = scan.at { return i }
            return scan.balanced ? t.end : (t.index(of: separator, from: start) ?? t.end)
        }
        var result: [ByteRange] = []
        var position = 0
        while position < t.end {
            let end = elementEnd(position)
            let lo = t.skipSpaces(position)
            let hi = t.trimTrailing(lo, end)
            position = end + 1
            if hi > lo { result.append(ByteRange(lo, hi)) }
        }
        return result
    }
}
