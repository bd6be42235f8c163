import Testing
import SmlogParse
import TestSupport

/// Lines cut anywhere, and arbitrary bytes, never crash the parser or make it read outside the
/// message (the debug build traps on any out-of-bounds buffer read, so running these is the
/// check), and every byte range it returns lies inside the line.
@Suite struct SendmailTruncationTests {
    static let realLines: [String] = [
        sm("6AUFn9IP001409: to=<eva@example.org>,<eva.k@example.org>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=91733, relay=smart.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 1ECEAF44C9)"),
        sm("6AUFn9IP001409: from=<monitoring@corp.example>, size=1547, class=0, nrcpts=3, msgid=<20261130.d55x@app.corp.example>, proto=ESMTP, daemon=MTA-v4, relay=localhost [127.0.0.1]"),
        sm("CAA26881: to=\"<u>|IFS=' ' && exec /usr/bin/procmail -f- || exit 75 #p, q\"@ok.example, ctladdr=phil (251/30), delay=00:00:11, mailer=prog, stat=Sent"),
        sm("s1NLaDQT022248: ruleset=check_rcpt, arg1=<x@example.it>, relay=int0.example.net [80.253.155.119] (may be forged), reject=550 5.7.1 <x@example.it>... Relaying denied"),
        sm("06I02CNi016765: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=criminal, relay=[192.0.2.100], relay=[192.0.2.4] (may be forged)"),
        sm("v27K4Vj8018624: some-host.example.org [192.0.2.195] (may be forged) did not issue MAIL/EXPN/VRFY/ETRN during connection to MSP-v4"),
        sm("STARTTLS=client, relay=mx.example.com., version=TLSv1.2, verify=FAIL, cipher=ECDHE-RSA-AES128-GCM-SHA256, bits=128/128"),
        sm("v9PCoLiO006667: v9PCoLiP006667: DSN: Service unavailable"),
        sm("[ID 801593 mail.info] kBC502520512: to=root, ctladdr=root (0/1), delay=00:00:01, mailer=local, pri=120301, relay=local, dsn=2.0.0, stat=Sent"),
        sm("62SA01aU004118: Milter: connect: host=dyn.example.net, addr=192.0.2.77, reject=554 5.7.1 blocked"),
        sm("v9PCoLiO006667[1]: from=<a@example.com>, size=1, class=0, ..."),
        sm("6AUFnbWU001618: collect: relay=localhost, from=<app@corp.example>, info=unexpected close"),
        sm("62SA01aJ004109: split: maxrcpts=100, rcpts=250, count=3, ids=62SA01aK004109; 62SA01aL004109"),
        sm("6AUFodLA001788: message size (5602379) exceeds maximum (5000000)"),
    ]

    /// Parses the first `cut` bytes of `line`, exposing only those bytes (the buffer ends where
    /// the cut is), and checks every returned range.
    static func parsePrefix(_ bytes: [UInt8], _ cut: Int) {
        let prefix = Array(bytes[0..<cut])
        prefix.withUnsafeBytes { buffer in
            let line = LineBytes(buffer)
            let header = TestHeader.header(buffer)
            let result = SendmailMessageParser().parse(line, header: header)
            switch result {
            case .understood(let parsed):
                #expect(inBounds(parsed.qid, cut))
                for field in Field.allCases { #expect(inBounds(parsed[field], cut)) }
                for k in 0..<min(parsed.extraCount, 4) {
                    #expect(inBounds(parsed.extraKeys[k], cut))
                    #expect(inBounds(parsed.extraValues[k], cut))
                }
                if parsed.has(.to) {
                    for r in RecipientList(line, parsed[.to]) { #expect(inBounds(r, cut)) }
                }
                if parsed.has(.stat) {
                    _ = SentReply.downstreamQueueID(inStat: parsed[.stat], of: line)
                }
                if parsed.has(.delay) { _ = SendmailDuration.seconds(of: parsed[.delay], in: line) }
            case .splitPart(let part):
                #expect(inBounds(part.id, cut))
                #expect(inBounds(part.body, cut))
            case .notUnderstood:
                break
            }
        }
    }

    static func inBounds(_ r: ByteRange, _ count: Int) -> Bool {
        r.isEmpty || (r.lower >= 0 && r.lower <= r.upper && Int(r.upper) <= count)
    }

    @Test("every prefix of a real line", arguments: realLines)
    func everyPrefix(_ line: String) {
        let bytes = Array(line.utf8)
        for cut in 0...bytes.count { Self.parsePrefix(bytes, cut) }
    }

    /// Cutting a to= line inside stat still gives a delivery with the cut stat.
    @Test func cutInsideStatKeepsTheLine() {
        let parsed = parseSendmail(sm("72DAbCdE004242: to=<s@example.com>, delay=00:00:01, mailer=esmtp, pri=1, dsn=5.0.0, stat=Service unav"))
        #expect(parsed.kind == .delivery)
        #expect(parsed[.stat] == "Service unav")
    }

    @Test func hostileBytesNeverCrash() {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("to=from=, <>\"\\[]():;relay=stat=ruleset=reject=AUTH=STARTTLS=Milter: 0123456789 ...v9PCoLiO006667".utf8)
            + [0, 0x0D, 0x0A, 0x09, 0xFF, 0xC3, 0x80]
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 300)
            var bytes = Array("Mar  3 10:00:01 mx1 sm-mta[1]: ".utf8)
            for _ in 0..<length { bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            Self.parsePrefix(bytes, bytes.count)
        }
    }

    /// Ranges in a header that point past the line are refused, not read.
    @Test func messageRangeOutsideTheLineIsRefused() {
        let bytes = Array("short".utf8)
        bytes.withUnsafeBytes { buffer in
            let header = SyslogHeader(
                time: .zero, format: .rfc3164, host: .empty, tag: .empty, pid: 1, message: ByteRange(2, 500))
            if case .notUnderstood = SendmailMessageParser().parse(LineBytes(buffer), header: header) {
            } else {
                Issue.record("a message range beyond the line must not be parsed")
            }
        }
    }
}
