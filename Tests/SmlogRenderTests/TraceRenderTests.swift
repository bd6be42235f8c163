import Foundation
import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import Testing
@testable import SmlogRender

/// The text and JSON forms of a trace.
@Suite("Trace rendering")
struct TraceRenderTests {
    static let received = LogTime(seconds: 1_772_443_800)

    /// A message handed from the submission program to the MTA and delivered via a relay,
    /// built by hand so that these tests depend on the renderers only.
    static func deliveredTrace(senderText: String = "carol@mail1.example.org") -> Trace {
        var fromLine = TraceEvent(time: received, host: "mail1", qid: "622901AA002001", program: "sendmail", pid: 2001, kind: .received)
        fromLine.sender = senderText
        fromLine.size = 1200
        fromLine.nrcpts = 1
        fromLine.client = "carol@localhost"
        var handoff = TraceEvent(time: LogTime(seconds: received.seconds + 1), host: "mail1", qid: "622901AA002001", program: "sendmail", pid: 2001, kind: .attempt)
        handoff.outcome = .sent
        handoff.isHandoff = true
        handoff.recipients = ["dave@elsewhere.example"]
        handoff.nextQid = "622902BB002002"
        var sent = TraceEvent(time: LogTime(seconds: received.seconds + 65), host: "mail1", qid: "622902BB002002", program: "sendmail", pid: 2003, kind: .attempt)
        sent.outcome = .sent
        sent.recipients = ["dave@elsewhere.example"]
        sent.relay = "mx.elsewhere.example. [192.0.2.10]"
        sent.stat = "Sent (Ok: queued as 4QRSTUVW)"
        sent.nextQid = "4QRSTUVW"
        let record = DeliveryRecord(
            recipient: "dave@elsewhere.example", sender: senderText, status: .delivered, kind: .mail,
            qids: ["622901AA002001", "622902BB002002"], msgid: "<m.1@mail1.example.org>", host: "mail1", size: 1200,
            received: received, completed: sent.time, attempts: 1, deferrals: 0,
            relay: "mx.elsewhere.example. [192.0.2.10]", mailer: "esmtp", dsn: "2.0.0", delay: 65, xdelay: 1,
            stat: "Sent (Ok: queued as 4QRSTUVW)", downstreamQid: "4QRSTUVW")
        let message = TraceMessage(
            hops: [
                TraceHop(qid: "622901AA002001", host: "mail1", programs: ["sendmail"], role: .submission, firstSeen: received),
                TraceHop(qid: "622902BB002002", host: "mail1", programs: ["sendmail"], role: .mta, parentQid: "622901AA002001"),
                TraceHop(qid: "4QRSTUVW", host: "mx.elsewhere.example.", programs: [], role: .relay, parentQid: "622902BB002002", logged: false),
            ],
            msgid: "<m.1@mail1.example.org>", sender: senderText, size: 1200, received: received,
            firstSeen: received, lastSeen: sent.time, client: "carol@localhost", proto: nil,
            recipients: [TraceRecipient(record: record, qid: "622902BB002002")],
            events: [fromLine, handoff, sent],
            rawLines: [Array("Mar  2 09:30:00 mail1 sendmail[2001]: 622901AA002001: from=carol".utf8), [0x41, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0xFF, 0x42]],
            state: .finished, age: nil, lastError: nil, matchedAs: [.qid])
        return Trace(query: TraceQuery(kind: .qid, text: "622902BB002002"), messages: [message], endOfInput: sent.time)
    }

    @Test("the text form explains the chain, each recipient and each step")
    func textExplains() {
        let text = TraceTextRenderer().render(Self.deliveredTrace())
        #expect(text.hasPrefix("Trace of queue id 622902BB002002: 1 message"))
        #expect(text.contains("Message 1 of 1: finished (1 delivered)"))
        #expect(text.contains("622901AA002001  mail1"))
        #expect(text.contains("submission program (MSP)"))
        #expect(text.contains("MTA, from 622901AA002001"))
        #expect(text.contains("4QRSTUVW"))
        #expect(text.contains("its log is not in the input"))
        #expect(text.contains("dave@elsewhere.example  delivered  at 622902BB002002, after 1m05s via mx.elsewhere.example. [192.0.2.10], accepted as 4QRSTUVW"))
        #expect(text.contains("handed to the local MTA for dave@elsewhere.example, which queued it as 622902BB002002"))
        #expect(text.contains("+1m05s"))
        #expect(!text.contains("Log lines"))
    }

