#if canImport(Glibc)
import Glibc
#endif
import SmlogAnalyze
import SmlogParse
import Testing
import TestSupport

/// Reading what `smlog trace` was given, and the widening tokens a line leads to.
@Suite("Trace query and links")
struct TraceQueryTests {
    @Test("the kind of id is guessed from its shape", arguments: [
        ("6AUFnO1v001570", TraceQuery.Kind.qid, "6AUFnO1v001570"),
        ("1ECEAF44C9", .qid, "1ECEAF44C9"),
        ("<20261130.abc@host.example>", .msgid, "20261130.abc@host.example"),
        ("20261130.abc@host.example", .msgidOrAddress, "20261130.abc@host.example"),
        ("bob@vm.lab.example", .msgidOrAddress, "bob@vm.lab.example"),
        ("alice", .address, "alice"),
        ("nightlyreports", .address, "nightlyreports"),
        ("  6AUFnO1v001570 ", .qid, "6AUFnO1v001570"),
        ("NOQUEUE", .address, "NOQUEUE"),
    ])
    func detection(raw: String, kind: TraceQuery.Kind, text: String) throws {
        let query = try #require(TraceQuery.parse(raw))
        #expect(query.kind == kind)
        #expect(query.text == text)
    }

    @Test("a forced kind wins; unusable ids are refused")
    func forcedAndRefused() {
        #expect(TraceQuery.parse("alice", forced: .qid)?.kind == .qid)
        #expect(TraceQuery.parse("bob@example.org", forced: .address)?.kind == .address)
        #expect(TraceQuery.parse("<m@x>", forced: .msgid)?.text == "m@x")
        #expect(TraceQuery.parse("<m@x>", forced: .qid) == nil)
        #expect(TraceQuery.parse("") == nil)
        #expect(TraceQuery.parse("<>") == nil)
        #expect(TraceQuery.parse("a\u{1b}b") == nil)
    }

    @Test("a submission's hand-off leads to the MTA's queue id, notices to their children; Message-IDs are not followed")
    func linksOfSubmission() {
        let found = tokens("622901AA002001", TraceLines.doubleBounce)
        #expect(found.count == 3)
        #expect(found.contains { $0.text == "622902BB002002" && !$0.first })
        #expect(found.contains { $0.text == "622903CC002003" && $0.first })
        #expect(found.contains { $0.text == "622904DD002003" && $0.first })
        #expect(!found.contains { $0.text == "622902EE002010" })
    }

    @Test("a relay's queue id in a Sent text is followed")
    func linksToRelay() {
        let found = tokens("622A00GG003001", TraceLines.deferredThenDelivered)
        #expect(found.map(\.text) == ["4QRSTUVW"])
    }

    @Test("a linked sendmail queue id is not looked for before the time it encodes, less an hour")
    func notBeforeFromQueueID() throws {
        var discovery = TraceDiscovery(query: TraceQuery(kind: .qid, text: "622901AA002001"))
        discovery.beginFile(yearReference: .fixed(2026))
        var bytes = Array(TraceLines.doubleBounce[3].utf8)
        let found = bytes.withUnsafeMutableBytes { discovery.links(in: UnsafeRawBufferPointer($0)) }.found
        let mta = try #require(found.first { $0.bytes == Array("622902BB002002".utf8) })
        // 622902BB…: 2026 (126 mod 60 = 6), March (2), the 2nd, 09:00:02.
        #expect(mta.notBefore == Optional(Int64(1_772_438_402)))
        var relay = Array(TraceLines.deferredThenDelivered[2].utf8)
        var other = TraceDiscovery(query: TraceQuery(kind: .qid, text: "622A00GG003001"))
        other.beginFile(yearReference: .fixed(2026))
        let relayToken = relay.withUnsafeMutableBytes { other.links(in: UnsafeRawBufferPointer($0)) }.found.first
        #expect(relayToken?.bytes == Array("4QRSTUVW".utf8))
        // A relay's id encodes no time: bounded by the session that made it (10:30:01 less
        // xdelay=00:00:02), less the same hour.
        #expect(relayToken?.notBefore == Optional(Int64(1_772_443_799)))
    }

