/// A hash table from strings to values, hashed and compared on the strings' UTF-8 bytes
/// with a cheap word-at-a-time hash instead of `Hasher` (SipHash): the report looks up a
/// few strings per event, and with `Dictionary<String, …>` hashing them cost more than the
/// counting. Open addressing with linear probing (load at most 1/2); entries stay in
/// insertion order. The hash is not keyed: a log crafted for collisions costs time, never
/// correctness, and the report's tables are bounded in size.
struct StringTable<Value> {
    /// Values in insertion order; the key of `values[i]` is `key(at: i)`.
    private(set) var values: [Value] = []
    /// Entry index + 1 per slot; 0 = empty.
    private var slots: [Int32] = []
    /// Per entry: its hash and where its key's bytes are in `keyBytes`.
    private var meta: [Meta] = []
    /// Every entry's key bytes back to back: the only copy of the keys. Comparing against
    /// them touches no String (no retain/release, no small-string unpacking), and a table
    /// of long keys (addresses) keeps no String object per entry (~64 bytes each).
    private var keyBytes = KeyArena()
    /// Bytes in `keyBytes` no entry uses any more (left by `replaceKey`).
    private var garbage = 0
    private var mask = 0
    /// The per-run key, read once here rather than through the global on every hash.
    private let seed = tableHashSeed

    /// 16 bytes per entry: the low half of the hash is all a slot index and a quick
    /// mismatch test need, and no key is 4 GiB long (lines are bounded).
    private struct Meta {
        var offset: Int
        var hash: UInt32
        var count: UInt32
    }

    init() {}

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// The key of the entry at `index` (a new String: for results, not per event).
    func key(at index: Int) -> String {
        let m = meta[index]
        return String(decoding: keyBytes.bytes(at: m.offset, count: Int(m.count)), as: UTF8.self)
    }

    /// Every entry as (key, value), in insertion order (builds a String per key).
    var entries: [(key: String, value: Value)] {
        values.indices.map { (key: key(at: $0), value: values[$0]) }
    }

    /// The index of `key`'s entry, inserting `make()` first when the key is new.
    @inline(__always)
    mutating func index(of key: String, orInsert make: () -> Value) -> Int {
        let found = StringTable.withBytes(key) { bytes in find(bytes) }
        if found.index >= 0 { return found.index }
        return StringTable.withBytes(key) { bytes in insert(bytes, make(), hash: found.hash, slot: found.slot) }
    }

    /// Where a key is, or where it would go: valid until the table next changes.
    struct Probe {
        /// The entry's index, or -1 when the key is not in the table.
        fileprivate let index: Int
        fileprivate let hash: UInt64
        fileprivate let slot: Int

        var existingIndex: Int? { index >= 0 ? index : nil }
    }

    /// Looks `key` up once, for `insert(_:_:at:)` to use when it is missing (one hash and
    /// one probe instead of a lookup and an insert that looks up again).
    func probe(_ key: UnsafeRawBufferPointer) -> Probe {
        let found = find(key)
        return Probe(index: found.index, hash: found.hash, slot: found.slot)
    }

    /// Inserts `key` (not in the table), whose `probe` was taken after the last change.
    mutating func insert(_ key: UnsafeRawBufferPointer, _ value: Value, at probe: Probe) -> Int {
        precondition(probe.index < 0, "the key is in the table")
        return insert(key, value, hash: probe.hash, slot: probe.slot)
    }

    /// Stores `value` for `key` in a table used as a bounded cache: in place when `probe`
    /// (taken after the last change) found the key, else as a new entry, after emptying the
    /// table when it already holds `limit` entries.
    mutating func store(_ key: UnsafeRawBufferPointer, _ value: Value, at probe: Probe, limit: Int) {
        if let i = probe.existingIndex {
            values[i] = value
        } else if count >= limit {
            removeAll()
            _ = insert(key, value, at: self.probe(key))
        } else {
            _ = insert(key, value, at: probe)
        }
    }

    /// `store(_:_:at:limit:)` for a key given as a String.
    mutating func store(_ key: String, _ value: Value, limit: Int) {
        StringTable.withBytes(key) { bytes in store(bytes, value, at: probe(bytes), limit: limit) }
    }

    /// The index of `key`'s entry, if any.
    func existingIndex(of key: String) -> Int? {
        let found = StringTable.withBytes(key) { bytes in find(bytes) }
        return found.index >= 0 ? found.index : nil
    }

    /// Gives the entry at `index` the key `key` (not in the table), keeping its value and
    /// its place in `values`.
    mutating func replaceKey(at index: Int, with key: String) {
        StringTable.withBytes(key) { replaceKey(at: index, with: $0) }
    }

    /// `replaceKey(at:with:)` for a key given as bytes.
    mutating func replaceKey(at index: Int, with key: UnsafeRawBufferPointer) {
        removeSlot(of: index)
        let hash = StringTable.hash(key, seed: seed)
        garbage += Int(meta[index].count)
        meta[index].hash = UInt32(truncatingIfNeeded: hash)
        storeBytes(key, for: index)
        if garbage > keyBytes.count / 2 { compactKeyBytes() }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(truncatingIfNeeded: index + 1)
    }

    private mutating func storeBytes(_ bytes: UnsafeRawBufferPointer, for index: Int) {
        makeKeyBytesUnique()
        meta[index].offset = keyBytes.count
        meta[index].count = UInt32(truncatingIfNeeded: bytes.count)
        keyBytes.append(bytes)
    }

