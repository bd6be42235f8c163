/// Distinct messages per tally (deferral class, relay and class, …) in memory that follows
/// the messages in flight, not the size of the log: a message's key is kept, with the
/// tallies it was already counted in, only until the correlate stage reports the message
/// complete (its `.message` event comes after every line of it), then forgotten.
struct DistinctMessages {
    /// Per message still in flight: the tallies it was counted in (usually one to three).
    private var counted: [MessageKey: TallySet] = [:]
    /// Distinct messages per tally id.
    private(set) var counts: [Int] = []
    /// Messages in `counted` per bucket of their qid's hash (a counting filter): a completed
    /// message whose bucket is empty was never counted and skips the table lookup (hashing
    /// the key into `Hasher`, probing, ~240 instructions), as nearly every message does.
    private var inBucket = [UInt32](repeating: 0, count: Self.bucketCount)
    private static let bucketCount = 16_384

    @inline(__always)
    private static func bucket(_ qid: String) -> Int {
        Int(truncatingIfNeeded: FastHash.of(qid) & UInt64(bucketCount - 1))
    }

    /// Counts `key` in `tally` unless it was already counted there.
    mutating func count(_ key: MessageKey, in tally: Int) {
        count(key, in: (tally, tally, tally))
    }

    /// Counts `key` in each of the (up to three) tallies it was not yet counted in, with one
    /// table lookup (a tuple, not an array: no allocation per event).
    mutating func count(_ key: MessageKey, in tallies: (Int, Int, Int)) {
        let top = max(tallies.0, tallies.1, tallies.2)
        if top >= counts.count { counts.append(contentsOf: repeatElement(0, count: top + 1 - counts.count)) }
        // One hashed access finds or adds the entry and updates it in place (an index
        // lookup, then an insert and a second lookup for a new key, hashed up to three times).
        let (wasNew, added) = counted[key, default: TallySet()].insert(tallies)
        if wasNew { inBucket[Self.bucket(key.qid)] += 1 }
        if added.0 { counts[tallies.0] += 1 }
        if added.1 { counts[tallies.1] += 1 }
        if added.2 { counts[tallies.2] += 1 }
    }

    /// Distinct messages counted in `tally`.
    func count(of tally: Int) -> Int {
        counts.indices.contains(tally) ? counts[tally] : 0
    }

    /// The message is complete: none of its queue ids will be deferred again.
    mutating func forget(host: String, qids: [String]) {
        guard !counted.isEmpty else { return }
        for qid in qids {
            let b = Self.bucket(qid)
            guard inBucket[b] > 0 else { continue }
            if counted.removeValue(forKey: MessageKey(host: host, qid: qid)) != nil { inBucket[b] -= 1 }
        }
    }

    /// Messages remembered now (tests).
    var inFlight: Int { counted.count }
}

/// A small set of tally ids: three in place, more in an array (which stays empty, and
/// unallocated, for nearly every message). An `[Int32]` per message cost a heap block
/// (~48 bytes with malloc's overhead) and an allocation per deferred message.
struct TallySet {
    private var first: Int32 = -1
    private var second: Int32 = -1
    private var third: Int32 = -1
    private var more: [Int32] = []

    /// Adds each id (not negative) in turn: whether the set was empty before, and which of
    /// them were not in it yet.
    mutating func insert(_ ids: (Int, Int, Int)) -> (wasEmpty: Bool, added: (Bool, Bool, Bool)) {
        let wasEmpty = first < 0
        let a = insert(Int32(truncatingIfNeeded: ids.0))
        let b = insert(Int32(truncatingIfNeeded: ids.1))
        let c = insert(Int32(truncatingIfNeeded: ids.2))
        return (wasEmpty, (a, b, c))
    }

    /// Adds `id` (not negative); true when it was not in the set yet.
    mutating func insert(_ id: Int32) -> Bool {
        if id == first || id == second || id == third || more.contains(id) { return false }
        if first < 0 {
            first = id
        } else if second < 0 {
            second = id
        } else if third < 0 {
            third = id
        } else {
            more.append(id)
        }
        return true
    }
}
