/// A bounded cache from field bytes to the `String` made from them, for the values sendmail
/// repeats on line after line (relays, mailers, dsn codes, TLS ciphers, AUTH mechanisms, …).
///
/// A repeated value then costs a hash and a byte comparison instead of a decode and an
/// allocation, and every record holding it shares one string. The cache is two-way set
/// associative with a fixed number of slots: a value that is never seen again only evicts
/// the least recently used entry of its set, so the cache never grows, whatever the input.
/// Values longer than `maximumLength` are never cached (they are rarely repeated).
final class TextCache {
    /// Number of sets (a power of two); each holds two entries.
    let setCount: Int
    static let maximumLength = 96

    private struct Slot {
        var hash: UInt64 = 0
        var length: Int = -1  // -1: empty
        var string = ""
    }

    // Fixed-size buffers behind `let` pointers: no copy-on-write or exclusivity checks per lookup.
    private let slots: UnsafeMutablePointer<Slot>
    /// Which way of each set was used last (the other is replaced on a miss).
    private let recent: UnsafeMutablePointer<UInt8>
    /// The bytes of each slot, `maximumLength` apart, compared on a hit.
    private let arena: UnsafeMutableRawPointer

    init(sets: Int = 512) {
        var count = 1
        while count < max(sets, 1) { count <<= 1 }
        setCount = count
        slots = .allocate(capacity: 2 * count)
        slots.initialize(repeating: Slot(), count: 2 * count)
        recent = .allocate(capacity: count)
        recent.initialize(repeating: 0, count: count)
        arena = .allocate(byteCount: 2 * count * Self.maximumLength, alignment: 8)
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
        recent.deallocate()
        arena.deallocate()
    }

    /// Entries held (never more than `capacity`).
    var count: Int { (0..<capacity).reduce(0) { $0 + (slots[$1].length >= 0 ? 1 : 0) } }
    var capacity: Int { 2 * setCount }

    /// The string for `bytes`, nil when empty.
    func optionalString(_ bytes: UnsafeRawBufferPointer) -> String? {
        bytes.isEmpty ? nil : string(bytes)
    }

    /// The string for `bytes` (invalid UTF-8 repaired, as `String(decoding:as:)` does).
    func string(_ bytes: UnsafeRawBufferPointer) -> String {
        let length = bytes.count
        guard length <= Self.maximumLength, let source = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let hash = Self.hash(source, length)
        let set = Int(truncatingIfNeeded: hash >> 7) & (setCount - 1)
        let first = 2 * set
        for way in 0..<2 {
            let index = first + way
            if slots[index].hash == hash, slots[index].length == length,
                ByteEquality.equal(arena + index * Self.maximumLength, source, count: length)
            {
                recent[set] = UInt8(way)
                return slots[index].string
            }
        }
        let way = 1 - Int(recent[set])
        let index = first + way
        let string = String(decoding: bytes, as: UTF8.self)
        (arena + index * Self.maximumLength).copyMemory(from: source, byteCount: length)
        slots[index] = Slot(hash: hash, length: length, string: string)
        recent[set] = UInt8(way)
        return string
    }

    /// Eight bytes at a time, multiply and fold: values are short and a collision only
    /// costs a miss, never a wrong answer (the bytes are compared).
    private static func hash(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var i = 0
        while i + 8 <= count {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < count {
            // The tail without a byte loop: an overlapping last word, or two overlapping
            // halves (short values), or the first, middle and last byte (1 to 3 bytes).
            let tail: UInt64
            if count >= 8 {
                tail = p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else if count >= 4 {
                tail = UInt64(p.loadUnaligned(as: UInt32.self)) << 32
                    | UInt64(p.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            } else {
                tail = UInt64(p.load(as: UInt8.self)) << 16
                    | UInt64(p.load(fromByteOffset: count / 2, as: UInt8.self)) << 8
                    | UInt64(p.load(fromByteOffset: count - 1, as: UInt8.self))
            }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        return h ^ (h >> 29)
    }
}
