import Testing
@testable import SmlogParse
import TestSupport

/// from= and to= lines are read expecting sendmail's key order (`ExpectedKeys`); keys in any
/// other order, repeated keys and unknown keys must parse exactly as the general key loop reads
/// them: each known key to its field (a later value replacing an earlier one), unknown keys kept
/// as extras in order, `stat=` (to=) and `relay=` (from=) running to the end of the line.
@Suite("Key order in from= and to= lines")
struct SendmailKeyOrderTests {
    /// One line and every field and extra its parse must give (no other field may be set).
    struct ExactCase: Sendable, CustomTestStringConvertible {
        let message: String
        let kind: EventKind
        let fields: [Field: String]
        var extras: [String] = []
        /// Unknown keys counted, when more than the four kept.
        var extraCount: Int? = nil
        var testDescription: String { message }
    }

    static func checkExactly(_ c: ExactCase, sourceLocation: SourceLocation = #_sourceLocation) {
        let got = parseSendmail(sm("62SA01aB004101: " + c.message))
        #expect(got.verdict == .understood, sourceLocation: sourceLocation)
        #expect(got.kind == c.kind, sourceLocation: sourceLocation)
        #expect(got.fields == c.fields, sourceLocation: sourceLocation)
        #expect(got.extras == c.extras, sourceLocation: sourceLocation)
        #expect(got.extraCount == (c.extraCount ?? c.extras.count), sourceLocation: sourceLocation)
    }

