/// Counts per normalised key (a relay name, a grouped reason text), with the entry index
/// remembered per raw text as logged: an event costs one lookup of its raw text, and the
/// normalisation runs once per distinct raw text, not once per event.
struct NormalizedCounts {
    private(set) var table = StringTable<Int>()
    private var rawIndex = StringTable<Int>()
    /// Most raw texts remembered before the memory is emptied (counts are kept).
    static let rawLimit = 4096

    mutating func add(raw: String, normalize: (String) -> String) {
        if let i = rawIndex.existingIndex(of: raw) {
            table[rawIndex[i]] += 1
            return
        }
        let index = table.index(of: normalize(raw)) { 0 }
        if rawIndex.count >= Self.rawLimit { rawIndex.removeAll() }
        _ = rawIndex.index(of: raw) { index }
        table[index] += 1
    }
}
