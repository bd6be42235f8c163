import SmlogCorrelate
import SmlogParse

/// SMTP-time rejects and connection-level session events.
struct RejectAggregator: ReportAggregator {
    /// Per ruleset (grouped by String equality): one counter per action, at
    /// `group * actions.count + slot(action)`.
    private var rulesetGroups: [String: Int] = [:]
    private var rulesetNames: [String] = []
    private var rulesetCounts: [Int] = []
    /// The group per ruleset String value: the correlator shares one String per ruleset, so
    /// a reject costs a two-word compare instead of hashing a key of two strings (~700
    /// instructions; rejects rarely repeat the ruleset of the one before).
    private var rulesetMemo = IdentityMemo<Int>(slotBits: 6)
    private static let actions: [RejectAction] = [.none, .reject, .discard, .quarantine, .tempfail, .status]
    private var reasons = NormalizedCounts()
    private var clients = NormalizedCounts()
    /// Session events per `SessionEvent.rawValue`.
    private var sessions = [Int](repeating: 0, count: 256)
    private var sessionClients = NormalizedCounts()
    private var rejectedRecipients = 0
    private let lookups: ReportLookups

    init(lookups: ReportLookups) {
        self.lookups = lookups
    }

    @inline(__always)
    mutating func add(reject r: RejectEvent) {
        let ruleset = r.ruleset.isEmpty ? "(none)" : r.ruleset
        let group: Int
        if let known = rulesetMemo.value(for: ruleset) {
            group = known
        } else {
            group = rulesetGroup(ruleset)
            rulesetMemo.store(ruleset, group)
        }
        rulesetCounts[group * Self.actions.count + Self.slot(r.action)] += 1
        guard r.action == .reject else { return }
        reasons.add(raw: r.text ?? "") { text in
            let key = ReasonText.groupingKey(text)
            return key.isEmpty ? "(no reply text)" : key
        }
        if let client = r.client { clients.add(raw: client) { lookups.relayName($0) } }
    }

    private mutating func rulesetGroup(_ ruleset: String) -> Int {
        if let group = rulesetGroups[ruleset] { return group }
        let group = rulesetNames.count
        rulesetGroups[ruleset] = group
        rulesetNames.append(ruleset)
        rulesetCounts.append(contentsOf: repeatElement(0, count: Self.actions.count))
        return group
    }

    /// Where `action` is in `actions`.
    private static func slot(_ action: RejectAction) -> Int {
        switch action {
        case .none: 0
        case .reject: 1
        case .discard: 2
        case .quarantine: 3
        case .tempfail: 4
        case .status: 5
        }
    }

    @inline(__always)
    mutating func add(session s: SessionRecord) {
        sessions[Int(s.kind.rawValue)] += 1
        if let client = s.client { sessionClients.add(raw: client) { lookups.relayName($0) } }
    }

    @inline(__always)
    mutating func add(record r: DeliveryRecord) {
        if r.kind == .mail && r.status == .rejected { rejectedRecipients += 1 }
    }

    func finish(into report: inout Report, context: ReportContext) {
        let n = context.options.topN
        var rulesets: [RejectRuleset] = []
        for (group, ruleset) in rulesetNames.enumerated() {
            for action in Self.actions {
                let count = rulesetCounts[group * Self.actions.count + Self.slot(action)]
                if count > 0 { rulesets.append(RejectRuleset(ruleset: ruleset, action: Self.name(action), count: count)) }
            }
        }
        rulesets.sort {
                if $0.count != $1.count { return $0.count > $1.count }
                if $0.ruleset != $1.ruleset { return $0.ruleset < $1.ruleset }
                return $0.action < $1.action
            }
        report.rejects = RejectsSection(
            byRuleset: rulesets,
            reasons: Ranking.topCounts(reasons.counts, limit: n),
            clients: Ranking.topCounts(clients.counts, limit: n),
            sessions: Ranking.topCounts(sessionCounts, limit: SessionEvent.allCases.count),
            sessionClients: Ranking.topCounts(sessionClients.counts, limit: n),
            rejectedRecipients: rejectedRecipients,
            approximate: reasons.counts.isApproximate || clients.counts.isApproximate
                || sessionClients.counts.isApproximate
        )
    }

    /// Session events by name (kinds that occurred).
    private var sessionCounts: [String: Int] {
        var table: [String: Int] = [:]
        for kind in SessionEvent.allCases where sessions[Int(kind.rawValue)] > 0 {
            table[Self.name(kind), default: 0] += sessions[Int(kind.rawValue)]
        }
        return table
    }

    static func name(_ action: RejectAction) -> String {
        switch action {
        case .none: "none"
        case .reject: "reject"
        case .discard: "discard"
        case .quarantine: "quarantine"
        case .tempfail: "tempfail"
        case .status: "status"
        }
    }

    /// JSON/CSV name of a session event kind.
    static func name(_ kind: SessionEvent) -> String {
        switch kind {
        case .none: "other"
        case .connect: "connect"
        case .lostInputChannel: "lost_input_channel"
        case .didNotIssueMail: "did_not_issue_mail"
        case .timeoutWaiting: "timeout_waiting_for_input"
        case .preGreetingTraffic: "pre_greeting_traffic"
        case .possibleAttack: "possible_smtp_attack"
        case .openProxy: "open_proxy"
        case .rcptFlood: "rcpt_flood"
        case .collectError: "collect_error"
        case .sizeExceeded: "size_exceeded"
        case .userError: "user_unknown_at_rcpt"
        case .vrfyExpn: "vrfy_expn"
        case .invalidHelo: "invalid_helo"
        case .protocolViolation: "protocol_violation"
        }
    }
}
