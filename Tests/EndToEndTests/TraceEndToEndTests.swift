import ArgumentParser
import Foundation
import Testing
@testable import SmlogCLI

/// `smlog trace` as a user runs it: on the sample rotated set (a real sendmail 8.17 run) and on
/// small logs written for the test.
@Suite("trace end to end", .serialized)
struct TraceEndToEndTests {
    static let fixed = ["--year", "2026", "--tz", "UTC"]

    /// A local submission handed to the MTA, deferred 16 times, warned about, then expired.
    static let expiredChain = ["6AUFnO1v001570", "6AUFnOhc001571", "6AUFqb9O002505", "6AUFvsqE004955"]

    @Test("any queue id of a submission → MTA → warning → expiry chain gives the whole chain", arguments: expiredChain)
    func samplesChainFromAnyID(id: String) throws {
        let run = try SmlogRun(["trace", "--format", "json", id, Paths.samples] + Self.fixed)
        #expect(run.status == 0)
        let messages = try Self.messages(run)
        #expect(messages.count == 1)
        #expect(messages.first?["qids"] as? [String] == Self.expiredChain)
        let recipients = try #require(messages.first?["recipients"] as? [[String: Any]])
        #expect(recipients.first?["address"] as? String == "full.sara.khan@example.org")
        #expect(recipients.first?["status"] as? String == "bounced")
        #expect(recipients.first?["dsn"] as? String == "4.4.7")
        #expect(recipients.dropFirst().allSatisfy { $0["kind"] as? String == "dsn" && $0["status"] as? String == "delivered" })
    }

