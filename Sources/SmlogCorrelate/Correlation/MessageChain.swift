import SmlogParse

/// One logical message: the envelope it started as and every envelope that carries it on
/// (the MTA copy of a local submission, clone and split children). Counted once, emitted once.
///
/// Members, generation and settle time are read on every line of the message: no dynamic
/// exclusivity checks (single-threaded, never two accesses at once; see `Envelope`).
final class MessageChain {
    /// First hop first.
    @exclusivity(unchecked) private(set) var members: [Envelope]
    /// Bumped whenever the chain changes, so a stale entry in the settle queue is ignored.
    @exclusivity(unchecked) var generation = 0
    /// Log time at which every member became settled (nil while not settled).
    @exclusivity(unchecked) var settledAt: LogTime?

    /// The first hop; kept when the chain is dissolved so late queue entries can see it was emitted.
    let root: Envelope
    /// Unique for the run (the root's creation number): tells a reused `ChainTable` slot apart.
    let id: Int
    /// Where the chain sits in the `ChainTable`; -1 when not in it.
    @exclusivity(unchecked) var slot: Int32 = -1

    init(root: Envelope) {
        self.root = root
        self.id = root.sequence
        members = [root]
    }
    var kind: MessageKind { root.notice == nil ? .mail : .dsn }

    func append(_ envelope: Envelope) {
        guard !members.contains(where: { $0 === envelope }) else { return }
        members.append(envelope)
        envelope.chain = self
    }

    /// Moves every member of `other` into this chain (after this chain's members).
    func absorb(_ other: MessageChain) {
        guard other !== self else { return }
        for envelope in other.members { append(envelope) }
        other.members = []
    }

    /// Breaks the chain ↔ envelope references once the message has been emitted.
    func dissolve() {
        for envelope in members { envelope.chain = nil }
        members = []
    }

    var isSettled: Bool {
        for envelope in members where !envelope.isSettled { return false }
        // A hand-off target that is still only a placeholder (no line seen yet) is not settled.
        return true
    }

    /// The newest line time of any member.
    var lastSeen: LogTime {
        members.reduce(LogTime.zero) { max($0, $1.lastSeen) }
    }
}
