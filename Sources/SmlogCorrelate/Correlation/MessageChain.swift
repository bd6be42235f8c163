import SmlogParse

/// One logical message: the envelope it started as and every envelope that carries it on
/// (the MTA copy of a local submission, clone and split children). Counted once, emitted once.
///
/// Members, generation and settle time are read on every line of the message: no dynamic
/// exclusivity checks (single-threaded, never two accesses at once; see `Envelope`).
final class MessageChain {
    /// The members after the root, in the order they joined; most chains have none, and an
    /// empty array costs no allocation (a `[root]` array cost one malloc and free per message).
    @exclusivity(unchecked) private var others: [Envelope] = []
    /// Set once the chain is dissolved or absorbed: it has no members any more.
    @exclusivity(unchecked) private var isEmpty = false
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
    }
    var kind: MessageKind { root.notice == nil ? .mail : .dsn }

    /// First hop first.
    var members: ChainMembers { ChainMembers(root: isEmpty ? nil : root, others: others) }

    func append(_ envelope: Envelope) {
        guard !isEmpty, envelope !== root, !others.contains(where: { $0 === envelope }) else { return }
        others.append(envelope)
        envelope.chain = self
    }

    /// Moves every member of `other` into this chain (after this chain's members).
    func absorb(_ other: MessageChain) {
        guard other !== self else { return }
        for envelope in other.members { append(envelope) }
        other.others = []
        other.isEmpty = true
    }

    /// Breaks the chain ↔ envelope references once the message has been emitted.
    func dissolve() {
        for envelope in members { envelope.chain = nil }
        others = []
        isEmpty = true
    }

    // The per-line checks below read root and others directly: going through `members`
    // (a struct holding both) cost a retain and release per call.

    var isSettled: Bool {
        // A hand-off target that is still only a placeholder (no line seen yet) is not settled.
        if isEmpty { return true }
        if !root.isSettled { return false }
        for envelope in others where !envelope.isSettled { return false }
        return true
    }

    /// sendmail logged `done` for every member.
    var allDone: Bool {
        if isEmpty { return true }
        if !root.doneSeen { return false }
        for envelope in others where !envelope.doneSeen { return false }
        return true
    }

    /// The newest line time of any member.
    var lastSeen: LogTime {
        if isEmpty { return .zero }
        return others.reduce(root.lastSeen) { max($0, $1.lastSeen) }
    }
}

/// The members of a chain, root first, read without building an array.
struct ChainMembers: RandomAccessCollection {
    /// nil once the chain has no members.
    let root: Envelope?
    let others: [Envelope]

    var startIndex: Int { 0 }
    var endIndex: Int { root == nil ? 0 : 1 + others.count }

    subscript(position: Int) -> Envelope {
        if position > 0 { return others[position - 1] }
        guard let root else { preconditionFailure("member index out of range") }
        return root
    }
}
