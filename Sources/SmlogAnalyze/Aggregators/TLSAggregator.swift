import SmlogCorrelate
import SmlogParse

/// STARTTLS versions and verify results per side; AUTH mechanisms, outcomes and the
/// clients that failed.
struct TLSAggregator: ReportAggregator {
    private struct TLSKey: Hashable {
        var side: String, version: String, verify: String
    }

    private struct AuthKey: Hashable {
        var side: String, mechanism: String, outcome: String
    }

    private var tls: [TLSKey: Int] = [:]
    private var auth: [AuthKey: Int] = [:]
    private var failureClients = StringTable<Int>()
    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    mutating func add(tls t: TLSRecord) {
        tls[TLSKey(side: Self.name(t.side), version: Self.value(t.version), verify: Self.value(t.verify)), default: 0] += 1
    }

    mutating func add(auth a: AuthRecord) {
        let outcome = a.outcome == .failure ? "failure" : "success"
        auth[AuthKey(side: Self.name(a.side), mechanism: Self.value(a.mech), outcome: outcome), default: 0] += 1
        if a.outcome == .failure {
            failureClients.increment(a.relay.map { lookups.relayName($0) } ?? "(unknown)")
        }
    }

    func finish(into report: inout Report, context: ReportContext) {
        let starttls = tls
            .map { TLSUsage(side: $0.key.side, version: $0.key.version, verify: $0.key.verify, count: $0.value) }
            .sorted { ($1.count, $0.side, $0.version, $0.verify) < ($0.count, $1.side, $1.version, $1.verify) }
        let authRows = auth
            .map { AuthUsage(side: $0.key.side, mechanism: $0.key.mechanism, outcome: $0.key.outcome, count: $0.value) }
            .sorted { ($1.count, $0.side, $0.mechanism, $0.outcome) < ($0.count, $1.side, $1.mechanism, $1.outcome) }
        report.tls = TLSSection(starttls: starttls, auth: authRows,
                                authFailureClients: Ranking.topCounts(failureClients, limit: context.options.topN))
    }

    static func name(_ side: Side) -> String {
        switch side {
        case .server: "server"
        case .client: "client"
        case .none: "unknown"
        }
    }

    static func value(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "(none)" }
        return text
    }
}
