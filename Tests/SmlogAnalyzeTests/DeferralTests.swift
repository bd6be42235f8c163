import Foundation
@testable import SmlogAnalyze
import SmlogCorrelate
import Testing

@Suite struct DeferralClassifierTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var stat: String
        var reply: String?
        var dsn: String?
        var expected: DeferralClass
        var testDescription: String { stat }
    }

    /// Real `stat=`/`reply=`/`dsn=` texts of sendmail 8.17 deferrals (lab corpus), plus
    /// shapes from the sendmail sources for the classes the lab did not produce.
    static let cases: [Case] = [
        Case(stat: "Deferred: Connection refused by smarthost.lab.example.", dsn: "4.4.1", expected: .connectionRefused),
        Case(stat: "Deferred: 452 4.2.2 <full.sara.khan@example.org>: Mailbox full",
             reply: "452 4.2.2 <full.sara.khan@example.org>: Mailbox full", dsn: "4.2.2", expected: .mailboxFull),
        Case(stat: "Deferred: Connection timed out with smarthost.lab.example.", dsn: "4.4.2", expected: .connectionTimedOut),
        Case(stat: "Deferred: Connection refused by [127.0.0.1]", dsn: "4.4.1", expected: .localMTADown),
        Case(stat: "Deferred: 451 4.3.0 <greylist.sara.ito@example.org>: Temporary lookup failure",
             reply: "451 4.3.0 <greylist.sara.ito@example.org>: Temporary lookup failure", dsn: "4.3.0", expected: .remote4xx),
        Case(stat: "Deferred", dsn: "4.7.0", expected: .other),
        Case(stat: "Deferred: 451 4.3.0 Error: queue file write error",
             reply: "451 4.3.0 Error: queue file write error", dsn: "4.3.0", expected: .remote4xx),
        Case(stat: "Deferred: 454 4.7.0 TLS handshake failed.", dsn: "4.7.0", expected: .tls),
        Case(stat: "Deferred: Name server: [127.0.0.1]: host name lookup failure", dsn: "4.4.2", expected: .dns),
        Case(stat: "Deferred: 450 4.7.1 <greylist.nina.garcia@example.net>: Recipient address rejected: Greylisted, please try again later",
             reply: "450 4.7.1 <greylist.nina.garcia@example.net>: Recipient address rejected: Greylisted, please try again later",
             dsn: "4.7.1", expected: .greylisting),
        Case(stat: "Deferred: 421 4.3.2 smarthost.lab.example Service not available, closing transmission channel",
             reply: "421 4.3.2 smarthost.lab.example Service not available, closing transmission channel",
             dsn: "4.5.0", expected: .remote4xx),
        Case(stat: "Deferred: 530 5.7.0 Authentication required", dsn: "4.7.0", expected: .auth),
        Case(stat: "Deferred", reply: "454 4.7.0 TLS not available due to local problem", dsn: "4.7.0", expected: .tls),
        Case(stat: "Deferred: 535 5.7.8 Error: authentication failed", dsn: "4.7.0", expected: .auth),
        Case(stat: "Deferred: Connection reset by mx.example.net.", dsn: "4.4.2", expected: .connectionReset),
        Case(stat: "Deferred: Connection timed out with mx.example.net. during client greeting", expected: .clientPhaseTimeout),
        Case(stat: "Deferred: Connection refused by localhost", expected: .localMTADown),
        Case(stat: "Deferred: 450 4.2.0 <a@b>: Recipient address rejected: Greylisted for 5 minutes", expected: .greylisting),
        Case(stat: "Deferred: 451 4.7.1 Please try again later (greylisting in action)", expected: .greylisting),
        Case(stat: "Deferred: 452 4.2.2 Over quota", expected: .mailboxFull),
        Case(stat: "Deferred: DNS failure: CNAME loop for example.com", expected: .dns),
        Case(stat: "Deferred: mx.example.com.: Network is unreachable", expected: .other),
        // A stale 5xx reply on a line deferred for another cause does not decide the class.
        Case(stat: "Deferred", reply: "550 5.1.1 <u@corp.example>: Recipient address rejected: User unknown",
             dsn: "4.4.2", expected: .other),
    ]

    @Test(arguments: cases)
    func realStatTextsLandInTheirClass(_ c: Case) {
        #expect(DeferralClassifier.classify(stat: c.stat, reply: c.reply, dsn: c.dsn) == c.expected)
    }

    @Test func deferralTextDropsThePrefixAndKeepsAddresses() {
        #expect(ReasonText.deferralText(stat: "Deferred: 452 4.2.2 <a@b.example>: Mailbox full", reply: nil)
                == "452 4.2.2 <a@b.example>: Mailbox full")
        #expect(ReasonText.deferralText(stat: "Deferred", reply: "451 4.3.0 Temporary lookup failure")
                == "451 4.3.0 Temporary lookup failure")
        #expect(ReasonText.deferralText(stat: "Deferred", reply: nil) == "Deferred")
        #expect(ReasonText.deferralText(stat: "Deferred", reply: "550 5.1.1 <u@x>: User unknown") == "Deferred")
    }
}

