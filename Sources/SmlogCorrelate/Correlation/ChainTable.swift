/// The live chains, each in a numbered slot, so the waiting queues can name a chain by
/// `ChainHandle` (slot and chain id): an entry neither keeps its chain alive nor needs a weak
/// reference (a weak reference cost a side-table allocation per chain and atomic work on every
/// copy of an entry). A chain leaves the table when it is emitted or absorbed into another;
/// its slot is then reused, and stale handles no longer match the chain in it.
struct ChainTable {
    private var chains: [MessageChain?] = []
    private var freeSlots: [Int32] = []

    /// Chains held.
    private(set) var count = 0

    mutating func add(_ chain: MessageChain) {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            chains[Int(slot)] = chain
        } else {
            slot = Int32(truncatingIfNeeded: chains.count)
            chains.append(chain)
        }
        chain.slot = slot
        count += 1
    }

    mutating func remove(_ chain: MessageChain) {
        let slot = Int(chain.slot)
        guard slot >= 0, slot < chains.count, chains[slot] === chain else { return }
        chains[slot] = nil
        freeSlots.append(chain.slot)
        chain.slot = -1
        count -= 1
    }

    /// The chain `handle` names, nil once it has left the table.
    func chain(_ handle: ChainHandle) -> MessageChain? {
        let slot = Int(handle.slot)
        guard slot >= 0, slot < chains.count, let chain = chains[slot], chain.id == handle.id else { return nil }
        return chain
    }

    mutating func removeAll() {
        for chain in chains { chain?.slot = -1 }
        chains.removeAll()
        freeSlots.removeAll()
        count = 0
    }
}

/// Names a chain in a `ChainTable` without owning it.
struct ChainHandle {
    var slot: Int32
    var id: Int

    init(_ chain: MessageChain) {
        slot = chain.slot
        id = chain.id
    }
}
