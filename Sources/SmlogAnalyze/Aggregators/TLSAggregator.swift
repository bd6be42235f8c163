import SmlogCorrelate
import SmlogParse

/// STARTTLS versions and verify results per side; AUTH mechanisms, outcomes and the
/// clients that failed.
struct TLSAggregator: ReportAggregator {
    private struct VerifyCount {
        var verify: String
        /// `StringBits(verify)`: the same shared String again is told by two words.
        var bits: StringBits
        var count: Int
    }

    private struct AuthKey: Hashable {
        var side: String, mechanism: String, outcome: String

        func hash(into hasher: inout Hasher) {
            hasher.combine(FastHash.of(side, mechanism, outcome))
        }
    }

    /// Per side (server, client, unknown), per version: the verify results and their
    /// counts. A version takes one lookup; its few verify results are compared in turn,
    /// which is cheaper than hashing a key of three strings per line.
    private var tlsBySide = [StringTable<[VerifyCount]>](repeating: StringTable(), count: 3)
    /// Per side: the version entry per String value. The correlator shares one String per
    /// repeated version, so two words are compared instead of the text (a table lookup
    /// cost ~240 instructions). Entries are never removed, so an index stays valid.
    private var versionMemos = [IdentityMemo<Int>](repeating: IdentityMemo(slotBits: 3), count: 3)
    /// Most AUTH lines repeat the key of the line before.
    private var auth = RunCounts<AuthKey>()
    private var failureClients = TopCounts()
    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    mutating func add(tls t: TLSRecord) {
        let side = Self.index(t.side)
        let versionText = Self.value(t.version)
        let version: Int
        if let known = versionMemos[side].value(for: versionText) {
            version = known
        } else {
            version = tlsBySide[side].index(of: versionText) { [] }
            versionMemos[side].store(versionText, version)
        }
        let verify = Self.value(t.verify)
        let bits = StringBits(verify)
        // Equal bits imply `==`, and no two entries are `==`: the same entry is found.
        if let i = tlsBySide[side][version].firstIndex(where: { $0.bits == bits || $0.verify == verify }) {
            tlsBySide[side][version][i].count += 1
        } else {
            tlsBySide[side][version].append(VerifyCount(verify: verify, bits: bits, count: 1))
        }
    }

    mutating func add(auth a: AuthRecord) {
        let outcome = a.outcome == .failure ? "failure" : "success"
        auth.add(AuthKey(side: Self.name(a.side), mechanism: Self.value(a.mech), outcome: outcome))
        if a.outcome == .failure {
            failureClients.add(a.relay.map { lookups.relayName($0) } ?? "(unknown)", bytes: 0)
        }
    }

    func finish(into report: inout Report, context: ReportContext) {
        var rows: [TLSUsage] = []
        for side in [Side.server, .client, .none] {
            for entry in tlsBySide[Self.index(side)].entries {
                for v in entry.value {
                    rows.append(TLSUsage(side: Self.name(side), version: entry.key, verify: v.verify, count: v.count))
                }
            }
        }
        let starttls = rows
            .sorted { ($1.count, $0.side, $0.version, $0.verify) < ($0.count, $1.side, $1.version, $1.verify) }
        let authRows = auth.counts
            .map { AuthUsage(side: $0.key.side, mechanism: $0.key.mechanism, outcome: $0.key.outcome, count: $0.value) }
            .sorted { ($1.count, $0.side, $0.mechanism, $0.outcome) < ($0.count, $1.side, $1.mechanism, $1.outcome) }
        report.tls = TLSSection(starttls: starttls, auth: authRows,
                                authFailureClients: Ranking.topCounts(failureClients, limit: context.options.topN),
                                approximate: failureClients.isApproximate)
    }

    static func name(_ side: Side) -> String {
        switch side {
        case .server: "server"
        case .client: "client"
        case .none: "unknown"
        }
    }

    private static func index(_ side: Side) -> Int {
        switch side {
        case .server: 0
        case .client: 1
        case .none: 2
        }
    }

    static func value(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "(none)" }
        return text
    }
}
