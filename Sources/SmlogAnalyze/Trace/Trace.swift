import SmlogParse

/// The answer to `smlog trace`: every message the query led to, each with its whole chain.
public struct Trace: Sendable, Equatable {
    public var query: TraceQuery
    /// In input order.
    public var messages: [TraceMessage]
    /// Time of the last line of the input (ages of queued messages count to it).
    public var endOfInput: LogTime?

    public init(query: TraceQuery, messages: [TraceMessage], endOfInput: LogTime?) {
        self.query = query
        self.messages = messages
        self.endOfInput = endOfInput
    }
}

/// One message and everything that came of it: its hops (submission program, MTA, other
/// hosts), the notices sendmail generated about it (and their own fate), clone and split
/// children, with every line about any of them in order.
public struct TraceMessage: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Every recipient has a final outcome.
        case finished
        /// Some recipient had none at the end of input: still in a queue.
        case queued
        /// No recipient is known (the lines that would tell are not in the input).
        case unknown
    }

    /// Every hop in order of appearance; relay ids (not logged here) last.
    public var hops: [TraceHop]
    /// Every sendmail queue id of the chain (notices included; relays' own ids not), first
    /// seen first.
    public var qids: [String] { hops.filter { $0.role != .relay }.map(\.qid) }
    public var msgid: String?
    public var sender: String?
    public var size: Int?
    /// When the first hop took the message in (its `from=` line).
    public var received: LogTime?
    public var firstSeen: LogTime
    public var lastSeen: LogTime
    /// Who handed the message to the first hop, and how.
    public var client: String?
    public var proto: String?
    /// The message's recipients first, then those of its notices.
    public var recipients: [TraceRecipient]
    public var events: [TraceEvent]
    /// The original lines, in input order.
    public var rawLines: [[UInt8]]
    public var state: State
    /// For a queued message: seconds from receipt to the end of input.
    public var age: Int64?
    /// For a queued message: the status text of its last deferral.
    public var lastError: String?
    /// How the query matched it (for `msgidOrAddress`, which of the two held).
    public var matchedAs: [TraceQuery.Kind]

    public init(
        hops: [TraceHop], msgid: String?, sender: String?, size: Int?, received: LogTime?,
        firstSeen: LogTime, lastSeen: LogTime, client: String?, proto: String?,
        recipients: [TraceRecipient], events: [TraceEvent], rawLines: [[UInt8]], state: State,
        age: Int64?, lastError: String?, matchedAs: [TraceQuery.Kind]
    ) {
        self.hops = hops
        self.msgid = msgid
        self.sender = sender
        self.size = size
        self.received = received
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.client = client
        self.proto = proto
        self.recipients = recipients
        self.events = events
        self.rawLines = rawLines
        self.state = state
        self.age = age
        self.lastError = lastError
        self.matchedAs = matchedAs
    }
}

/// Narrows which messages a trace shows (`--since`, `--until`, `--limit`).
public struct TraceSelection: Sendable, Equatable {
    /// Messages received at or after this time.
    public var since: LogTime?
    /// Messages received before this time.
    public var until: LogTime?
    /// Only the most recent N messages.
    public var limit: Int?

    public init(since: LogTime? = nil, until: LogTime? = nil, limit: Int? = nil) {
        self.since = since
        self.until = until
        self.limit = limit
    }
}
