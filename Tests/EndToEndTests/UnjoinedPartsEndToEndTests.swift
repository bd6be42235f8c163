import Foundation
import Testing
@testable import SmlogCLI

/// Split-line parts that belong to no message leave the sendmail count as soon as the parser
/// gives them up, in input order with the other lines not understood (the pipeline only asks
/// the parser for them after lines it did not understand in place).
@Suite("unjoined split parts end to end", .serialized)
struct UnjoinedPartsEndToEndTests {
    @Test("stray parts go to --unrecognized right after their line, between the other lines")
    func strayPartsAreWrittenInInputOrder() throws {
        let lines = [
            "Nov 30 15:50:00 vm sendmail[4242]: 6AUFoA00000001: from=<a@example.org>, size=100, class=0, nrcpts=1, msgid=<m1@example.org>, proto=ESMTP, daemon=MTA, relay=client.example [10.0.0.1]",
            "Nov 30 15:50:01 vm sendmail[4242]: S1000000000000[2]: to=<x@example.com>, stat=Sent",
            "Nov 30 15:50:02 vm sendmail[4242]: nothing a parser could understand here",
            "Nov 30 15:50:03 vm sendmail[4242]: S1000000000001[3]: to=<y@example.com>, stat=Sent",
            "Nov 30 15:50:04 vm sendmail[4243]: 6AUFoA00000001: to=<b@example.org>, delay=00:00:04, xdelay=00:00:01, mailer=esmtp, pri=30100, relay=mx.example.org. [10.0.0.2], dsn=2.0.0, stat=Sent (ok)",
            "Nov 30 15:50:05 vm sendmail[4242]: S1000000000002[2]: to=<z@example.com>, stat=Sent",
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smlog-unjoined-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("maillog").path
        let unrecognized = directory.appendingPathComponent("unrecognized").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
        let run = try SmlogRun(["records", log, "--unrecognized", unrecognized, "--year", "2026", "--tz", "UTC"])
        #expect(run.objects.count == 1)
        #expect(run.objects.first?["recipient"] as? String == "b@example.org")
        let written = try String(contentsOfFile: unrecognized, encoding: .utf8)
        #expect(written == [lines[1], lines[2], lines[3], lines[5]].joined(separator: "\n") + "\n")
    }
}
