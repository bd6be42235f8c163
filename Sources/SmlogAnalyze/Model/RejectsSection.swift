/// What the server refused at SMTP time, and connection-level session events.
public struct RejectsSection: Sendable, Equatable {
    /// `.reject` events by (ruleset, action), most first. Actions: reject, tempfail, discard,
    /// quarantine, status.
    public var byRuleset: [RejectRuleset]
    /// Reply texts of rejects (action reject), addresses replaced by `<…>`, top N.
    public var reasons: [CountedText]
    /// Clients (normalised `relay=`) whose commands were rejected, top N.
    public var clients: [CountedText]
    /// Session events by kind (`lost_input_channel`, …), most first.
    public var sessions: [CountedText]
    /// Clients of session events, top N.
    public var sessionClients: [CountedText]
    /// Records of user mail with status rejected (refused after RCPT, while receiving).
    public var rejectedRecipients: Int
    /// True when `reasons`, `clients` or `sessionClients` met more distinct keys than are
    /// tracked (16,384): their counts may then be too high (see `TopList.approximate`).
    public var approximate: Bool

    public init(byRuleset: [RejectRuleset] = [], reasons: [CountedText] = [], clients: [CountedText] = [],
                sessions: [CountedText] = [], sessionClients: [CountedText] = [], rejectedRecipients: Int = 0,
                approximate: Bool = false) {
        self.approximate = approximate
        self.byRuleset = byRuleset
        self.reasons = reasons
        self.clients = clients
        self.sessions = sessions
        self.sessionClients = sessionClients
        self.rejectedRecipients = rejectedRecipients
    }
}

public struct RejectRuleset: Sendable, Equatable {
    public var ruleset: String
    public var action: String
    public var count: Int

    public init(ruleset: String, action: String, count: Int) {
        self.ruleset = ruleset
        self.action = action
        self.count = count
    }
}