    static let deliveries: [ExactCase] = [
        ExactCase(
            message: "to=<a@b.example>, delay=00:00:01, ctladdr=root (0/0), xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx.b.example. [192.0.2.1], dsn=2.0.0, stat=Sent (ok)",
            kind: .delivery,
            fields: [
                .to: "<a@b.example>", .delay: "00:00:01", .ctladdr: "root (0/0)", .xdelay: "00:00:01",
                .mailer: "esmtp", .pri: "1", .relay: "mx.b.example. [192.0.2.1]", .dsn: "2.0.0", .stat: "Sent (ok)",
            ]),
        // Keys in reverse order: stat= is not last, so it runs to the end of the line.
        ExactCase(
            message: "to=<a@b.example>, stat=Sent, dsn=2.0.0, relay=x, pri=1, mailer=esmtp, xdelay=00:00:01, delay=00:00:02",
            kind: .delivery,
            fields: [.to: "<a@b.example>", .stat: "Sent, dsn=2.0.0, relay=x, pri=1, mailer=esmtp, xdelay=00:00:01, delay=00:00:02"]),
        ExactCase(
            message: "to=root, pri=30000, mailer=local, delay=00:00:00, dsn=2.0.0, xdelay=00:00:00, relay=local, stat=Sent",
            kind: .delivery,
            fields: [
                .to: "root", .pri: "30000", .mailer: "local", .delay: "00:00:00", .dsn: "2.0.0",
                .xdelay: "00:00:00", .relay: "local", .stat: "Sent",
            ]),
        // Repeated keys: the later value is kept, whether the repeat is the expected next key or not.
        ExactCase(
            message: "to=<a@b.example>, delay=00:00:01, delay=00:00:02, xdelay=00:00:03, mailer=esmtp, mailer=relay, pri=1, pri=2, relay=r1, relay=r2, dsn=4.0.0, dsn=5.0.0, stat=Deferred",
            kind: .delivery,
            fields: [
                .to: "<a@b.example>", .delay: "00:00:02", .xdelay: "00:00:03", .mailer: "relay", .pri: "2",
                .relay: "r2", .dsn: "5.0.0", .stat: "Deferred",
            ]),
        ExactCase(
            message: "to=<a@b.example>, to=<c@d.example>, ctladdr=x, ctladdr=y, delay=1, stat=queued",
            kind: .delivery,
            fields: [.to: "<c@d.example>", .ctladdr: "y", .delay: "1", .stat: "queued"]),
        // Unknown keys anywhere, kept in order; keys that start like an expected one are not it.
        ExactCase(
            message: "to=<a@b.example>, delay=00:00:01, delayed=5, xdelay=00:00:01, Mailer=X, mailer=esmtp, pris=3, pri=1, dsn=2.0.0, stats=no, stat=Sent",
            kind: .delivery,
            fields: [
                .to: "<a@b.example>", .delay: "00:00:01", .xdelay: "00:00:01", .mailer: "esmtp", .pri: "1",
                .dsn: "2.0.0", .stat: "Sent",
            ],
            extras: ["delayed=5", "Mailer=X", "pris=3", "stats=no"]),
        // More than four unknown keys: four kept, all counted.
        ExactCase(
            message: "to=x, a1=1, delay=1, b2=2, c-3=3, mailer=m, d_4=4, pri=1, e5=5, dsn=2.0.0, stat=Sent",
            kind: .delivery,
            fields: [.to: "x", .delay: "1", .mailer: "m", .pri: "1", .dsn: "2.0.0", .stat: "Sent"],
            extras: ["a1=1", "b2=2", "c-3=3", "d_4=4"], extraCount: 5),
        // reply= after dsn= runs up to `, stat=`; then stat= as usual.
        ExactCase(
            message: "to=<u@x.example>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=3032, relay=mx.x.example. [192.0.2.5], dsn=5.1.1, reply=550 5.1.1 <u@x.example>, user unknown, stat=User unknown",
            kind: .delivery,
            fields: [
                .to: "<u@x.example>", .delay: "00:00:00", .xdelay: "00:00:00", .mailer: "esmtp", .pri: "3032",
                .relay: "mx.x.example. [192.0.2.5]", .dsn: "5.1.1", .reply: "550 5.1.1 <u@x.example>, user unknown",
                .stat: "User unknown",
            ]),
        // reply= before other keys runs over them up to `, stat=`.
        ExactCase(
            message: "to=<u@x.example>, reply=421 busy, delay=1, reply=450 later, stat=Deferred: 450 later",
            kind: .delivery,
            fields: [.to: "<u@x.example>", .reply: "421 busy, delay=1, reply=450 later", .stat: "Deferred: 450 later"]),
        // reply= without a stat= after it ends at the next key.
        ExactCase(
            message: "to=<u@x.example>, delay=1, dsn=5.0.0, reply=550 no, ntries=1",
            kind: .delivery,
            fields: [.to: "<u@x.example>", .delay: "1", .dsn: "5.0.0", .reply: "550 no", .ntries: "1"]),
        // quarantine= in place of relay=, FFR keys (ntries=, stage=) and a null-MX status= extra.
        ExactCase(
            message: "to=<a@b.example>, delay=00:00:01, mailer=esmtp, pri=1, quarantine=held for review, dsn=2.0.0, ntries=2, stage=rcpt, status=x, stat=quarantined",
            kind: .delivery,
            fields: [
                .to: "<a@b.example>", .delay: "00:00:01", .mailer: "esmtp", .pri: "1",
                .quarantine: "held for review", .dsn: "2.0.0", .ntries: "2", .stage: "rcpt", .stat: "quarantined",
            ],
            extras: ["status=x"]),
        // An eight-letter key and a key of more than eight bytes (no key word) are extras.
        ExactCase(
            message: "to=x, bodytype=7BIT, delay=1, averylongkey=2, mailer=m, stat=Sent",
            kind: .delivery,
            fields: [.to: "x", .delay: "1", .mailer: "m", .stat: "Sent"],
            extras: ["bodytype=7BIT", "averylongkey=2"]),
        // No space after the comma, or a space before `=`: no separator, the value goes on.
        ExactCase(
            message: "to=x, delay=1,xdelay=2, mailer =m, pri=1, stat=Sent",
            kind: .delivery,
            fields: [.to: "x", .delay: "1,xdelay=2, mailer =m", .pri: "1", .stat: "Sent"]),
        // A long relay= (its end found by the full scan) followed by the expected and other keys.
        ExactCase(
            message: "to=<a@b.example>, delay=00:00:01, mailer=esmtp, pri=1, relay=a-very-long-relay-name.example.org. [192.0.2.77], ntries=1, dsn=2.0.0, stat=Sent",
            kind: .delivery,
            fields: [
                .to: "<a@b.example>", .delay: "00:00:01", .mailer: "esmtp", .pri: "1",
                .relay: "a-very-long-relay-name.example.org. [192.0.2.77]", .ntries: "1", .dsn: "2.0.0", .stat: "Sent",
            ]),
        // Expected keys at the very end of the line, with empty or short values.
        ExactCase(message: "to=<a@b.example>, delay=", kind: .delivery, fields: [.to: "<a@b.example>"]),
        ExactCase(message: "to=a, pri=", kind: .delivery, fields: [.to: "a"]),
        ExactCase(message: "to=a, dsn=5", kind: .delivery, fields: [.to: "a", .dsn: "5"]),
        ExactCase(message: "to=a, stat=", kind: .delivery, fields: [.to: "a"]),
        // A key cut off by the end of the line is no key: the value before runs on.
        ExactCase(message: "to=<a@b.example>, dela", kind: .delivery, fields: [.to: "<a@b.example>, dela"]),
    ]

