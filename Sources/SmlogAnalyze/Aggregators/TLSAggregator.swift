import SmlogCorrelate
import SmlogParse

/// STARTTLS versions and verify results per side; AUTH mechanisms, outcomes and the
/// clients that failed.
struct TLSAggregator: ReportAggregator {
    private struct VerifyCount {
        var verify: String
        /// `StringBits(verify)`: the same shared String again is told by two words.
        var bits: StringBits
        /// Where its count is in `verifyCounts`.
        var counter: Int
    }

    private struct AuthKey: Hashable {
        var side: String, mechanism: String, outcome: String

        func hash(into hasher: inout Hasher) {
            hasher.combine(FastHash.of(side, mechanism, outcome))
        }
    }

    /// Version texts, numbered (entry index) in order of first appearance; values unused.
    private var versions = StringTable<Int>()
    /// The version number per String value. The correlator shares one String per repeated
    /// version, so two words are compared instead of the text (a table lookup cost ~240
    /// instructions). Versions are never removed, so a number stays valid.
    private var versionMemo = IdentityMemo<Int>(slotBits: 4)
    /// Per (version, side), at `version * 3 + side`: the verify results and their counts.
    /// The few results of a version are compared in turn, which is cheaper than hashing a
    /// key of three strings per line.
    private var verifyLists: [[VerifyCount]] = []
    /// The counts of every (version, side, verify), flat: one access per line.
    private var verifyCounts: [Int] = []
    /// The last line's side, version and verify String values and its counter: most lines
    /// repeat the one before. The texts are kept so their bits cannot come back for others.
    private var lastSide = -1
    private var lastVersion = ""
    private var lastVerify = ""
    private var lastVersionBits = StringBits("")
    private var lastVerifyBits = StringBits("")
    private var lastCounter = -1
    /// Per side: version numbers in order of their first line on that side (row order).
    private var sideVersions: [[Int]] = [[], [], []]
    /// AUTH lines counted, except the current run.
    private var auth: [AuthKey: Int] = [:]
    /// The current run of AUTH lines with one side, outcome and mechanism String (most
    /// lines repeat the one before): counted here and added to `auth` when the run ends,
    /// instead of building and comparing a key of three strings per line.
    private var runKey: AuthKey?
    private var runSide = -1
    private var runFailed = false
    private var runMechanism = StringBits("")
    private var runCount = 0
    private var failureClients = TopCounts()
    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    @inline(__always)
    mutating func add(tls t: TLSRecord) {
        let side = Self.index(t.side)
        let versionText = Self.value(t.version)
        let verify = Self.value(t.verify)
        let bits = StringBits(verify)
        let versionBits = StringBits(versionText)
        if lastCounter >= 0, side == lastSide, versionBits == lastVersionBits, bits == lastVerifyBits {
            verifyCounts[lastCounter] += 1
            return
        }
        let version: Int
        if let known = versionMemo.value(for: versionText) {
            version = known
        } else {
            version = versions.index(of: versionText) { 0 }
            if verifyLists.count <= version * 3 + 2 { verifyLists.append(contentsOf: [[], [], []]) }
            versionMemo.store(versionText, version)
        }
        let list = version * 3 + side
        let counter: Int
        // Equal bits imply `==`, and no two entries are `==`: the same entry is found.
        if let i = verifyLists[list].firstIndex(where: { $0.bits == bits || $0.verify == verify }) {
            counter = verifyLists[list][i].counter
        } else {
            if verifyLists[list].isEmpty { sideVersions[side].append(version) }
            counter = verifyCounts.count
            verifyCounts.append(0)
            verifyLists[list].append(VerifyCount(verify: verify, bits: bits, counter: counter))
        }
        verifyCounts[counter] += 1
        lastSide = side
        lastVersion = versionText
        lastVerify = verify
        lastVersionBits = versionBits
        lastVerifyBits = bits
        lastCounter = counter
    }

    @inline(__always)
    mutating func add(auth a: AuthRecord) {
        let failed = a.outcome == .failure
        let side = Self.index(a.side)
        let mechanism = Self.value(a.mech)
        let bits = StringBits(mechanism)
        if runCount > 0, side == runSide, failed == runFailed, bits == runMechanism {
            runCount += 1
        } else {
            if let runKey, runCount > 0 { auth[runKey, default: 0] += runCount }
            runKey = AuthKey(side: Self.name(a.side), mechanism: mechanism, outcome: failed ? "failure" : "success")
            runSide = side
            runFailed = failed
            // `runKey` holds the String, so these bits cannot come back for another text.
            runMechanism = bits
            runCount = 1
        }
        if failed {
            failureClients.add(a.relay.map { lookups.relayName($0) } ?? "(unknown)", bytes: 0)
        }
    }

    func finish(into report: inout Report, context: ReportContext) {
        var rows: [TLSUsage] = []
        for side in [Side.server, .client, .none] {
            let s = Self.index(side)
            for version in sideVersions[s] {
                let text = versions.key(at: version)
                for v in verifyLists[version * 3 + s] {
                    rows.append(TLSUsage(side: Self.name(side), version: text, verify: v.verify, count: verifyCounts[v.counter]))
                }
            }
        }
        let starttls = rows
            .sorted { ($1.count, $0.side, $0.version, $0.verify) < ($0.count, $1.side, $1.version, $1.verify) }
        var auth = self.auth
        if let runKey, runCount > 0 { auth[runKey, default: 0] += runCount }
        let authRows = auth
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
