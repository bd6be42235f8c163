import SmlogCorrelate
import SmlogParse
import Testing

/// Envelopes, chains and recipients live in reusable slots: a message emitted frees its
/// slots for the next one, and a late line of the emitted message must start a message of
/// its own, never land in the message that now holds its old slots.
@Suite("slot reuse")
struct SlotReuseTests {
    private static func from(_ qid: String, _ sender: String, at time: String, nrcpts: Int = 1) -> String {
        "Nov 30 \(time) vm sm-mta[1697]: \(qid): from=<\(sender)>, size=312, class=0, nrcpts=\(nrcpts), msgid=<\(qid)@example.com>, proto=ESMTP, daemon=MTA, relay=client.example [192.0.2.1]"
    }

    private static func to(_ qid: String, _ rcpt: String, at time: String, stat: String) -> String {
        let dsn = stat.hasPrefix("Sent") ? "2.0.0" : "4.0.0"
        return "Nov 30 \(time) vm sm-mta[1698]: \(qid): to=<\(rcpt)>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120312, relay=mx.example.net. [198.51.100.2], dsn=\(dsn), stat=\(stat)"
    }

    private static func done(_ qid: String, at time: String) -> String {
        "Nov 30 \(time) vm sm-mta[1698]: \(qid): done; delay=00:00:01, ntries=1"
    }

    @Test("a late to= line of an emitted message is its own record, not the next message's")
    func lateLineAfterSlotReuse() throws {
        let run = CorrelationRun([
            Self.from("6AUA000001", "a@example.com", at: "10:00:00"),
            Self.to("6AUA000001", "x@example.net", at: "10:00:01", stat: "Sent (ok)"),
            Self.done("6AUA000001", at: "10:00:01"),
            // A's slots are free again: B takes them.
            Self.from("6AUB000002", "b@example.com", at: "10:00:02"),
            Self.to("6AUB000002", "y@example.net", at: "10:00:03", stat: "Deferred: Connection timed out"),
            // A late line of A: a new envelope for A, B untouched.
            Self.to("6AUA000001", "late@example.net", at: "10:00:04", stat: "Deferred: Connection timed out"),
        ])
        #expect(run.records.count == 3)
        let a = try #require(run.record("x@example.net"))
        #expect(a.status == .delivered && a.qids == ["6AUA000001"] && a.sender == "a@example.com")
        let b = try #require(run.record("y@example.net"))
        #expect(b.status == .pending && b.qids == ["6AUB000002"] && b.sender == "b@example.com" && b.deferrals == 1)
        let late = try #require(run.record("late@example.net"))
        #expect(late.qids == ["6AUA000001"] && late.sender == nil && late.status == .pending)
        #expect(run.inFlightAfterEachLine == [1, 1, 0, 1, 1, 2])
    }

    @Test("many messages in flight, emitted in turn, keep their own recipients", arguments: [3, 40, 700])
    func interleavedMessages(count: Int) {
        var lines: [String] = []
        func qid(_ i: Int) -> String { "6AUC" + String(100_000 + i) }
        func time(_ i: Int) -> String {
            let second = i % 60
            return "11:\(10 + i / 60 % 40):\(second < 10 ? "0" : "")\(second)"
        }
        for i in 0..<count {
            lines.append(Self.from(qid(i), "s\(i)@example.com", at: time(i), nrcpts: 2))
            lines.append(Self.to(qid(i), "r\(i)a@example.net", at: time(i), stat: "Deferred: Connection timed out"))
        }
        // Every other message is delivered and done (its slots freed), then new messages reuse them.
        for i in stride(from: 0, to: count, by: 2) {
            lines.append(Self.to(qid(i), "r\(i)a@example.net", at: time(count), stat: "Sent (ok)"))
            lines.append(Self.to(qid(i), "r\(i)b@example.net", at: time(count), stat: "Sent (ok)"))
            lines.append(Self.done(qid(i), at: time(count)))
        }
        for i in count..<(count + count / 2) {
            lines.append(Self.from(qid(i), "s\(i)@example.com", at: time(count), nrcpts: 1))
            lines.append(Self.to(qid(i), "r\(i)a@example.net", at: time(count), stat: "Sent (ok)"))
            lines.append(Self.done(qid(i), at: time(count)))
        }
        let run = CorrelationRun(lines)
        for i in 0..<(count + count / 2) {
            let mine = run.records.filter { $0.qids == [qid(i)] }
            let expected = i >= count ? 1 : (i % 2 == 0 ? 2 : 1)
            #expect(mine.count == expected, "message \(i)")
            #expect(mine.allSatisfy { $0.sender == "s\(i)@example.com" && $0.recipient.hasPrefix("r\(i)") }, "message \(i)")
            if i < count, i % 2 == 1 {
                // Still deferred at the end; its from= announced two recipients, one named.
                #expect(mine.first?.status == .pending)
            } else {
                #expect(mine.allSatisfy { $0.status == .delivered })
            }
        }
    }
}