    @Test("to= keys in unusual orders, repeated and unknown", arguments: deliveries)
    func deliveryKeyOrders(_ c: ExactCase) { Self.checkExactly(c) }

    static let receipts: [ExactCase] = [
        ExactCase(
            message: "from=<a@b.example>, size=10, class=0, nrcpts=1, msgid=<m@b>, bodytype=8BITMIME, proto=ESMTP, daemon=MTA, relay=h [192.0.2.1]",
            kind: .received,
            fields: [
                .from: "<a@b.example>", .size: "10", .msgClass: "0", .nrcpts: "1", .msgid: "<m@b>",
                .bodytype: "8BITMIME", .proto: "ESMTP", .daemon: "MTA", .relay: "h [192.0.2.1]",
            ]),
        ExactCase(
            message: "from=<a@b.example>, nrcpts=2, size=10, daemon=MTA, class=0, proto=SMTP, msgid=<m@b>, relay=h",
            kind: .received,
            fields: [
                .from: "<a@b.example>", .nrcpts: "2", .size: "10", .daemon: "MTA", .msgClass: "0", .proto: "SMTP",
                .msgid: "<m@b>", .relay: "h",
            ]),
        // relay= not last: it runs to the end of the line.
        ExactCase(
            message: "from=root, size=1, relay=root@localhost, class=0, nrcpts=1",
            kind: .received,
            fields: [.from: "root", .size: "1", .relay: "root@localhost, class=0, nrcpts=1"]),
        // 8.7 pri= and _FFR_LOG_MORE1 keys are extras; repeats keep the later value.
        ExactCase(
            message: "from=<a@b>, size=1, size=2, class=0, pri=30010, nrcpts=1, nrcpts=3, msgid=<x>, msgid=<y>, proto=ESMTP, proto=ESMTPS, daemon=A, daemon=B, auth=PLAIN, relay=r",
            kind: .received,
            fields: [
                .from: "<a@b>", .size: "2", .msgClass: "0", .nrcpts: "3", .msgid: "<y>", .proto: "ESMTPS",
                .daemon: "B", .relay: "r",
            ],
            extras: ["pri=30010", "auth=PLAIN"]),
        ExactCase(
            message: "from=<a@b>, sizes=1, size=2, classy=0, nrcpt=1, Proto=X, relay=r",
            kind: .received,
            fields: [.from: "<a@b>", .size: "2", .relay: "r"],
            extras: ["sizes=1", "classy=0", "nrcpt=1", "Proto=X"]),
        ExactCase(message: "from=<a@b>, size=", kind: .received, fields: [.from: "<a@b>"]),
        ExactCase(message: "from=<a@b>, relay=", kind: .received, fields: [.from: "<a@b>"]),
        ExactCase(message: "from=<>, size=0, class=0, nrcpts=0", kind: .received,
                  fields: [.from: "<>", .size: "0", .msgClass: "0", .nrcpts: "0"]),
    ]

