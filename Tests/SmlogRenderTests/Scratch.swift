import Testing
import SmlogAnalyze
import SmlogRender
import SmlogParse

@Test func scratch() {
    let report = Report(period: ReportPeriod(first: LogTime(seconds: 1_795_964_400), last: LogTime(seconds: 1_795_965_300), hosts: ["vm"]), input: InputAccounting(files: ["maillog"], lines: 100, sendmailLines: 90, foreignLines: 5, unrecognizedLines: 5), sections: ReportSectionName.allCases, topN: 10, totals: Totals(), queue: QueueSection(), tls: TLSSection())
    print(String(decoding: TextRenderer().render(report), as: UTF8.self))
    print(String(decoding: JSONRenderer().render(report), as: UTF8.self))
}
