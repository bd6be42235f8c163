import Testing
@testable import SmlogParse

/// The facade: tag rules, repeated-message records, split-line joining and the final hand-over.
/// Most tests replace the syslog header parser by the small test header (so they exercise only
/// this type's logic); `RealHeaderParser` runs with the real `SyslogHeaderParser` and is enabled
/// only when that parser reads a plain RFC 3164 line.
@Suite struct LogLineParserTests {
    /// What one `parse` call gave.
    struct Outcome {
        var lineClass: LineClass
        var handled: [ParsedSnapshot]
        var repeatCounts: [Int32]
        var joinedTexts: [String]
    }

    /// The test header, plus the two repeated-message records of syslog daemons.
    static func header(_ line: LineBytes) -> SyslogHeader? {
        let text = line.text
        if text.hasPrefix("NOHEADER") { return nil }
        if text.contains("last message repeated "), !text.contains("]: ") {
            let words = text.split(separator: " ")
            let at = words.firstIndex(of: "repeated").map { $0 + 1 } ?? words.endIndex
            let count = at < words.endIndex ? Int32(words[at]) ?? 0 : 0
            return SyslogHeader(time: .zero, format: .rfc3164, host: .empty, tag: .empty, pid: -1, message: .empty, repeatCount: count)
        }
        var header = TestHeader.header(line.base)
        let marker = "message repeated "
        let bytes = Array(line.base)
        let message = String(decoding: bytes[Int(header.message.lower)...], as: UTF8.self)
        if message.hasPrefix(marker), let open = message.firstIndex(of: "["), message.hasSuffix("]") {
            let count = Int32(message.dropFirst(marker.count).prefix { $0.isNumber }) ?? 0
            let innerStart = Int(header.message.lower) + message.utf8.distance(from: message.startIndex, to: open) + 2
            header.message = ByteRange(innerStart, bytes.count - 1)
            header.repeatCount = count
        }
        return header
    }

    static func makeParser() -> LogLineParser {
        var parser = LogLineParser()
        parser.headerOverride = { header($0) }
        return parser
    }

    static func feed(_ parser: inout LogLineParser, _ text: String) -> Outcome {
        var bytes = Array(text.utf8)
        var outcome = Outcome(lineClass: .foreign, handled: [], repeatCounts: [], joinedTexts: [])
        outcome.lineClass = bytes.withUnsafeMutableBytes { raw in
            parser.parse(UnsafeRawBufferPointer(raw)) { parsed in
                outcome.handled.append(ParsedSnapshot(parsed))
                outcome.repeatCounts.append(parsed.header.repeatCount)
                outcome.joinedTexts.append(parsed.bytes.text)
            }
        }
        return outcome
    }

    static func finish(_ parser: inout LogLineParser) -> [String] {
        var unjoined: [String] = []
        parser.finish { unjoined.append(String(decoding: $0, as: UTF8.self)) }
        return unjoined
    }

    // MARK: tags

    @Test(
        "sendmail tags",
        arguments: ["sendmail", "sm-mta", "sm-msp-queue", "sm-mta-queue", "sm-acceptingconnections", "sendmail-mta"])
    func sendmailTags(_ tag: String) {
        var parser = Self.makeParser()
        let outcome = Self.feed(&parser, sm("62SA01aN004111: discarded", tag: tag))
        #expect(outcome.lineClass == .sendmail)
        #expect(outcome.handled.map(\.kind) == [.discarded])
    }

    @Test func sendmailLineNotUnderstoodIsUnrecognized() {
        var parser = Self.makeParser()
        let outcome = Self.feed(&parser, sm("62SA01aN004111: something sendmail never writes"))
        #expect(outcome.lineClass == .unrecognized)
        #expect(outcome.handled.isEmpty)
    }

    @Test(
        "other programs are foreign",
        arguments: [
            sm("imap-login: Login: user=<alice>, method=PLAIN", tag: "dovecot"),
            sm("221820LG031423: addr 192.0.2.1 from <a@example.org> to <b@example.org> delayed for 00:10:00", tag: "milter-greylist"),
            sm("221820LG031423: to=<b@example.org>, delay=00:00:01, mailer=esmtp, stat=Sent", tag: "milter-greylist"),
            sm("221820LG031423: from=<a@example.org>, size=1, class=0, nrcpts=1, relay=x [192.0.2.1]", tag: "clamav-milter"),
            sm("221820LG031423: DKIM-Signature field added (s=sel, d=example.org)", tag: "opendkim"),
            sm("connect from smtp2.example.com", tag: "in.identd"),
            sm("Version 2.6.2 starting", tag: "sm-notify"),
            sm("STARTTLS=client, relay=mx.example.com., version=TLSv1.2, verify=OK, cipher=X, bits=256/256", tag: "mta-out"),
            sm("NOQUEUE: connect from [192.0.2.1]", tag: "mta-out"),
            sm("4F2A1C0A2B: to=<b@example.org>, relay=mx[192.0.2.2]:25, delay=1, status=sent", tag: "postfix/smtp"),
        ])
    func foreignLines(_ line: String) {
        var parser = Self.makeParser()
        let outcome = Self.feed(&parser, line)
        #expect(outcome.lineClass == .foreign)
        #expect(outcome.handled.isEmpty)
    }

