/// Encryption and authentication of SMTP sessions.
public struct TLSSection: Sendable, Equatable {
    /// STARTTLS summary lines by (side, version, verify), most first.
    public var starttls: [TLSUsage]
    /// AUTH lines by (side, mechanism, outcome), most first.
    public var auth: [AuthUsage]
    /// Failed AUTH attempts by client (normalised `relay=`), top N.
    public var authFailureClients: [CountedText]
    /// True when `authFailureClients` met more distinct clients than are tracked (16,384):
    /// counts may then be too high (see `TopList.approximate`). False: exact.
    public var approximate: Bool

    public init(starttls: [TLSUsage] = [], auth: [AuthUsage] = [], authFailureClients: [CountedText] = [],
                approximate: Bool = false) {
        self.approximate = approximate
        self.starttls = starttls
        self.auth = auth
        self.authFailureClients = authFailureClients
    }
}

public struct TLSUsage: Sendable, Equatable {
    /// `server` (we received over TLS) or `client` (we sent over TLS).
    public var side: String
    /// `TLSv1.3`, …, or `(none)` when not logged.
    public var version: String
    /// `OK`, `FAIL`, `NOT`, `NONE`, …, or `(none)`.
    public var verify: String
    public var count: Int

    public init(side: String, version: String, verify: String, count: Int) {
        self.side = side
        self.version = version
        self.verify = verify
        self.count = count
    }
}

public struct AuthUsage: Sendable, Equatable {
    public var side: String
    /// `PLAIN`, `LOGIN`, …, or `(none)` when the line names none.
    public var mechanism: String
    /// `success` or `failure`.
    public var outcome: String
    public var count: Int

    public init(side: String, mechanism: String, outcome: String, count: Int) {
        self.side = side
        self.mechanism = mechanism
        self.outcome = outcome
        self.count = count
    }
}
