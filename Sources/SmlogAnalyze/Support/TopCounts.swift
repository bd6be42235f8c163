/// Messages and bytes per key (sender, recipient, domain, client) in bounded memory.
///
/// Exact while at most `capacity` distinct keys occur. Beyond that it is the Space-Saving
/// algorithm (Metwally, Agrawal, El Abbadi) on the message counts: a new key takes the place
/// of one of the least counted keys and starts from the highest count ever dropped
/// (`overcount`), so a count is never too low and too high by at most its `overcount`;
/// any key with more than total / capacity messages is kept. Bytes of a key count from
/// when it was last taken in (exact when its `overcount` is 0). `isApproximate` tells
/// which regime the table is in.
struct TopCounts {
    struct Volume {
        var messages = 0
        var bytes = 0
        /// How much `messages` may be too high (0 = exact, and `bytes` exact too).
        var overcount = 0
    }

    /// Distinct keys kept before counting becomes approximate. The generated 1M-line test
    /// log has ~9,900 distinct recipients; 16,384 entries of ~25-byte addresses hold about
    /// 1.2 MB (24-byte counts, 16-byte key meta, slots, key bytes; no String per key).
    static let defaultCapacity = 16_384

    let capacity: Int
    private(set) var table = StringTable<Volume>()
    private(set) var isApproximate = false
    /// Keys taken in: the distinct keys while exact, an upper bound after (a key dropped and
    /// seen again counts twice).
    private(set) var distinct = 0
    /// The highest message count dropped so far: no untracked key has more.
    private var floor = 0
    /// Entries to drop next: (index, messages when picked), the smallest last.
    private var victims: [(index: Int, messages: Int)] = []
    /// Bumped whenever an entry changes key, so callers caching entry indexes can tell
    /// when theirs may be stale.
    private(set) var epoch = 0

    init(capacity: Int = TopCounts.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    mutating func add(_ key: String, bytes: Int) {
        count(at: slot(for: key), bytes: bytes)
    }

    /// Counts one message of `bytes` for the entry at `index` (from `slot(for:)`).
    @inline(__always)
    mutating func count(at index: Int, bytes: Int) {
        // One access to the entry: two cost a second uniqueness and bounds check.
        Self.add(bytes, to: &table[index])
    }

    @inline(__always)
    private static func add(_ bytes: Int, to volume: inout Volume) {
        volume.messages += 1
        volume.bytes &+= bytes
    }

    /// The entry of `key`, taken in (with no message yet) when new.
    mutating func slot(for key: String) -> Int {
        StringTable<Volume>.withBytes(key) { slot(forBytes: $0) }
    }

    /// `slot(for:)` for a key given as its UTF-8 bytes (one lookup, no String).
    mutating func slot(forBytes key: UnsafeRawBufferPointer) -> Int {
        let probe = table.probe(key)
        if let i = probe.existingIndex { return i }
        distinct += 1
        if table.count < capacity {
            return table.insert(key, Volume(), at: probe)
        }
        isApproximate = true
        epoch += 1
        let victim = nextVictim()
        floor = max(floor, table[victim].messages)
        table.replaceKey(at: victim, with: key)
        table[victim] = Volume(messages: floor, bytes: 0, overcount: floor)
        return victim
    }

    /// One of the least counted entries. Picking the smallest sixteenth at once keeps the
    /// cost per new key low (a sort per capacity/16 new keys); an entry that has grown since
    /// it was picked is passed over.
    private mutating func nextVictim() -> Int {
        while let candidate = victims.popLast() {
            if table[candidate.index].messages <= candidate.messages { return candidate.index }
        }
        let batch = max(1, capacity / 16)
        let smallest = table.values.indices
            .map { (index: $0, messages: table[$0].messages) }
            .sorted { $0.messages != $1.messages ? $0.messages < $1.messages : $0.index < $1.index }
            .prefix(batch + 1)
        victims = Array(smallest.reversed())
        return victims.popLast()?.index ?? 0
    }
}
