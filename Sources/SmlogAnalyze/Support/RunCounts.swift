/// Counts per key, for keys that come in runs (the same reject ruleset, the same AUTH
/// mechanism line after line): a key equal to the last one counted is counted at its
/// remembered place, where hashing it cost ~500 instructions for keys of several strings.
struct RunCounts<Key: Hashable> {
    private(set) var counts: [Key: Int] = [:]
    // The last key counted and its index, which holds while the table keeps its size
    // (nothing is removed, so no key was inserted since). Separate properties: binding them
    // as one optional tuple copied (retained) the key's strings on every call.
    private var lastKey: Key?
    private var lastIndex: Dictionary<Key, Int>.Index?
    private var lastSize = -1

    @inline(__always)
    mutating func add(_ key: Key) {
        if lastSize == counts.count, let index = lastIndex, lastKey == key {
            counts.values[index] += 1
            return
        }
        counts[key, default: 0] += 1
        lastKey = key
        lastIndex = counts.index(forKey: key)
        lastSize = counts.count
    }
}