    @Test("a relay's id gets no time bound without xdelay, and the line's own queue id never gets the session's")
    func relayBoundNeedsXdelayAndIsOnlyTheRelays() throws {
        // Found by address: the line's own queue id is new too, and its from= line may be days older.
        let sent = "Mar  2 10:30:01 mail1 sendmail[3050]: 622A00GG003001: to=<hank@slow.example>, delay=00:30:01, xdelay=00:00:02, mailer=esmtp, pri=122048, relay=mx.slow.example. [203.0.113.5], dsn=2.0.0, stat=Sent (Ok: queued as 4QRSTUVW)"
        var discovery = TraceDiscovery(query: TraceQuery(kind: .address, text: "hank@slow.example"))
        discovery.beginFile(yearReference: .fixed(2026))
        var bytes = Array(sent.utf8)
        let found = bytes.withUnsafeMutableBytes { discovery.links(in: UnsafeRawBufferPointer($0)) }.found
        let own = try #require(found.first { $0.bytes == Array("622A00GG003001".utf8) })
        // Bounded by the time it encodes (622A00GG…: 2026-03-02 10:00:00, less the hour),
        // not by the relay's session.
        #expect(own.notBefore == Optional(Int64(1_772_442_000)))
        let relay = try #require(found.first { $0.bytes == Array("4QRSTUVW".utf8) })
        #expect(relay.notBefore == Optional(Int64(1_772_443_799)))

        let noXdelay = sent.replacing("xdelay=00:00:02, ", with: "")
        var other = TraceDiscovery(query: TraceQuery(kind: .address, text: "hank@slow.example"))
        other.beginFile(yearReference: .fixed(2026))
        var plain = Array(noXdelay.utf8)
        let unbounded = plain.withUnsafeMutableBytes { other.links(in: UnsafeRawBufferPointer($0)) }.found
        let relayWithout = try #require(unbounded.first { $0.bytes == Array("4QRSTUVW".utf8) })
        #expect(relayWithout.notBefore == nil)
    }

    @Test("a line that holds the id only inside unrelated text reveals nothing")
    func offTopicLine() {
        var discovery = TraceDiscovery(query: TraceQuery(kind: .qid, text: "622901AA002001"))
        discovery.beginFile(yearReference: .fixed(2026))
        var line = Array("Mar  2 09:00:05 mail1 sendmail[2020]: 622905FF002020: from=<x@example.net>, size=1, class=0, nrcpts=1, msgid=<about-622901AA002001@example.net>, proto=ESMTP, daemon=MTA, relay=c [192.0.2.1]".utf8)
        let found = line.withUnsafeMutableBytes { discovery.links(in: UnsafeRawBufferPointer($0)) }.found
        #expect(found.isEmpty)
    }