    /// Copies the arena first when a copy of this table shares it (value semantics).
    private mutating func makeKeyBytesUnique() {
        if !isKnownUniquelyReferenced(&keyBytes) { keyBytes = keyBytes.copy() }
    }

    /// Rewrites `keyBytes` without the bytes of replaced keys.
    private mutating func compactKeyBytes() {
        let old = keyBytes
        keyBytes = KeyArena()
        garbage = 0
        for index in meta.indices {
            let m = meta[index]
            storeBytes(old.bytes(at: m.offset, count: Int(m.count)), for: index)
        }
    }

    /// Empties the slot of entry `index`, shifting back the entries probed past it so every
    /// key stays reachable from its home slot (no tombstones).
    private mutating func removeSlot(of index: Int) {
        var hole = Int(meta[index].hash) & mask
        while Int(slots[hole]) != index + 1 { hole = (hole + 1) & mask }
        var next = (hole + 1) & mask
        while slots[next] != 0 {
            let home = Int(meta[Int(slots[next]) - 1].hash) & mask
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
        return found.index >= 0 ? values[found.index] : nil
    }

    subscript(index: Int) -> Value {
        get { values[index] }
        _modify { yield &values[index] }
    }

    mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        meta.removeAll(keepingCapacity: true)
        makeKeyBytesUnique()
        keyBytes.removeAll()
        garbage = 0
        for i in slots.indices { slots[i] = 0 }
    }

    /// (entry index or -1, hash, the slot where the key is or would go).
    private func find(_ bytes: UnsafeRawBufferPointer) -> (index: Int, hash: UInt64, slot: Int) {
        let hash = StringTable.hash(bytes, seed: seed)
        guard mask > 0 else { return (-1, hash, 0) }
        let shortHash = UInt32(truncatingIfNeeded: hash)
        let length = UInt32(truncatingIfNeeded: bytes.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return (-1, hash, slot) }
            let index = stored - 1
            let m = meta[index]
            // Nested rather than `&&`: the autoclosure kept the comparison from being inlined.
            if m.hash == shortHash && m.count == length {
                if keyBytes.bytes(at: m.offset, count: bytes.count).elementsEqualBytes(bytes) {
                    return (index, hash, slot)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insert(_ bytes: UnsafeRawBufferPointer, _ value: Value, hash: UInt64, slot: Int) -> Int {
        let index = values.count
        values.append(value)
        meta.append(Meta(offset: 0, hash: UInt32(truncatingIfNeeded: hash), count: 0))
        storeBytes(bytes, for: index)
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
            var slot = Int(m.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: index + 1)
        }
    }

    /// The UTF-8 bytes of `s` without copying the String (a `var` copy for `withUTF8` costs
    /// a retain and a release per lookup); only non-native strings take the copying path.
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
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
            h = (h ^ tailWord(bytes, from: i)) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}

extension StringTable {
    /// The 1 to 7 bytes from `i` to the end of `bytes` as one word (zero-filled above), read
    /// in at most three loads instead of a loop over the bytes.
    @inline(__always)
    static func tailWord(_ bytes: UnsafeRawBufferPointer, from i: Int) -> UInt64 {
        let n = bytes.count
        if n >= 8 {
            // Reload the last eight bytes and shift out those the word loop already took.
            let last = bytes.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            return last >> UInt64(8 * (8 - (n - i)))
        }
        var word: UInt64 = 0
        var at = i
        var shift: UInt64 = 0
        if n - at >= 4 {
            word = UInt64(bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            at += 4
            shift = 32
        }
        if n - at >= 2 {
            word |= UInt64(bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self)) << shift
            at += 2
            shift += 16
        }
        if at < n {
            word |= UInt64(bytes[at]) << shift
        }
        return word
    }
}

/// Growable storage for the key bytes of a `StringTable`, read through a raw pointer so the
/// probe loop compares keys without a closure call (`Array.withUnsafeBytes` was not inlined
/// there and cost ~100 instructions per compare).
final class KeyArena {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var count = 0

    init() {}

    deinit { base?.deallocate() }

    func copy() -> KeyArena {
        let other = KeyArena()
        if let base { other.append(UnsafeRawBufferPointer(start: base, count: count)) }
        return other
    }

    @inline(__always)
    func bytes(at offset: Int, count length: Int) -> UnsafeRawBufferPointer {
        precondition(offset >= 0 && length >= 0 && offset + length <= count)
        return UnsafeRawBufferPointer(start: base.map { $0 + offset }, count: length)
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        if count + bytes.count > capacity {
            let newCapacity = max(256, capacity * 2, count + bytes.count)
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
            if let base {
                grown.copyMemory(from: base, byteCount: count)
                base.deallocate()
            }
            base = grown
            capacity = newCapacity
        }
        guard let base, let source = bytes.baseAddress else { return }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    func removeAll() { count = 0 }
}

extension StringTable {
    /// True when `a` and `b` have the same UTF-8 bytes (the table's key equality; String's
    /// `==` also equates canonically equivalent texts).
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        withBytes(a) { x in withBytes(b) { x.elementsEqualBytes($0) } }
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
        guard i < count else { return true }
        // The last 1 to 7 bytes: one overlapping word when the keys are 8 bytes or longer
        // (a byte loop here cost ~6 instructions a byte).
        if count >= 8 {
            return loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == other.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        return StringTable<Int>.tailWord(self, from: i) == StringTable<Int>.tailWord(other, from: i)
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
