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
    /// log has ~9,900 distinct recipients; 16,384 entries hold about 2 MB.
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

    init(capacity: Int = TopCounts.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    mutating func add(_ key: String, bytes: Int) {
        if let i = table.existingIndex(of: key) {
            table[i].messages += 1
            table[i].bytes &+= bytes
            return
        }
        distinct += 1
        if table.count < capacity {
            _ = table.index(of: key) { Volume(messages: 1, bytes: bytes) }
            return
        }
        isApproximate = true
        let victim = nextVictim()
        floor = max(floor, table[victim].messages)
        table.replaceKey(at: victim, with: key)
        table[victim] = Volume(messages: floor + 1, bytes: bytes, overcount: floor)
    }

    /// One of the least counted entries. Picking the smallest sixteenth at once keeps the
    /// cost per new key low (a sort per capacity/16 new keys); an entry that has grown since
    /// it was picked is passed over.
    private mutating func nextVictim() -> Int {
        while let candidate = victims.popLast() {
            if table[candidate.index].messages <= candidate.messages { return candidate.index }
        }
        let batch = max(1, capacity / 16)
        let smallest = table.entries.indices
            .map { (index: $0, messages: table[$0].messages) }
            .sorted { $0.messages != $1.messages ? $0.messages < $1.messages : $0.index < $1.index }
            .prefix(batch + 1)
        victims = Array(smallest.reversed())
        return victims.popLast()?.index ?? 0
    }
}