    @Test("from= keys in unusual orders, repeated and unknown", arguments: receipts)
    func receivedKeyOrders(_ c: ExactCase) { Self.checkExactly(c) }

    // MARK: generated orders

    /// A key, its value and its field (nil: an extra).
    typealias Pair = (key: String, value: String, field: Field?)

    static let deliveryPairs: [Pair] = [
        ("ctladdr", "<u@h.example> (1000/1000)", .ctladdr), ("delay", "00:00:01", .delay),
        ("xdelay", "00:00:02", .xdelay), ("mailer", "esmtp", .mailer), ("pri", "30364", .pri),
        ("relay", "mx.example.com. [192.0.2.9]", .relay), ("relay", "an-unusually-long-relay-host.example.net.", .relay),
        ("dsn", "2.0.0", .dsn), ("ntries", "3", .ntries), ("stage", "data", .stage),
        ("quarantine", "held", .quarantine), ("tls_verify", "OK", nil), ("delayed", "1", nil), ("x", "y", nil),
    ]
    static let receivedPairs: [Pair] = [
        ("size", "1081", .size), ("class", "0", .msgClass), ("nrcpts", "1", .nrcpts),
        ("msgid", "<20261129000008.710616@app.example>", .msgid), ("bodytype", "8BITMIME", .bodytype),
        ("proto", "ESMTP", .proto), ("daemon", "MTA-v4", .daemon), ("pri", "30010", nil),
        ("cipher", "TLS_AES_256_GCM_SHA384", nil), ("classes", "2", nil),
    ]

    /// What the general key loop gives for `first`, then `middle` in order, then `last`.
    static func expected(_ first: Pair, _ middle: [Pair], _ last: Pair) -> (fields: [Field: String], extras: [String]) {
        var fields: [Field: String] = [:]
        var extras: [String] = []
        for pair in [first] + middle + [last] {
            if let field = pair.field { fields[field] = pair.value } else { extras.append(pair.key + "=" + pair.value) }
        }
        return (fields, extras)
    }

    @Test("generated key orders, repeats and unknown keys parse as the general loop reads them")
    func generatedKeyOrders() {
        var random = SplitMix64(seed: 0x0DE2)
        for round in 0..<600 {
            let delivery = round % 2 == 0
            let pool = delivery ? Self.deliveryPairs : Self.receivedPairs
            let first: Pair = delivery ? ("to", "<zoe@example.org>", .to) : ("from", "<bill@corp.example>", .from)
            let last: Pair = delivery ? ("stat", "Sent (ok)", .stat) : ("relay", "app.example [10.0.0.3]", .relay)
            var middle: [Pair] = []
            var unknown = 0
            for _ in 0..<Int(random.next() % 12) {
                let pair = pool[Int(random.next() % UInt64(pool.count))]
                if pair.field == nil {
                    guard unknown < 4 else { continue }  // (only four extras are stored)
                    unknown += 1
                }
                middle.append(pair)
            }
            // Now and then the usual order, so that the expected keys are met as well as missed.
            if random.next() % 3 == 0 {
                let order = pool.map(\.key)
                middle.sort { order.firstIndex(of: $0.key)! < order.firstIndex(of: $1.key)! }
            }
            let message = ([first] + middle + [last]).map { $0.key + "=" + $0.value }.joined(separator: ", ")
            let want = Self.expected(first, middle, last)
            let got = parseSendmail(sm("62SA01aB004101: " + message))
            #expect(got.kind == (delivery ? .delivery : .received), "\(message)")
            #expect(got.fields == want.fields, "\(message)")
            #expect(got.extras == want.extras, "\(message)")
        }
    }

