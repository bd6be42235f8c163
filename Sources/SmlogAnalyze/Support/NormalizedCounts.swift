/// Counts per normalised key (a relay name, a grouped reason text) in bounded memory (a
/// `TopCounts`: exact up to its capacity, Space-Saving beyond), with the entry index
/// remembered per raw text as logged: an event costs one lookup of its raw text, and the
/// normalisation runs once per distinct raw text, not once per event.
struct NormalizedCounts {
    private(set) var counts = TopCounts()
    private var rawIndex = StringTable<(index: Int, epoch: Int)>()
    /// Most raw texts remembered before the memory is emptied (counts are kept).
    static let rawLimit = 4096
    /// The same per String value: most events repeat a String the correlator shared.
    private var memo = IdentityMemo<(index: Int, epoch: Int)>()

    mutating func add(raw: String, normalize: (String) -> String) {
        let epoch = counts.epoch
        if let known = memo.value(for: raw), known.epoch == epoch {
            counts.count(at: known.index, bytes: 0)
            return
        }
        let index = StringTable<(index: Int, epoch: Int)>.withBytes(raw) { bytes -> Int in
            // One probe serves the lookup and, for a new raw text, the insert.
            let probe = rawIndex.probe(bytes)
            if let i = probe.existingIndex, rawIndex[i].epoch == epoch { return rawIndex[i].index }
            let index = counts.slot(for: normalize(raw))
            rawIndex.store(bytes, (index: index, epoch: counts.epoch), at: probe, limit: Self.rawLimit)
            return index
        }
        memo.store(raw, (index: index, epoch: counts.epoch))
        counts.count(at: index, bytes: 0)
    }
}
