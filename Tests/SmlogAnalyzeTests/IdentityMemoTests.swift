@testable import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import TestSupport
import Testing

/// The identity memo answers only for the very String value it stored; texts that are
/// equal but built apart, and texts that share a slot, must never get another's value.
@Suite("identity memo")
struct IdentityMemoTests {
    /// A String with `text`'s bytes in storage of its own (not shared with `text`).
    static func rebuilt(_ text: String) -> String {
        String(decoding: Array(text.utf8), as: UTF8.self)
    }

    @Test("a stored String value is found again, copies of it included")
    func storedValueIsFound() {
        // One text per memo: two could share a slot, and the second would evict the first.
        var longMemo = IdentityMemo<Int>(slotBits: 4)
        var shortMemo = IdentityMemo<Int>(slotBits: 4)
        let long = "a long address <someone.with.a.long.name@example.org>"
        let short = "TLSv1.3"
        longMemo.store(long, 1)
        shortMemo.store(short, 2)
        let copy = long
        #expect(longMemo.value(for: copy) == 1)
        #expect(shortMemo.value(for: short) == 2)
        // Small strings are their bytes: rebuilt, they are the same value.
        #expect(shortMemo.value(for: Self.rebuilt(short)) == 2)
    }

    @Test("an equal text in other storage is a miss, never another text's value")
    func rebuiltLongTextIsNotConfused() {
        var memo = IdentityMemo<Int>(slotBits: 4)
        let long = "relay.example.org. [192.0.2.1] and more text"
        memo.store(long, 7)
        // Long texts live in storage of their own: an equal text built apart is a miss.
        #expect(memo.value(for: Self.rebuilt(long)) == nil)
        #expect(memo.value(for: long) == 7)
        #expect(memo.value(for: "") == nil)
        #expect(memo.value(for: Self.rebuilt("relay.example.org. [192.0.2.2] and more text")) == nil)
    }

    @Test("many texts in a tiny memo: every hit returns the value stored for that text")
    func collidingTextsNeverAlias() {
        var memo = IdentityMemo<String>(slotBits: 2)
        var rng = SplitMix64(seed: 11)
        var kept: [String] = []
        for i in 0..<400 {
            let text = i % 3 == 0 ? "s\(rng.next() % 50)" : "a longer text number \(rng.next() % 50) of many"
            kept.append(text)
            if rng.next() % 2 == 0 { memo.store(text, text) }
            let probe = kept[Int(rng.next() % UInt64(kept.count))]
            if let found = memo.value(for: probe) { #expect(found == probe) }
        }
    }

    @Test("removeAll forgets every entry")
    func removeAllForgets() {
        var memo = IdentityMemo<Int>(slotBits: 3)
        let texts = (0..<20).map { "text number \($0) with some length" }
        for (i, t) in texts.enumerated() { memo.store(t, i) }
        memo.removeAll()
        for t in texts { #expect(memo.value(for: t) == nil) }
    }

    @Test("equal bits mean equal text, across small, large and copied strings")
    func equalBitsMeanEqualText() {
        var rng = SplitMix64(seed: 3)
        var texts: [String] = []
        for _ in 0..<300 {
            let length = Int(rng.next() % 40)
            texts.append(String((0..<length).map { _ in Character(UnicodeScalar(UInt8(97 + rng.next() % 3))) }))
        }
        texts += texts.prefix(50).map { $0 }   // copies share storage
        texts += texts.prefix(50).map(Self.rebuilt)
        for a in texts {
            for b in texts.prefix(120) where StringBits(a) == StringBits(b) {
                #expect(Array(a.utf8) == Array(b.utf8))
            }
        }
    }
}

/// Aggregators that remember results per String value must count alike whether the events
/// share one String per text (as the correlator hands them out) or carry fresh copies.
@Suite("shared and rebuilt texts")
struct SharedTextTests {
    static func events(rebuild: Bool) -> [CorrelatedEvent] {
        let t = { (s: String) in rebuild ? IdentityMemoTests.rebuilt(s) : s }
        var rng = SplitMix64(seed: 5)
        var events: [CorrelatedEvent] = []
        let relays = ["mx1.example.net. [192.0.2.1]", "mx2.example.net. [192.0.2.2]", "[192.0.2.3]"]
        for i in 0..<600 {
            let n = Int(rng.next() % 40)
            let recipient = t("<user\(n)@domain\(n % 7).example>")
            let qid = "Q\(i)"
            let relay = t(relays[Int(rng.next() % 3)])
            events.append(Fixture.attempt(i % 5 == 0 ? .deferred : .sent, qid: qid, relay: relay,
                                          stat: i % 5 == 0 ? t("Deferred: Connection timed out with mx") : t("Sent (ok)")))
            events.append(Fixture.record(recipient, status: i % 9 == 0 ? .bounced : .delivered, qid: qid, relay: relay,
                                         stat: t("some status text \(n % 4)")))
            events.append(Fixture.message(sender: t("<sender\(n % 5)@corp.example>"), qid: qid,
                                          clientRelay: t("client\(n % 6).example [198.51.100.\(n % 6)]")))
            events.append(.reject(RejectEvent(time: Fixture.time(1), host: "mx", qid: nil, ruleset: t(["check_rcpt", "check_relay"][n % 2]),
                                              action: n % 3 == 0 ? .tempfail : .reject, arg1: nil,
                                              client: t("bad\(n % 4).example [203.0.113.\(n % 4)]"), text: t("550 5.7.1 denied \(n % 3)"))))
            events.append(.tls(TLSRecord(time: Fixture.time(1), host: "mx", side: n % 2 == 0 ? .server : .client, relay: "x",
                                         version: t(["TLSv1.3", "TLSv1.2"][n % 2]), verify: t(["OK", "NO", "FAIL"][n % 3]), cipher: nil)))
            events.append(.auth(AuthRecord(time: Fixture.time(1), host: "mx", side: .server, outcome: n % 4 == 0 ? .failure : .success,
                                           mech: t(["PLAIN", "LOGIN"][n % 2]), relay: t("c\(n % 3)"), text: nil)))
        }
        return events
    }

    @Test("a report from shared texts equals one from rebuilt texts")
    func sharedEqualsRebuilt() {
        #expect(Fixture.build(Self.events(rebuild: false)) == Fixture.build(Self.events(rebuild: true)))
    }

    @Test("a completed message is forgotten by the deferred-messages table; never-deferred ones cost nothing")
    func deferredMessagesForgottenWhenComplete() {
        var distinct = DistinctMessages()
        for i in 0..<200 { distinct.count(MessageKey(host: "mx", qid: "D\(i)"), in: 0) }
        #expect(distinct.inFlight == 200)
        for i in 0..<5000 { distinct.forget(host: "mx", qids: ["N\(i)"]) }
        #expect(distinct.inFlight == 200)
        for i in 0..<200 where i % 2 == 0 { distinct.forget(host: "mx", qids: ["D\(i)"]) }
        #expect(distinct.inFlight == 100)
        // Forgotten, then deferred again: counted again.
        distinct.count(MessageKey(host: "mx", qid: "D0"), in: 0)
        #expect(distinct.count(of: 0) == 201)
        for i in 0..<200 { distinct.forget(host: "mx", qids: ["D\(i)"]) }
        #expect(distinct.inFlight == 0)
    }
}