    @Test("with raw lines, control characters and stray bytes from the log are written visibly")
    func textNeverEmitsControls() {
        let trace = Self.deliveredTrace(senderText: "evil\u{1b}[2J\u{7}@example.org\u{202e}")
        let text = TraceTextRenderer(includeRaw: true).render(trace)
        #expect(text.contains("Log lines"))
        #expect(text.contains("evil\\x1b[2J\\x07@example.org\\u{202e}"))
        #expect(text.contains("A\\x1b[31m\\xffB"))
        let hidden = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
        #expect(hidden.isEmpty)
    }

    @Test("the JSON form is valid and carries qids, recipients with status, and events")
    func jsonShape() throws {
        let bytes = TraceJSONRenderer(includeRaw: true).render(Self.deliveredTrace(senderText: "q\"uote\u{1b}"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let query = try #require(document["query"] as? [String: Any])
        #expect(query["kind"] as? String == "qid")
        let messages = try #require(document["messages"] as? [[String: Any]])
        let message = try #require(messages.first)
        #expect(message["qids"] as? [String] == ["622901AA002001", "622902BB002002"])
        #expect(message["sender"] as? String == "q\"uote\u{1b}")
        #expect(message["state"] as? String == "finished")
        let recipients = try #require(message["recipients"] as? [[String: Any]])
        #expect(recipients.first?["status"] as? String == "delivered")
        #expect(recipients.first?["latency_seconds"] as? Int == 65)
        let events = try #require(message["events"] as? [[String: Any]])
        #expect(events.map { $0["event"] as? String } == ["received", "attempt", "attempt"])
        #expect(events[1]["handoff"] as? Bool == true)
        #expect(events[2]["next_qid"] as? String == "4QRSTUVW")
        let hops = try #require(message["hops"] as? [[String: Any]])
        #expect(hops.map { $0["role"] as? String } == ["submission", "mta", "relay"])
        #expect((message["raw"] as? [String])?.count == 2)
    }

    @Test("raw lines are in JSON only when asked for")
    func jsonRawOnlyWhenAsked() throws {
        let bytes = TraceJSONRenderer().render(Self.deliveredTrace())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let message = try #require((document["messages"] as? [[String: Any]])?.first)
        #expect(message["raw"] == nil)
    }

    @Test("nothing found says so")
    func nothingFound() throws {
        let empty = Trace(query: TraceQuery(kind: .msgid, text: "x@y"), messages: [], endOfInput: nil)
        #expect(TraceTextRenderer().render(empty) == "No message found for Message-ID <x@y>.\n")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(TraceJSONRenderer().render(empty))) as? [String: Any])
        #expect((document["messages"] as? [Any])?.isEmpty == true)
    }

    @Test("durations read short", arguments: [(Int64(0), "0s"), (42, "42s"), (474, "7m54s"), (7_380, "2h03m"), (273_600, "3d04h"), (-5, "0s")])
    func durations(seconds: Int64, text: String) {
        #expect(TraceDurationText.format(seconds) == text)
    }

    @Test("a queued message shows its age and last error")
    func queuedState() {
        var trace = Self.deliveredTrace()
        trace.messages[0].state = .queued
        trace.messages[0].age = 7_200
        trace.messages[0].lastError = "Deferred: Connection refused by mx.down.example."
        trace.messages[0].recipients[0].status = .pending
        let text = TraceTextRenderer().render(trace)
        #expect(text.contains("still queued (1 pending), 2h00m since receipt when the input ends"))
        #expect(text.contains("Last error  Deferred: Connection refused by mx.down.example."))
    }
}
