/// Ranked senders, recipients, domains and inbound clients.
public struct TopSection: Sendable, Equatable {
    /// One list per `TopListKind`, in `TopListKind.allCases` order.
    public var lists: [TopList]

    public init(lists: [TopList] = []) {
        self.lists = lists
    }

    public func list(_ kind: TopListKind) -> TopList? { lists.first { $0.kind == kind } }
}

/// Which ranking a `TopList` is. Senders and client relays are counted per message
/// (`.message` events of user mail with a from= line: messages, and bytes = their sizes);
/// recipients per recipient record of user mail (messages = records, bytes = the message
/// size for each record, so a message to 3 recipients adds its size 3 times).
public enum TopListKind: String, Sendable, CaseIterable {
    case sendersByMessages = "senders_by_messages"
    case sendersByBytes = "senders_by_bytes"
    case senderDomainsByMessages = "sender_domains_by_messages"
    case senderDomainsByBytes = "sender_domains_by_bytes"
    case recipientsByMessages = "recipients_by_messages"
    case recipientsByBytes = "recipients_by_bytes"
    case recipientDomainsByMessages = "recipient_domains_by_messages"
    case recipientDomainsByBytes = "recipient_domains_by_bytes"
    case clientRelays = "client_relays"

    public var title: String {
        switch self {
        case .sendersByMessages: "senders by messages"
        case .sendersByBytes: "senders by bytes"
        case .senderDomainsByMessages: "sender domains by messages"
        case .senderDomainsByBytes: "sender domains by bytes"
        case .recipientsByMessages: "recipients by messages"
        case .recipientsByBytes: "recipients by bytes"
        case .recipientDomainsByMessages: "recipient domains by messages"
        case .recipientDomainsByBytes: "recipient domains by bytes"
        case .clientRelays: "inbound client relays by messages"
        }
    }

    /// True when the list is ranked by bytes (else by messages).
    public var byBytes: Bool {
        switch self {
        case .sendersByBytes, .senderDomainsByBytes, .recipientsByBytes, .recipientDomainsByBytes: true
        default: false
        }
    }
}

public struct TopList: Sendable, Equatable {
    public var kind: TopListKind
    /// Distinct keys before the cut (an upper bound when `approximate`).
    public var distinct: Int
    public var entries: [TopEntry]
    /// True when more distinct keys occurred than the report tracks (16,384 per list):
    /// then a row's `messages` may be too high (never too low) by at most the highest
    /// count dropped, its `bytes` count only since the key was last tracked, and a key
    /// with more than 1/16,384 of all messages is always listed. False: exact.
    public var approximate: Bool

    public init(kind: TopListKind, distinct: Int, entries: [TopEntry], approximate: Bool = false) {
        self.kind = kind
        self.distinct = distinct
        self.entries = entries
        self.approximate = approximate
    }
}

public struct TopEntry: Sendable, Equatable {
    public var key: String
    public var messages: Int
    public var bytes: Int

    public init(key: String, messages: Int, bytes: Int) {
        self.key = key
        self.messages = messages
        self.bytes = bytes
    }
}
