/// A queue entry: a chain to look at again once log time reaches `due`. Plain data (no
/// reference), so queueing, copying and dropping entries costs no reference counting.
struct WaitingChain {
    let due: Int64
    /// The chain's generation when queued: a newer change makes the entry stale.
    let generation: Int
    let chain: ChainHandle
}