    // MARK: the scan's shortcut

    /// Every expectation the key loops use, and none.
    static var allExpectations: [ExpectedKeys] {
        let fields: [Field?] = Field.allCases.map { Optional($0) } + [nil]
        return [ExpectedKeys()] + fields.flatMap { field in
            [MessageBodyParser.keys(after: field, inReceived: true), MessageBodyParser.keys(after: field, inReceived: false)]
        }
    }

    @Test("testing the expected keys first ends values and reads keys as the plain scan does")
    func expectedKeysChangeNoScanResult() {
        var random = SplitMix64(seed: 0xE4FEC7)
        let keys = ["delay", "xdelay", "ctladdr", "mailer", "pri", "relay", "dsn", "stat", "reply", "size", "class",
                    "nrcpts", "msgid", "proto", "daemon", "bodytype", "delayed", "Delay", "dela", "pr", "stats", "x_y",
                    "9a", "relay ", "a-b"]
        let values = ["00:00:00", "1", "<a@b.example>", "mx.example. [192.0.2.1]", "a-long-relay-host-name.example.net.",
                      "\"q, x=1\"", "<a, b=c>", "x\\, y", ""]
        var texts: [[UInt8]] = []
        for _ in 0..<1500 {
            var text = values[Int(random.next() % UInt64(values.count))]
            for _ in 0..<Int(random.next() % 3) {
                text += ", " + keys[Int(random.next() % UInt64(keys.count))] + "=" + values[Int(random.next() % UInt64(values.count))]
            }
            if random.next() % 4 == 0 { text += ", " + keys[Int(random.next() % UInt64(keys.count))] }
            texts.append(Array(text.utf8))
        }
        let expectations = Self.allExpectations
        for bytes in texts {
            bytes.withUnsafeBytes { raw in
                for end in Set([raw.count, max(0, raw.count - 2), max(0, raw.count - 6)]) {
                    let t = ByteText(raw, end: end)
                    for start in [0, 1, 3] where start <= end {
                        for skipping in [false, true] {
                            let plain = t.shortFieldEndAndKey(from: start, skippingPlainStart: skipping)
                            for keys in expectations {
                                let got = t.shortFieldEndAndKey(from: start, skippingPlainStart: skipping, expecting: keys)
                                #expect(
                                    got.valueEnd == plain.valueEnd && got.nextKeyEnd == plain.nextKeyEnd
                                        && got.nextKeyWord == plain.nextKeyWord,
                                    "\(bytes) from \(start) to \(end), skipping \(skipping)")
                            }
                        }
                        let full = t.fieldEnd(from: start)
                        let keyed = t.fieldEndAndKey(from: start, stopAtDiscard: false)
                        #expect(keyed.valueEnd == full.valueEnd && keyed.nextKeyEnd == full.nextKeyEnd, "\(bytes) from \(start)")
                        if keyed.nextKeyWord != 0 {
                            #expect(keyed.nextKeyWord == t.keyWord(keyed.valueEnd + 2, keyed.nextKeyEnd), "\(bytes) from \(start)")
                        }
                    }
                }
            }
        }
    }

    @Test("an expected key's word is its key word, and no key word matches no expectation")
    func expectedKeyWords() {
        for keys in Self.allExpectations {
            #expect(keys.field(for: 0) == nil)
            #expect(keys.field(for: ByteText.keyWord("zz")) == nil)
            if keys.firstKeyEnd > 0 {
                #expect(keys.field(for: keys.firstWord) == keys.firstField)
                #expect(keys.firstPattern & keys.firstMask == keys.firstPattern)
            }
        }
        let afterTo = MessageBodyParser.keys(after: .to, inReceived: false)
        #expect(afterTo.field(for: ByteText.keyWord("ctladdr")) == .ctladdr)
        #expect(afterTo.field(for: ByteText.keyWord("delay")) == .delay)
        #expect(afterTo.field(for: ByteText.keyWord("mailer")) == nil)
    }
}