    /// A site's own `-L` label: envelope lines with a queue id are still sendmail's.
    @Test(
        "unknown tags with sendmail envelope lines",
        arguments: [
            sm("62SA01aB004101: from=<ann@example.org>, size=2048, class=0, nrcpts=2, proto=ESMTP, daemon=MTA, relay=gw [192.0.2.7]", tag: "mta-out"),
            sm("62SA01aB004101: to=<b@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx. [192.0.2.2], dsn=2.0.0, stat=Sent (ok)", tag: "mta-out"),
            sm("62SA01aB004101: 62SA01aC004101: DSN: User unknown", tag: "mta-out"),
        ])
    func customLabelEnvelopeLines(_ line: String) {
        var parser = Self.makeParser()
        let outcome = Self.feed(&parser, line)
        #expect(outcome.lineClass == .sendmail)
        #expect(outcome.handled.count == 1)
    }

    @Test func linesWithoutHeader() {
        var parser = Self.makeParser()
        #expect(Self.feed(&parser, "NOHEADER garbage sendmail[123]: v9PCoLiO006667: to=<a>").lineClass == .unrecognized)
        #expect(Self.feed(&parser, "NOHEADER garbage sm-mta[9]: x").lineClass == .unrecognized)
        #expect(Self.feed(&parser, "NOHEADER -- Reboot --").lineClass == .foreign)
    }

    // MARK: repeated messages

    @Test func lastMessageRepeatedTakesThePreviousClass() {
        var parser = Self.makeParser()
        #expect(Self.feed(&parser, sm("62SA01aN004111: discarded")).lineClass == .sendmail)
        let repeated = Self.feed(&parser, "Mar  3 10:00:02 mx1 last message repeated 3 times")
        #expect(repeated.lineClass == .sendmail)
        #expect(repeated.handled.isEmpty)
        #expect(Self.feed(&parser, sm("x", tag: "dovecot")).lineClass == .foreign)
        #expect(Self.feed(&parser, "Mar  3 10:00:03 mx1 last message repeated 2 times").lineClass == .foreign)
        #expect(Self.feed(&parser, sm("62SA01aN004111: gibberish")).lineClass == .unrecognized)
        #expect(Self.feed(&parser, "Mar  3 10:00:04 mx1 last message repeated 5 times").lineClass == .unrecognized)
    }

    @Test func beginFileForgetsThePreviousClass() {
        var parser = Self.makeParser()
        _ = Self.feed(&parser, sm("62SA01aN004111: discarded"))
        parser.beginFile(yearReference: .fixed(2026))
        #expect(Self.feed(&parser, "Mar  3 10:00:02 mx1 last message repeated 3 times").lineClass == .foreign)
    }

    @Test func rsyslogRepeatIsParsedOnceWithItsCount() {
        var parser = Self.makeParser()
        let outcome = Self.feed(&parser, sm("message repeated 4 times: [ 62SA01aN004111: discarded]"))
        #expect(outcome.lineClass == .sendmail)
        #expect(outcome.handled.map(\.kind) == [.discarded])
        #expect(outcome.handled.first?.qid == "62SA01aN004111")
        #expect(outcome.repeatCounts == [4])
    }

    // MARK: split lines

    static let unsplit = sm("62SA01aB004101: from=<ann@example.org>, size=2048, class=0, nrcpts=2, msgid=<20260303.1@example.org>, proto=ESMTP, daemon=MTA-v4, relay=mail.example.org [198.51.100.7]")

    static let parts = [
        sm("62SA01aB004101[1]: from=<ann@example.org>, size=2048, class=0, ..."),
        sm("62SA01aB004101[2]:  nrcpts=2, msgid=<20260303.1@example.org>, ..."),
        sm("62SA01aB004101[3]:  proto=ESMTP, daemon=MTA-v4, relay=mail.example.org [198.51.100.7]"),
    ]

