/// Why a delivery attempt was deferred, in a few classes an administrator acts on.
/// `rawValue` is the JSON/CSV name; `title` the text report's wording.
public enum DeferralClass: String, Sendable, CaseIterable, Hashable, Comparable {
    /// The next hop refused the TCP connection (`Connection refused by host.`).
    case connectionRefused = "connection_refused"
    /// The TCP connection could not be made in time (`Connection timed out with host.`).
    case connectionTimedOut = "connection_timed_out"
    /// The next hop dropped the connection (`Connection reset by host.`).
    case connectionReset = "connection_reset"
    /// The name or MX of the next hop did not resolve for now (`Name server: host: host name
    /// lookup failure`, `host not found`, `Host unknown`).
    case dns
    /// STARTTLS failed (`454 4.7.0 TLS handshake failed.`, STARTTLS errors).
    case tls
    /// The next hop wants authentication or refused ours (530, 535, `Authentication required`).
    case auth
    /// The next hop asked to retry later on purpose (`450 4.7.1`, `Greylisted`).
    case greylisting
    /// The recipient's mailbox is full (`452 4.2.2`, `Mailbox full`, over quota).
    case mailboxFull = "mailbox_full"
    /// Any other temporary reply of the remote server (`421 …`, `451 …`, other 4xx).
    case remote4xx = "remote_4xx"
    /// The submission program could not reach the local MTA (`Connection refused by
    /// [127.0.0.1]` or `by localhost`).
    case localMTADown = "local_mta_down"
    /// The next hop stopped answering during an SMTP phase (`… during client greeting`,
    /// `timeout waiting for input`).
    case clientPhaseTimeout = "client_phase_timeout"
    /// Anything else, including a bare `Deferred` (sendmail reuses a host's earlier failure
    /// within one queue run without repeating the text).
    case other

    public var title: String {
        switch self {
        case .connectionRefused: "connection refused"
        case .connectionTimedOut: "connection timed out"
        case .connectionReset: "connection reset"
        case .dns: "DNS / host lookup failure"
        case .tls: "TLS failure"
        case .auth: "AUTH required or failed"
        case .greylisting: "greylisting"
        case .mailboxFull: "mailbox full"
        case .remote4xx: "remote 4xx reply"
        case .localMTADown: "local MTA down"
        case .clientPhaseTimeout: "timeout during SMTP phase"
        case .other: "other"
        }
    }

    /// Declaration order, so ties between classes sort the same way every time.
    public static func < (a: DeferralClass, b: DeferralClass) -> Bool {
        order[a, default: 0] < order[b, default: 0]
    }

    private static let order: [DeferralClass: Int] = {
        var table: [DeferralClass: Int] = [:]
        for (i, c) in allCases.enumerated() { table[c] = i }
        return table
    }()
}
