import Foundation
import Testing
@testable import SmlogCLI

/// `smlog report` on the real samples, as a user runs it.
@Suite("report end to end", .serialized)
struct ReportEndToEndTests {
    static let fixed = ["--year", "2026", "--tz", "UTC"]

    @Test("text, JSON and CSV reports on Samples/ match their goldens", arguments: [
        (["--format", "text"], "report-samples.txt"),
        (["--format", "json"], "report-samples.json"),
        (["--format", "csv"], "report-samples-summary.csv"),
        (["--format", "csv", "--section", "relays"], "report-samples-relays.csv"),
        (["--format", "csv", "--section", "deferrals"], "report-samples-deferrals.csv"),
    ])
    func goldens(arguments: [String], golden: String) throws {
        let run = try SmlogRun(["report", Paths.samples] + Self.fixed + arguments)
        #expect(run.status == 0)
        #expect(try matchesGolden(run.output, golden))
    }

    @Test("every figure of the lab's expected-figures.json agrees exactly")
    func expectedFigures() throws {
        let run = try SmlogRun(["report", "--format", "json", Paths.samples] + Self.fixed)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        func value(_ path: String) -> Int? {
            var node: Any? = json
            for key in path.split(separator: ".") { node = (node as? [String: Any])?[String(key)] }
            return node as? Int
        }
        // The lab's ground truth (samples/real-sendmail-lab/expected-figures.json), from the
        // driver's and the relay's own records.
        #expect(value("input.lines") == 8349)
        #expect(value("totals.messages") == 330)
        #expect(value("totals.pending") == 55)
        #expect(value("totals.deferrals") == 672)
        let records = try SmlogRun(["records", Paths.samples] + Self.fixed).objects
        let toSmartHost = records.filter {
            $0["status"] as? String == "delivered" && ($0["relay"] as? String)?.hasPrefix("smarthost.lab.example") == true
        }
        #expect(toSmartHost.count == 384)
    }

    @Test("the summary equation reconciles on every sample", arguments: InputCorpus.all())
    func equationReconciles(path: String) throws {
        let run = try SmlogRun(["report", "--format", "json", path] + Self.fixed)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let totals = try #require(json["totals"] as? [String: Any])
        let recipients = try #require(totals["recipients"] as? Int)
        let parts = ["delivered", "bounced", "pending"].compactMap { totals[$0] as? Int }
        let other = try #require(totals["other"] as? Int)
        #expect(parts.count == 3)
        #expect(recipients == parts.reduce(0, +) + other)
        let input = try #require(json["input"] as? [String: Any])
        let lines = try #require(input["lines"] as? Int)
        let understood = (input["sendmail_lines"] as? Int) ?? -1
        let foreign = try #require(input["foreign_lines"] as? Int)
        let unrecognized = try #require(input["unrecognized_lines"] as? Int)
        #expect(lines == understood + foreign + unrecognized)
    }

    @Test("-d and --since/--until narrow the report to the window")
    func timeWindow() throws {
        let all = try SmlogRun(["report", "--format", "json", Paths.samples] + Self.fixed)
        let part = try SmlogRun(["report", "--format", "json", "--since", "2026-11-30T15:55:00Z", "--until", "2026-11-30T16:00:00Z", Paths.samples] + Self.fixed)
        func messages(_ run: SmlogRun) throws -> Int {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            return try #require((json["totals"] as? [String: Any])?["messages"] as? Int)
        }
        let whole = try messages(all)
        let window = try messages(part)
        #expect(window > 0)
        #expect(window < whole)
    }

    @Test("usage errors exit with 2", arguments: [
        ["report", "--top", "0"], ["report", "-d", "tomorrow"], ["report", "--sections", "nonsense"],
        ["report", "--format", "csv", "--section", "nonsense"], ["records", "--format", "xml"],
    ])
    func usageErrors(arguments: [String]) throws {
        let run = try SmlogRun(arguments + [Paths.samples])
        #expect(run.status == 2)
    }
}