    @Test func splitLineIsJoinedAndHandedOverOnce() throws {
        var parser = Self.makeParser()
        var handled: [ParsedSnapshot] = []
        var texts: [String] = []
        for (index, part) in Self.parts.enumerated() {
            let outcome = Self.feed(&parser, part)
            #expect(outcome.lineClass == .sendmail)
            if index < 2 { #expect(outcome.handled.isEmpty) }
            handled += outcome.handled
            texts += outcome.joinedTexts
        }
        let joined = try #require(handled.first)
        #expect(handled.count == 1)
        #expect(texts == [Self.unsplit])
        #expect(joined == parseSendmail(Self.unsplit))
        #expect(joined[.relay] == "mail.example.org [198.51.100.7]")
        #expect(Self.finish(&parser).isEmpty)
    }

    /// Parts of one process are joined even when other processes' lines come between them.
    @Test func interleavedLinesDoNotDisturbTheJoin() {
        var parser = Self.makeParser()
        _ = Self.feed(&parser, Self.parts[0])
        let other = Self.feed(&parser, sm("62SA01aN004111: discarded", pid: 999))
        #expect(other.handled.map(\.kind) == [.discarded])
        let otherPart = Self.feed(&parser, sm("62SA01aB004101[2]:  nrcpts=2, ...", pid: 999))
        #expect(otherPart.lineClass == .sendmail)
        _ = Self.feed(&parser, Self.parts[1])
        let last = Self.feed(&parser, Self.parts[2])
        #expect(last.joinedTexts == [Self.unsplit])
        // The stray part of pid 999 never belonged to a complete message.
        #expect(Self.finish(&parser) == [sm("62SA01aB004101[2]:  nrcpts=2, ...", pid: 999)])
    }

    @Test func unfinishedSplitLinesAreHandedToFinish() {
        var parser = Self.makeParser()
        #expect(Self.feed(&parser, Self.parts[0]).lineClass == .sendmail)
        #expect(Self.feed(&parser, Self.parts[1]).lineClass == .sendmail)
        #expect(Self.finish(&parser) == [Self.parts[0], Self.parts[1]])
        #expect(Self.finish(&parser).isEmpty)
    }

    @Test func restartedSplitAbandonsTheEarlierParts() {
        var parser = Self.makeParser()
        _ = Self.feed(&parser, Self.parts[0])
        var handled = 0
        for part in Self.parts { handled += Self.feed(&parser, part).handled.count }
        #expect(handled == 1)
        #expect(Self.finish(&parser) == [Self.parts[0]])
    }

    @Test func joinedLineNotUnderstoodGoesToFinish() {
        var parser = Self.makeParser()
        let first = sm("62SA01aB004101[1]: something sendmail ...")
        let second = sm("62SA01aB004101[2]: never writes")
        #expect(Self.feed(&parser, first).lineClass == .sendmail)
        let last = Self.feed(&parser, second)
        #expect(last.lineClass == .sendmail)
        #expect(last.handled.isEmpty)
        #expect(Self.finish(&parser) == [first, second])
    }

    @Test func tooManyPartsClosesTheJoin() {
        var parser = Self.makeParser()
        _ = Self.feed(&parser, Self.parts[0])
        _ = Self.feed(&parser, Self.parts[1])
        let end = Self.feed(&parser, sm("62SA01aB004101[999]: log terminated, too many parts"))
        #expect(end.lineClass == .sendmail)
        #expect(end.handled.map(\.kind) == [.received])
        #expect(end.handled.first?[.nrcpts] == "2")
        #expect(Self.finish(&parser).isEmpty)
    }

    @Test func noIDAndNoQueueSplitsAreJoined() {
        var parser = Self.makeParser()
        _ = Self.feed(&parser, sm("[1]: AUTH=server, relay=dsl.example.net [192.0.2.4], ..."))
        let auth = Self.feed(&parser, sm("[2]:  authid=someone, mech=PLAIN, bits=0"))
        #expect(auth.handled.map(\.kind) == [.auth])
        #expect(auth.handled.first?[.authid] == "someone")
        _ = Self.feed(&parser, sm("NOQUEUE[1]: SYSERR(root): first half ..."))
        let syserr = Self.feed(&parser, sm("NOQUEUE[2]:  second half"))
        #expect(syserr.handled.first?.kind == .syserr)
        #expect(syserr.handled.first?.noQueue == true)
        #expect(syserr.handled.first?[.text] == "first half second half")
    }

    /// Split parts from another program's tag are foreign, never held.
    @Test func foreignSplitPartsAreNotHeld() {
        var parser = Self.makeParser()
        #expect(Self.feed(&parser, sm("62SA01aB004101[1]: from=<a>, ...", tag: "mta-out")).lineClass == .foreign)
        #expect(Self.finish(&parser).isEmpty)
    }
}

/// With the real syslog header parser (enabled once it parses RFC 3164 lines).
enum RealHeaderParserProbe {
    static var isAvailable: Bool {
        var parser = SyslogHeaderParser()
        parser.setYearReference(.fixed(2026))
        let line = Array("Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: done; delay=00:00:00, ntries=1".utf8)
        return line.withUnsafeBytes { parser.parse(LineBytes($0)) } != nil
    }
}

@Suite(.enabled(if: RealHeaderParserProbe.isAvailable))
struct RealHeaderParser {

