/// One logical message: the envelope it started as and every envelope that carries it on
/// (the MTA copy of a local submission, clone and split children). Counted once, emitted once.
///
/// A value in the `ChainTable`; its members are a list of envelope pool slots (through
/// `Envelope.nextMember`), root first, in the order they joined.
struct MessageChain {
    /// The first hop: its envelope slot.
    let root: Int32
    /// The member that joined last (the list's tail, for appending).
    var last: Int32
    /// Unique for the run (the root's creation number): tells a reused `ChainTable` slot apart.
    let id: Int
    /// Bumped whenever the chain changes, so a stale entry in the settle queue is ignored.
    var generation = 0

    init(root: Int32, id: Int) {
        self.root = root
        self.last = root
        self.id = id
    }
}