    @Test("a linked queue id is retired at its done line, the queried one never")
    func retiredAtDone() {
        var discovery = TraceDiscovery(query: TraceQuery(kind: .qid, text: "622902BB002002"))
        discovery.beginFile(yearReference: .fixed(2026))
        var finished: [String] = []
        for line in TraceLines.doubleBounce {
            var bytes = Array(line.utf8)
            let links = bytes.withUnsafeMutableBytes { discovery.links(in: UnsafeRawBufferPointer($0)) }
            finished += links.finished.map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(finished == ["622904DD002003", "622903CC002003"])
    }

    @Test("a linked queue id still waiting is retired after the horizon; one never seen itself after the settle time")
    func retiredWhenQuiet() {
        func quiet(_ discovery: inout TraceDiscovery, _ time: String) -> [String] {
            var bytes = Array("Mar  2 \(time) mail1 sendmail[9]: NOQUEUE: connect from c [192.0.2.1]".utf8)
            return bytes.withUnsafeMutableBytes { discovery.quiet(before: UnsafeRawBufferPointer($0)) }.map { String(decoding: $0, as: UTF8.self) }
        }
        func feed(_ discovery: inout TraceDiscovery, _ lines: [String]) {
            discovery.beginFile(yearReference: .fixed(2026))
            for line in lines {
                var bytes = Array(line.utf8)
                _ = bytes.withUnsafeMutableBytes { discovery.links(in: UnsafeRawBufferPointer($0)) }
            }
        }
        // Deferred at 14:00:01, nothing since: looked for until the horizon (an hour here).
        var waiting = TraceDiscovery(query: TraceQuery(kind: .address, text: "jo@down.example"), horizonSeconds: 3_600, settleSeconds: 900)
        feed(&waiting, Array(TraceLines.stillQueued.prefix(3)))
        #expect(quiet(&waiting, "14:59:00").isEmpty)
        #expect(quiet(&waiting, "15:00:02") == ["622D00QQ000400"])
        // The relay's id from `queued as` never shows up as a line of its own.
        var relayed = TraceDiscovery(query: TraceQuery(kind: .qid, text: "622A00GG003001"), horizonSeconds: 3_600, settleSeconds: 900)
        feed(&relayed, TraceLines.deferredThenDelivered)
        #expect(quiet(&relayed, "10:40:00").isEmpty)
        #expect(quiet(&relayed, "10:45:02") == ["4QRSTUVW"])
        #expect(quiet(&relayed, "12:00:00").isEmpty)
    }

    @Test("a linked queue id whose recipients all have a final outcome is retired after the settle time")
    func retiredWhenSettled() {
        var discovery = TraceDiscovery(query: TraceQuery(kind: .qid, text: "622902BB002002"), horizonSeconds: 86_400, settleSeconds: 600)
        discovery.beginFile(yearReference: .fixed(2026))
        // As the passes find them: the MTA's from=, the hand-off naming it, then (a later pass)
        // the submission's from= before it.
        for line in [1, 3, 0].map({ TraceLines.doubleBounce[$0] }) {
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { discovery.links(in: UnsafeRawBufferPointer($0)) }
        }
        func quiet(_ time: String) -> [String] {
            var bytes = Array("Mar  2 \(time) mail1 sendmail[9]: NOQUEUE: connect from c [192.0.2.1]".utf8)
            return bytes.withUnsafeMutableBytes { discovery.quiet(before: UnsafeRawBufferPointer($0)) }.map { String(decoding: $0, as: UTF8.self) }
        }
        // The submission (1 recipient announced, handed over) is settled; nothing else is linked.
        #expect(quiet("09:05:00").isEmpty)
        #expect(quiet("09:10:03") == ["622901AA002001"])
    }

    @Test("the in-memory widening keeps exactly the chain's lines", arguments: TraceLines.doubleBounceChain)
    func wideningKeepsChain(id: String) {
        let kept = TraceRun.candidates(id, lines: TraceLines.doubleBounce)
        #expect(kept == TraceLines.doubleBounce.filter { !$0.contains("622902EE002010") })
    }

    static let timeCases: [(String, Int64)] = [
        ("2026-03-02", 1_772_409_600),
        ("2026-03-02T09:30", 1_772_443_800),
        ("2026-03-02 09:30:15", 1_772_443_815),
        ("2026-03-02T09:30:00Z", 1_772_443_800),
        ("2026-03-02T10:30:00+01:00", 1_772_443_800),
        ("2026-03-02T04:30:00-0500", 1_772_443_800),
        ("-24h", 1_772_443_800 - 86_400),
        ("-90m", 1_772_443_800 - 5_400),
        ("today", 1_772_409_600),
        ("yesterday", 1_772_409_600 - 86_400),
    ]

    @Test("time bounds: dates, date-times with and without a zone, relative forms", arguments: timeCases)
    func timeBounds(text: String, seconds: Int64) {
        let bound = ProcessTimeZone.with("UTC") { TraceTimeBound.parse(text, now: 1_772_443_800) }
        #expect(bound?.seconds == seconds)
    }

    @Test("malformed time bounds are refused", arguments: ["", "2026-13-01", "2026-03-02T25:00", "2026-03-02X", "-5x", "soon", "2026-03-02T10:00+1"])
    func malformedTimes(text: String) {
        #expect(TraceTimeBound.parse(text, now: 0) == nil)
    }

    private func tokens(_ id: String, _ lines: [String]) -> [(text: String, first: Bool)] {
        guard let query = TraceQuery.parse(id) else { return [] }
        var discovery = TraceDiscovery(query: query)
        discovery.beginFile(yearReference: .fixed(2026))
        var found: [(String, Bool)] = []
        var known = Set([id])
        // Two rounds: links that point back (the MTA's from= before the hand-off) are found too.
        for _ in 0..<2 {
            for line in lines {
                var bytes = Array(line.utf8)
                let new = bytes.withUnsafeMutableBytes { discovery.links(in: UnsafeRawBufferPointer($0)) }.found
                for token in new {
                    let text = String(decoding: token.bytes, as: UTF8.self)
                    if known.insert(text).inserted { found.append((text, token.firstAppearsHere)) }
                }
            }
        }
        return found
    }
}