    static func classify(_ lines: [String]) -> [(LineClass, [EventKind])] {
        var parser = LogLineParser()
        parser.beginFile(yearReference: .fixed(2026))
        return lines.map { text in
            var bytes = Array(text.utf8)
            var kinds: [EventKind] = []
            let lineClass = bytes.withUnsafeMutableBytes { raw in
                parser.parse(UnsafeRawBufferPointer(raw)) { kinds.append($0.kind) }
            }
            return (lineClass, kinds)
        }
    }

    @Test func classifiesEveryHeaderVariant() {
        let results = Self.classify([
            "Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: done; delay=00:00:00, ntries=1",
            "2026-11-30T15:49:10.123456+00:00 vm sendmail[1430]: 6AUFn9IP001409: done; delay=00:00:00, ntries=1",
            "Jun 17 14:37:39 <mail.info> robin sm-mta[2794]: 55HIbcGI002794: from=<root@example.com>, size=108, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, relay=[192.168.1.45]",
            "Dec 12 00:00:03 box sendmail[20514]: [ID 801593 mail.info] kBC502520512: to=root, delay=00:00:01, mailer=local, pri=120301, relay=local, dsn=2.0.0, stat=Sent",
            "Nov 30 15:49:11 vm last message repeated 2 times",
            "Nov 30 15:49:12 vm dovecot[77]: imap-login: Login: user=<alice>",
            "Nov 30 15:49:13 vm sendmail[1430]: 6AUFn9IP001409: nothing sendmail writes",
        ])
        #expect(results.map(\.0) == [.sendmail, .sendmail, .sendmail, .sendmail, .sendmail, .foreign, .unrecognized])
        #expect(results.map(\.1) == [[.done], [.done], [.received], [.delivery], [], [], []])
    }

    /// The sendmail tag test is kept with the syslog prefix a line repeats: lines of sendmail
    /// and of other programs, interleaved so that each kept prefix (the main one, the other one,
    /// the two swapped) serves lines of both kinds, get the class each gets when read alone.
    @Test func tagVerdictKeptWithRepeatedPrefixMatchesLinesReadAlone() {
        let done = "6AUFn9IP001409: done; delay=00:00:00, ntries=1"
        let delivery = "6AUFn9IP001409: to=<a@example.org>, delay=00:00:00, mailer=esmtp, pri=1, dsn=2.0.0, stat=Sent"
        var lines: [String] = []
        for minute in 10..<16 {
            lines.append("Nov 30 15:\(minute):10 vm sendmail[1430]: \(done)")
            lines.append("Nov 30 15:\(minute):11 vm sendmail[1430]: \(done)")
            for second in 12..<(12 + minute % 6) {
                lines.append("Nov 30 15:\(minute):\(second) vm sendmailx[1431]: \(done)")
            }
            lines.append("Nov 30 15:\(minute):20 vm sm-notify[77]: \(delivery)")
            lines.append("Nov 30 15:\(minute):21 vm sm-mta[1432]: \(delivery)")
            lines.append("Nov 30 15:\(minute):22 vm dovecot[78]: \(delivery)")
            lines.append("Nov 30 15:\(minute):23 vm relay[79]: \(delivery)")
            lines.append("Nov 30 15:\(minute):24 vm relay[79]: \(done)")
        }
        let together = Self.classify(lines).map(\.0)
        let alone = lines.map { Self.classify([$0])[0].0 }
        #expect(together == alone)
        #expect(Set(alone) == [.sendmail, .foreign])
    }

    /// Every line of the lab log is a sendmail line the facade understands.
    @Test(.enabled(if: SharedSamples.lines("real-sendmail-lab/maillog") != nil))
    func labLogIsAllSendmail() throws {
        let lines = try #require(SharedSamples.lines("real-sendmail-lab/maillog"))
        let results = Self.classify(lines)
        #expect(results.filter { $0.0 != .sendmail }.count == 0)
        #expect(results.reduce(0) { $0 + $1.1.count } == lines.count)
    }
}
