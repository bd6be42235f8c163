/// Approximate "most frequent" counts in fixed memory (the Space-Saving algorithm of
/// Metwally, Agrawal and El Abbadi): at most `capacity` keys are tracked; a new key arriving
/// when the table is full takes the place of the least counted one and inherits its count
/// (remembered as `overcount`, the most the new key's count can be too high by).
///
/// Any key whose true count exceeds total / capacity is guaranteed to be in the table.
struct BoundedCounter<Key: Hashable & Sendable>: Sendable {
    struct Entry: Sendable {
        var key: Key
        var count: Int
        var overcount: Int
    }

    let capacity: Int
    private(set) var entries: [Entry] = []
    private var slotOf: [Key: Int] = [:]
    private(set) var total = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds `weight` occurrences of `key`. Returns the slot the key now occupies and whether
    /// the slot was (re)assigned to it, so callers keeping per-slot data can refresh it.
    @discardableResult
    mutating func add(_ key: Key, weight: Int = 1) -> (slot: Int, isNew: Bool) {
        total += weight
        if let slot = slotOf[key] {
            entries[slot].count += weight
            return (slot, false)
        }
        if entries.count < capacity {
            entries.append(Entry(key: key, count: weight, overcount: 0))
            slotOf[key] = entries.count - 1
            return (entries.count - 1, true)
        }
        var victim = 0
        for i in 1..<entries.count where entries[i].count < entries[victim].count { victim = i }
        let floor = entries[victim].count
        slotOf[entries[victim].key] = nil
        entries[victim] = Entry(key: key, count: floor + weight, overcount: floor)
        slotOf[key] = victim
        return (victim, true)
    }

    /// `add(key, weight:)` given the slot an earlier `add` returned for `key`: when that slot
    /// still holds `key` it is counted there without hashing the key (for long texts,
    /// hashing was most of the cost); otherwise it is an ordinary `add`.
    @discardableResult
    mutating func add(_ key: Key, weight: Int = 1, hint slot: Int) -> (slot: Int, isNew: Bool) {
        if entries.indices.contains(slot), entries[slot].key == key {
            total += weight
            entries[slot].count += weight
            return (slot, false)
        }
        return add(key, weight: weight)
    }

    /// Entries by count, largest first; ties keep the order given by `tieBreak`.
    func ranked(by tieBreak: (Entry, Entry) -> Bool) -> [Entry] {
        entries.sorted { a, b in a.count != b.count ? a.count > b.count : tieBreak(a, b) }
    }
}

extension BoundedCounter where Key == String {
    /// The most counted key; ties broken by the smaller key.
    var mostFrequent: String? {
        var best: Entry?
        for e in entries {
            guard let b = best else { best = e; continue }
            if e.count > b.count || (e.count == b.count && e.key < b.key) { best = e }
        }
        return best?.key
    }
}
