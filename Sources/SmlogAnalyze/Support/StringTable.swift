/// A hash table from strings to values, hashed and compared on the strings' UTF-8 bytes
/// with a cheap word-at-a-time hash instead of `Hasher` (SipHash): the report looks up a
/// few strings per event, and with `Dictionary<String, …>` hashing them cost more than the
/// counting. Open addressing with linear probing (load at most 1/2); entries stay in
/// insertion order. The hash is not keyed: a log crafted for collisions costs time, never
/// correctness, and the report's tables are bounded in size.
struct StringTable<Value> {
    struct Entry {
        var key: String
        var value: Value
    }

    private(set) var entries: [Entry] = []
    /// Entry index + 1 per slot; 0 = empty.
    private var slots: [Int32] = []
    /// Per entry: its hash and where its key's bytes are in `keyBytes`.
    private var meta: [Meta] = []
    /// Every entry's key bytes back to back: comparing against them touches no String
    /// (no retain/release, no small-string unpacking).
    private var keyBytes: [UInt8] = []
    /// Bytes in `keyBytes` no entry uses any more (left by `replaceKey`).
    private var garbage = 0
    private var mask = 0
    /// The per-run key, read once here rather than through the global on every hash.
    private let seed = tableHashSeed

    private struct Meta {
        var hash: UInt64
        var offset: Int
        var count: Int
    }

    init() {}

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// The index of `key`'s entry, inserting `make()` first when the key is new.
    @inline(__always)
    mutating func index(of key: String, orInsert make: () -> Value) -> Int {
        let found = StringTable.withBytes(key) { bytes in find(bytes) }
        if found.index >= 0 { return found.index }
        return insert(key, make(), hash: found.hash, slot: found.slot)
    }

    /// The index of `key`'s entry, if any.
    func existingIndex(of key: String) -> Int? {
        let found = StringTable.withBytes(key) { bytes in find(bytes) }
        return found.index >= 0 ? found.index : nil
    }

    /// Gives the entry at `index` the key `key` (not in the table), keeping its value and
    /// its place in `entries`.
    mutating func replaceKey(at index: Int, with key: String) {
        removeSlot(of: index)
        let hash = StringTable.withBytes(key) { StringTable.hash($0, seed: seed) }
        entries[index].key = key
        garbage += meta[index].count
        meta[index].hash = hash
        storeBytes(of: key, for: index)
        if garbage > keyBytes.count / 2 { compactKeyBytes() }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(truncatingIfNeeded: index + 1)
    }

    private mutating func storeBytes(of key: String, for index: Int) {
        let offset = keyBytes.count
        StringTable.withBytes(key) { keyBytes.append(contentsOf: $0) }
        meta[index].offset = offset
        meta[index].count = keyBytes.count - offset
    }

    /// Rewrites `keyBytes` without the bytes of replaced keys.
    private mutating func compactKeyBytes() {
        keyBytes.removeAll(keepingCapacity: true)
        garbage = 0
        for index in entries.indices { storeBytes(of: entries[index].key, for: index) }
    }

    /// Empties the slot of entry `index`, shifting back the entries probed past it so every
    /// key stays reachable from its home slot (no tombstones).
    private mutating func removeSlot(of index: Int) {
        var hole = Int(truncatingIfNeeded: meta[index].hash) & mask
        while Int(slots[hole]) != index + 1 { hole = (hole + 1) & mask }
        var next = (hole + 1) & mask
        while slots[next] != 0 {
            let home = Int(truncatingIfNeeded: meta[Int(slots[next]) - 1].hash) & mask
            // The entry at `next` may fill the hole when the hole lies on its probe path.
            if (next - hole) & mask <= (next - home) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = 0
    }

    /// The value for `key`, if any.
    func value(for key: String) -> Value? {
        let found = StringTable.withBytes(key) { bytes in find(bytes) }
        return found.index >= 0 ? entries[found.index].value : nil
    }

    subscript(index: Int) -> Value {
        get { entries[index].value }
        _modify { yield &entries[index].value }
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        meta.removeAll(keepingCapacity: true)
        keyBytes.removeAll(keepingCapacity: true)
        garbage = 0
        for i in slots.indices { slots[i] = 0 }
    }

    /// (entry index or -1, hash, the slot where the key is or would go).
    private func find(_ bytes: UnsafeRawBufferPointer) -> (index: Int, hash: UInt64, slot: Int) {
        let hash = StringTable.hash(bytes, seed: seed)
        guard mask > 0 else { return (-1, hash, 0) }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return (-1, hash, slot) }
            let index = stored - 1
            let m = meta[index]
            // Nested rather than `&&`: the autoclosure kept the comparison from being inlined.
            if m.hash == hash && m.count == bytes.count {
                let same = keyBytes.withUnsafeBytes { arena in
                    UnsafeRawBufferPointer(rebasing: arena[m.offset..<(m.offset + m.count)]).elementsEqualBytes(bytes)
                }
                if same { return (index, hash, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insert(_ key: String, _ value: Value, hash: UInt64, slot: Int) -> Int {
        let index = entries.count
        entries.append(Entry(key: key, value: value))
        meta.append(Meta(hash: hash, offset: keyBytes.count, count: 0))
        storeBytes(of: key, for: index)
        if (index + 1) * 2 > slots.count {
            grow()
        } else {
            slots[slot] = Int32(truncatingIfNeeded: index + 1)
        }
        return index
    }

    private mutating func grow() {
        let size = max(16, slots.count * 2)
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        for (index, m) in meta.enumerated() {
            var slot = Int(truncatingIfNeeded: m.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: index + 1)
        }
    }

    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var s = s
        return s.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// A multiply-xorshift hash over 8-byte words (wyhash-like mixing), keyed per run so
    /// that a log crafted to collide (addresses are attacker-chosen) cannot lengthen probes.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var h: UInt64 = seed ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                word |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ word) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}

extension StringTable where Value == Int {
    /// Adds one to `key`'s count.
    @inline(__always)
    mutating func increment(_ key: String) {
        self[index(of: key) { 0 }] += 1
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always)
    func elementsEqualBytes(_ other: UnsafeRawBufferPointer) -> Bool {
        guard count == other.count else { return false }
        var i = 0
        while i + 8 <= count {
            if loadUnaligned(fromByteOffset: i, as: UInt64.self) != other.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < count {
            if self[i] != other[i] { return false }
            i += 1
        }
        return true
    }
}

/// Drawn once per process; only slot placement depends on it, never the order of results
/// (entries are kept and ranked in insertion order).
let tableHashSeed = UInt64.random(in: .min ... .max) | 1

/// The table's byte hash for use in `Hashable` conformances: one word goes to `Hasher`
/// instead of every byte of every string (SipHash costs several instructions per byte).
enum FastHash {
    static func of(_ s: String) -> UInt64 {
        StringTable<Int>.withBytes(s) { StringTable<Int>.hash($0, seed: tableHashSeed) }
    }

    static func of(_ a: String, _ b: String) -> UInt64 {
        of(a) &* 0x9E37_79B9_7F4A_7C15 ^ of(b)
    }

    static func of(_ a: String, _ b: String, _ c: String) -> UInt64 {
        of(a, b) &* 0x9E37_79B9_7F4A_7C15 ^ of(c)
    }
}
