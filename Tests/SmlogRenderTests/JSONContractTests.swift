import Foundation
import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import SmlogRender
import Testing

@Suite struct JSONContractTests {
    /// The keys the issue names as the public interface (dotted = nested).
    static let requiredPaths = [
        "schema", "period.first", "period.last", "period.hosts", "input.lines", "input.foreign_lines",
        "input.unrecognized_lines", "totals.messages", "totals.recipients", "totals.delivered", "totals.bounced",
        "totals.pending", "totals.deferrals", "totals.deferred_messages", "totals.rejected",
        "latency.delay.p50", "latency.delay.p90", "latency.delay.p95", "latency.delay.p99", "latency.delay.max",
        "latency.xdelay.p50", "latency.xdelay.p90", "latency.xdelay.p95", "latency.xdelay.p99", "latency.xdelay.max",
        "relays", "deferral_reasons",
    ]

    static func value(_ object: [String: Any], _ path: String) -> Any? {
        var current: Any? = object
        for part in path.split(separator: ".") {
            guard let dict = current as? [String: Any], let next = dict[String(part)] else { return nil }
            current = next
        }
        return current
    }

    func parse(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func requiredKeysArePresentInAFullReport() throws {
        let object = try parse(JSONRenderer().render(ReportFixture.report()))
        for path in Self.requiredPaths {
            #expect(Self.value(object, path) != nil, "missing \(path)")
        }
        #expect(object["schema"] as? String == "smlog.report/1")
        #expect(Self.value(object, "totals.recipients") as? Int == 6)
        #expect(Self.value(object, "latency.delay.p90") as? Int == 65)
        #expect((object["relays"] as? [[String: Any]])?.first?["relay"] as? String == "smarthost.lab.example")
        #expect((object["deferral_reasons"] as? [[String: Any]])?.first?["class"] as? String == "connection_refused")
        for section in ["queue", "bounces", "rejects", "traffic", "top", "tls", "unrecognized"] {
            #expect(object[section] != nil, "missing section \(section)")
        }
    }

    @Test func approximateIsWrittenOnlyForBoundedListsThatOverflowed() throws {
        let exact = try parse(JSONRenderer().render(ReportFixture.report()))
        let exactTop = try #require(exact["top"] as? [String: Any])
        for (_, list) in exactTop { #expect((list as? [String: Any])?["approximate"] == nil) }
        for section in ["bounces", "rejects", "tls"] {
            #expect((exact[section] as? [String: Any])?["approximate"] == nil, "\(section)")
        }

        var report = ReportFixture.report()
        report.top?.lists[0].approximate = true
        report.bounces?.approximate = true
        report.rejects?.approximate = true
        report.tls?.approximate = true
        let object = try parse(JSONRenderer().render(report))
        let top = try #require(object["top"] as? [String: Any])
        let first = try #require(report.top?.lists[0].kind.rawValue)
        #expect((top[first] as? [String: Any])?["approximate"] as? Bool == true)
        #expect(top.filter { ($0.value as? [String: Any])?["approximate"] != nil }.count == 1)
        for section in ["bounces", "rejects", "tls"] {
            #expect((object[section] as? [String: Any])?["approximate"] as? Bool == true, "\(section)")
        }
        let text = String(decoding: TextRenderer().render(report), as: UTF8.self)
        #expect(text.contains("approximate: more distinct keys than are tracked"))
    }

    @Test func requiredKeysStayWhenOnlyOneSectionIsChosenAndNothingHappened() throws {
        var builder = ReportBuilder(options: ReportOptions(sections: [.tls]))
        builder.add(.tls(TLSRecord(time: LogTime(seconds: 5), host: "vm", side: .client, relay: nil,
                                   version: "TLSv1.3", verify: "OK", cipher: nil)))
        let report = builder.finish(input: InputAccounting())
        let object = try parse(JSONRenderer().render(report))
        for path in Self.requiredPaths {
            #expect(Self.value(object, path) != nil, "missing \(path)")
        }
        #expect(Self.value(object, "latency.delay.p50") is NSNull)
        #expect(Self.value(object, "period.first") is NSNull)
        #expect(object["tls"] != nil)
        #expect(object["queue"] == nil)
        #expect(object["sections"] as? [String] == ["tls"])
    }

    @Test func timesCarryTheLinesOffset() throws {
        var report = ReportFixture.report()
        report.period.first = LogTime(seconds: 1_796_046_546, utcOffset: 3600)
        report.period.last = LogTime(seconds: 1_796_046_546, utcOffset: -18_000)
        let object = try parse(JSONRenderer().render(report))
        #expect(Self.value(object, "period.first") as? String == "2026-11-30T14:49:06+01:00")
        #expect(Self.value(object, "period.last") as? String == "2026-11-30T08:49:06-05:00")
    }
}

@Suite struct CSVTests {
    @Test func aTableOfASectionNotComputedIsAnError() {
        let report = ReportFixture.report(sections: [.summary])
        var stripped = report
        stripped.top = nil
        #expect(throws: CSVRenderer.Failure.sectionNotInReport("top")) {
            try CSVRenderer().render(stripped, table: .top)
        }
    }

    @Test func everyTableNameMapsToASection() {
        for table in CSVTable.allCases {
            #expect(CSVTable(rawValue: table.rawValue) == table)
            #expect(ReportSectionName.allCases.contains(table.section))
        }
        #expect(CSVTable(rawValue: "relays") == .relays)
    }

    @Test func cellsNeedingQuotesAreQuotedAndQuotesDoubled() throws {
        var report = ReportFixture.report()
        report.unrecognized = UnrecognizedSection(lines: 1, sampled: 1, shapes: [
            LineShapeCount(shape: "say \"hi\", then go", count: 1),
            LineShapeCount(shape: " padded ", count: 1),
        ])
        let csv = String(decoding: try CSVRenderer().render(report, table: .unrecognized), as: UTF8.self)
        #expect(csv == "shape,count,overcount\r\n\"say \"\"hi\"\", then go\",1,0\r\n\" padded \",1,0\r\n")
    }

    @Test func unknownPercentilesAreEmptyCells() throws {
        var report = ReportFixture.report()
        report.latency.xdelay = DistributionSummary()
        let csv = String(decoding: try CSVRenderer().render(report, table: .latency), as: UTF8.self)
        #expect(csv.contains("\r\nxdelay,*,0,,,,,\r\n"))
    }
}