    @Test("every chain of the sample set, traced by one of its ids, is exactly that chain")
    func everySampleChain() throws {
        let chains = try Self.chainsFromRecords(Paths.samples)
        #expect(chains.count > 300)
        var mismatches: [String] = []
        for (index, chain) in chains.enumerated() {
            let ids = chain.sorted()
            let id = ids[index % ids.count]
            let run = try SmlogRun(["trace", "--format", "json", id, Paths.samples] + Self.fixed)
            let messages = try Self.messages(run)
            let found = messages.map { Set($0["qids"] as? [String] ?? []) }
            if run.status != 0 || found != [chain] { mismatches.append("\(id): \(found.map { $0.sorted() })") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("the text form explains the message and shows the raw lines on request")
    func textWithRaw() throws {
        let run = try SmlogRun(["trace", "--raw", "6AUFnOhc001571", Paths.samples] + Self.fixed)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("Trace of queue id 6AUFnOhc001571: 1 message"))
        #expect(run.output.contains("Message 1 of 1: finished (1 bounced)"))
        #expect(run.output.contains("handed to the local MTA for full.sara.khan@example.org, which queued it as 6AUFnOhc001571"))
        #expect(run.output.contains("sender notification 6AUFvsqE004955 generated: Cannot send message for 8 minutes"))
        let raw = run.output.components(separatedBy: "\nLog lines\n").last ?? ""
        #expect(raw.split(separator: "\n").count == 28)
        #expect(raw.contains("6AUFnO1v001570: from=bob, size=4688"))
    }

    @Test("a Message-ID finds the submission and both MTA copies it was handed over as")
    func messageIDWithTwoHandoffs() throws {
        for id in ["<20261130155647.313674.nnkz2o14@vm.lab.example>", "20261130155647.313674.nnkz2o14@vm.lab.example"] {
            let run = try SmlogRun(["trace", "--format", "json", id, Paths.samples] + Self.fixed)
            let messages = try Self.messages(run)
            #expect(messages.map { $0["qids"] as? [String] ?? [] } == [["6AUFulV2004877", "6AUFvWIG004939", "6AUFwRE3005017"]])
            #expect(messages.first?["matched_as"] as? [String] == ["msgid"])
        }
    }

    @Test("an address finds every message to it, and --since / --limit narrow that")
    func addressWithNarrowing() throws {
        let all = try Self.messages(SmlogRun(["trace", "--format", "json", "--address", "bob@vm.lab.example", Paths.samples] + Self.fixed))
        #expect(all.count > 5)
        let received = all.compactMap { $0["received"] as? String }
        #expect(received == received.sorted())
        let limited = try Self.messages(SmlogRun(["trace", "--format", "json", "--limit", "2", "bob@vm.lab.example", Paths.samples] + Self.fixed))
        #expect(limited.map { $0["qids"] as? [String] ?? [] } == all.suffix(2).map { $0["qids"] as? [String] ?? [] })
        let since = try Self.messages(SmlogRun(["trace", "--format", "json", "--since", "2026-11-30T16:00:00Z", "bob@vm.lab.example", Paths.samples] + Self.fixed))
        #expect(!since.isEmpty)
        #expect(since.count < all.count)
        #expect(since.allSatisfy { ($0["received"] as? String ?? "") >= "2026-11-30T16:00:00Z" })
    }

    @Test("a message still queued at the end is marked so, with its last error and age")
    func stillQueuedAtEnd() throws {
        let run = try SmlogRun(["trace", "--format", "json", "6AUG3VaK005761", Paths.samples] + Self.fixed)
        let message = try #require(try Self.messages(run).first)
        #expect(message["state"] as? String == "queued")
        #expect(message["age_seconds"] as? Int == 13)
        #expect(message["last_error"] as? String == "Deferred: Connection refused by smarthost.lab.example.")
        let recipients = try #require(message["recipients"] as? [[String: Any]])
        #expect(recipients.count == 3)
        #expect(recipients.allSatisfy { $0["status"] as? String == "pending" && $0["deferrals"] as? Int == 2 })
        let text = try SmlogRun(["trace", "6AUG3VaK005761", Paths.samples] + Self.fixed).output
        #expect(text.contains("still queued (3 pending), 13s since receipt when the input ends"))
    }

    @Test("exit status: 1 when nothing matches, 2 for usage errors and unreadable input")
    func exitStatuses() throws {
        let none = try SmlogRun(["trace", "6AUZZZZZ999999", Paths.samples] + Self.fixed)
        #expect(none.status == 1)
        #expect(none.output == "No message found for queue id 6AUZZZZZ999999.\n")
        #expect(try SmlogRun(["trace", "--qid", "--msgid", "x", Paths.samples]).status == 2)
        #expect(try SmlogRun(["trace", "--since", "soon", "x", Paths.samples]).status == 2)
        #expect(try SmlogRun(["trace", "--limit", "0", "x", Paths.samples]).status == 2)
        #expect(try SmlogRun(["trace", "6AUFnO1v001570", "/nonexistent/maillog"]).status == 2)
    }

    @Test("written logs: same queue id on two hosts, a double bounce split over a rotated pair")
    func writtenLogs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smlog-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let older = directory.appendingPathComponent("maillog.1").path
        let newer = directory.appendingPathComponent("maillog").path
        try (Self.doubleBounce.prefix(4).joined(separator: "\n") + "\n").write(toFile: older, atomically: true, encoding: .utf8)
        try (Self.doubleBounce.dropFirst(4).joined(separator: "\n") + "\n" + Self.twoHosts.joined(separator: "\n") + "\n")
            .write(toFile: newer, atomically: true, encoding: .utf8)

        for id in ["622901AA002001", "622904DD002003"] {
            let messages = try Self.messages(SmlogRun(["trace", "--format", "json", id, directory.path] + Self.fixed))
            #expect(messages.map { $0["qids"] as? [String] ?? [] } == [["622901AA002001", "622902BB002002", "622903CC002003", "622904DD002003"]])
        }
        let twoHosts = try Self.messages(SmlogRun(["trace", "--format", "json", "622B00XX000100", newer] + Self.fixed))
        #expect(twoHosts.map { ($0["hops"] as? [[String: Any]])?.first?["host"] as? String } == ["alpha", "beta"])
    }

    // MARK: helpers

    static func messages(_ run: SmlogRun) throws -> [[String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        return try #require(document["messages"] as? [[String: Any]])
    }

    /// The chains `smlog records` reports: the qids of each message, its notices joined to it.
    static func chainsFromRecords(_ path: String) throws -> [Set<String>] {
        let records = try SmlogRun(["records", path] + fixed).objects
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var root = x
            while let next = parent[root], next != root { root = next }
            return root
        }
        func union(_ a: String, _ b: String) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[ra] = rb }
        }
        for record in records {
            let qids = record["qids"] as? [String] ?? []
            for qid in qids where parent[qid] == nil { parent[qid] = qid }
            for qid in qids.dropFirst() { union(qids[0], qid) }
            if let up = record["parent_qid"] as? String, let first = qids.first {
                if parent[up] == nil { parent[up] = up }
                union(up, first)
            }
        }
        var groups: [String: Set<String>] = [:]
        for qid in parent.keys { groups[find(qid), default: []].insert(qid) }
        return groups.values.sorted { $0.min() ?? "" < $1.min() ?? "" }
    }

    static let doubleBounce = [
        "Mar  2 09:00:01 mail1 sendmail[2001]: 622901AA002001: from=carol, size=1200, class=0, nrcpts=1, msgid=<202603020900.622901AA002001@mail1.example.org>, relay=carol@localhost",
        "Mar  2 09:00:02 mail1 sendmail[2002]: 622902BB002002: from=<carol@mail1.example.org>, size=1380, class=0, nrcpts=1, msgid=<202603020900.622901AA002001@mail1.example.org>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]",
        "Mar  2 09:00:02 mail1 sendmail[2001]: 622901AA002001: to=dave@elsewhere.example, ctladdr=carol (1001/1001), delay=00:00:01, xdelay=00:00:01, mailer=relay, pri=31200, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (622902BB002002 Message accepted for delivery)",
        "Mar  2 09:00:03 mail1 sendmail[2003]: 622902BB002002: to=<dave@elsewhere.example>, ctladdr=<carol@mail1.example.org> (1001/1001), delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=31380, relay=mx.elsewhere.example. [192.0.2.10], dsn=5.1.1, stat=User unknown",
        "Mar  2 09:00:03 mail1 sendmail[2003]: 622902BB002002: 622903CC002003: DSN: User unknown",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622903CC002003: to=<carol@mail1.example.org>, delay=00:00:01, xdelay=00:00:00, mailer=esmtp, pri=31380, relay=smtp.mail1.example.org. [192.0.2.20], dsn=5.0.0, stat=Service unavailable",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622903CC002003: 622904DD002003: return to sender: Service unavailable",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622904DD002003: to=postmaster, delay=00:00:00, xdelay=00:00:00, mailer=local, pri=30000, dsn=2.0.0, stat=Sent",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622904DD002003: done; delay=00:00:00, ntries=1",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622903CC002003: done; delay=00:00:01, ntries=1",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622902BB002002: done; delay=00:00:02, ntries=1",
    ]

    static let twoHosts = [
        "Mar  2 11:00:00 alpha sendmail[100]: 622B00XX000100: from=<ann@alpha.example>, size=300, class=0, nrcpts=1, msgid=<d.1@alpha.example>, proto=ESMTP, daemon=MTA, relay=client.alpha.example [192.0.2.40]",
        "Mar  2 11:00:01 alpha sendmail[101]: 622B00XX000100: to=<bo@example.com>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30300, relay=mx.example.com. [192.0.2.50], dsn=2.0.0, stat=Sent (ok 1)",
        "Mar  2 11:00:05 beta sendmail[100]: 622B00XX000100: from=<cy@beta.example>, size=400, class=0, nrcpts=1, msgid=<d.2@beta.example>, proto=ESMTP, daemon=MTA, relay=client.beta.example [192.0.2.41]",
        "Mar  2 11:00:06 beta sendmail[101]: 622B00XX000100: to=<di@example.com>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30400, relay=mx.example.com. [192.0.2.50], dsn=2.0.0, stat=Sent (ok 2)",
    ]
}
