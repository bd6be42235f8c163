import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import Testing

@Suite("Summary: what counts as an SMTP-time reject")
struct SummaryExclusionTests {
    static func reject(_ ruleset: String, _ action: RejectAction) -> CorrelatedEvent {
        .reject(RejectEvent(time: LogTime(seconds: 1_796_000_000), host: "vm", qid: nil, ruleset: ruleset,
                            action: action, arg1: nil, client: "localhost", text: "550 5.7.1 no"))
    }

    @Test("trust_auth and the outbound TLS rulesets are not inbound refusals; the others are")
    func outboundAndAuthParameterExcluded() {
        var builder = ReportBuilder(options: ReportOptions())
        for ruleset in ["trust_auth", "tls_server", "tls_rcpt", "try_tls"] {
            builder.add(Self.reject(ruleset, .reject))
            builder.add(Self.reject(ruleset, .tempfail))
        }
        builder.add(Self.reject("check_rcpt", .reject))
        builder.add(Self.reject("check_mail", .tempfail))
        builder.add(Self.reject("check_relay", .reject))
        let report = builder.finish(input: InputAccounting())
        #expect(report.totals.rejected == 2)
        #expect(report.totals.tempfailed == 1)
    }
}
