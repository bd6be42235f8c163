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

    /// The string for `bytes`, nil when empty. Inlined like `string` (a call per field read).
    @inline(__always)
    func optionalString(_ bytes: UnsafeRawBufferPointer) -> String? {
        bytes.isEmpty ? nil : string(bytes)
    }

    /// The string for `bytes` (invalid UTF-8 repaired, as `String(decoding:as:)` does).
    /// The lookup is inlined into the callers; a miss goes to `insert`.
    @inline(__always)
    func string(_ bytes: UnsafeRawBufferPointer) -> String {
        let length = bytes.count
        guard length <= Self.maximumLength, let source = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return string(bytes, hash: ByteHash.hash(source, length))
    }

    /// `string(_:)` for bytes whose `ByteHash` the caller already has.
    @inline(__always)
    func string(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> String {
        let length = bytes.count
        guard length <= Self.maximumLength, let source = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
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
        return insert(bytes, hash: hash, set: set)
    }

    /// Decodes `bytes` into the least recently used way of `set`.
    @inline(never)
    private func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, set: Int) -> String {
        let length = bytes.count
        guard let source = bytes.baseAddress else { return "" }
        let first = 2 * set
        let way = 1 - Int(recent[set])
        let index = first + way
        let string = String(decoding: bytes, as: UTF8.self)
        (arena + index * Self.maximumLength).copyMemory(from: source, byteCount: length)
        slots[index] = Slot(hash: hash, length: length, string: string)
        recent[set] = UInt8(way)
        return string
    }
}
