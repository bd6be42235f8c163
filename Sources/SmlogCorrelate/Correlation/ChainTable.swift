/// The live chains, each in a numbered slot, so envelopes and the waiting queues can name a
/// chain by slot or by `ChainHandle` (slot and chain id): an entry neither keeps its chain
/// alive nor needs a reference. A chain leaves the table when it is emitted or absorbed into
/// another; its slot is then reused, and stale handles no longer match the chain in it.
struct ChainTable {
    private var pool = SlotPool<MessageChain>()

    /// Chains held.
    var count: Int { pool.count }

    /// Adds `chain`, returning its slot.
    mutating func add(_ chain: MessageChain) -> Int32 {
        pool.insert(chain)
    }

    /// Removes the chain in `slot`; a vacant slot is left as it is.
    mutating func remove(_ slot: Int32) {
        pool.remove(slot)
    }

    /// The slot `handle` names, nil once its chain has left the table.
    func chain(_ handle: ChainHandle) -> Int32? {
        guard pool.isLive(handle.slot), pool[handle.slot].id == handle.id else { return nil }
        return handle.slot
    }

    /// A handle for the chain in `slot`.
    func handle(_ slot: Int32) -> ChainHandle {
        ChainHandle(slot: slot, id: pool[slot].id)
    }

    /// The chain in `slot`, changed in place through one pointer (see `SlotPool.mutablePointer`).
    @inline(__always)
    mutating func mutablePointer(_ slot: Int32) -> UnsafeMutablePointer<MessageChain> {
        pool.mutablePointer(slot)
    }

    mutating func removeAll() {
        pool.removeAll()
    }

    @inline(__always)
    subscript(slot: Int32) -> MessageChain {
        _read { yield pool[slot] }
        _modify { yield &pool[slot] }
    }
}

/// Names a chain in a `ChainTable` without owning it.
struct ChainHandle {
    var slot: Int32
    var id: Int
}