@Suite struct DeferralAggregatorTests {
    @Test func classesCountRecipientAttemptsDistinctMessagesAndTheCommonestText() {
        let refused = "Deferred: Connection refused by smarthost.lab.example."
        let report = Fixture.build([
            Fixture.attempt(.deferred, qid: "A", recipients: 3, dsn: "4.4.1", stat: refused),
            Fixture.attempt(.deferred, qid: "A", recipients: 3, dsn: "4.4.1", stat: refused),
            Fixture.attempt(.deferred, qid: "B", recipients: 1, dsn: "4.4.1", stat: "Deferred: Connection refused by mx2.example."),
            Fixture.attempt(.deferred, qid: "C", recipients: 1, dsn: "4.2.2",
                            stat: "Deferred: 452 4.2.2 <full@example.org>: Mailbox full"),
            Fixture.attempt(.deferred, qid: "H", recipients: 5, relay: "[127.0.0.1] [127.0.0.1]",
                            stat: "Deferred: Connection refused by [127.0.0.1]", handoff: true),
        ])
        let reasons = report.deferrals.reasons
        #expect(reasons.map(\.reasonClass) == [.connectionRefused, .mailboxFull])
        #expect(reasons[0].events == 7)
        #expect(reasons[0].messages == 2)
        #expect(reasons[0].example == "Connection refused by smarthost.lab.example.")
        #expect(reasons[1].example == "452 4.2.2 <full@example.org>: Mailbox full")
        #expect(reasons.reduce(0) { $0 + $1.events } == report.totals.deferrals)
    }

    @Test func byRelayListsEachRelayAndClassPair() {
        let report = Fixture.build([
            Fixture.attempt(.deferred, qid: "A", recipients: 2, relay: "mx1.example. [192.0.2.1]",
                            stat: "Deferred: Connection refused by mx1.example."),
            Fixture.attempt(.deferred, qid: "B", relay: "mx2.example. [192.0.2.2]",
                            stat: "Deferred: Connection timed out with mx2.example."),
        ])
        #expect(report.deferrals.byRelay == [
            RelayDeferral(relay: "mx1.example", reasonClass: .connectionRefused, events: 2, messages: 1),
            RelayDeferral(relay: "mx2.example", reasonClass: .connectionTimedOut, events: 1, messages: 1),
        ])
    }
}

@Suite struct LabCorpusDeferralTests {
    /// The lab log of ../shared (real sendmail 8.17 output), when this checkout has it.
    static let labLog: String? = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }   // …/Tests/SmlogAnalyzeTests/x.swift → worktree's parent
        let path = url.appendingPathComponent("shared/samples/real-sendmail-lab/maillog").path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }()

    @Test(.enabled(if: labLog != nil, "../shared/samples/real-sendmail-lab/maillog is not available"))
    func everyLabDeferralWithATextGetsAClassOtherThanOther() throws {
        let log = try #require(Self.labLog)
        var seen = 0
        for line in log.split(separator: "\n") {
            guard let statRange = line.range(of: ", stat=Deferred") else { continue }
            let stat = String(line[line.index(statRange.lowerBound, offsetBy: 7)...])
            let reply = line.range(of: ", reply=").map { r in
                String(line[r.upperBound..<statRange.lowerBound])
            }
            let dsn = line.range(of: "dsn=").map { r in String(line[r.upperBound...].prefix { $0 != "," }) }
            seen += 1
            let reasonClass = DeferralClassifier.classify(stat: stat, reply: reply, dsn: dsn)
            if stat == "Deferred" && (reply == nil || reply?.hasPrefix("5") == true) {
                #expect(reasonClass == .other, "\(line)")
            } else {
                #expect(reasonClass != .other, "unclassified: \(line)")
            }
        }
        #expect(seen > 500)
    }
}
