/// The 16 bytes that represent a `String` value. Equal bits mean equal text: a small
/// string's bits are its bytes, and a large one's name its storage object and length
/// (storage is immutable while more than one value refers to it).
struct StringBits: Equatable {
    let low: UInt64
    let high: UInt64

    @inline(__always)
    init(_ s: String) {
        (low, high) = withUnsafeBytes(of: s) {
            ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }
}

/// A small direct-mapped cache keyed by a String's identity (`StringBits`), in front of a
/// byte-keyed table lookup. The correlator hands out one shared String per repeated text
/// (relays, addresses, status texts), so most events carry a string seen before, and
/// comparing two words beats hashing and comparing its bytes (~200-300 instructions for
/// a 30-byte address). A miss costs nothing but the caller's usual lookup.
///
/// Each entry keeps its String, so its storage cannot be freed and its address reused by
/// another text while the entry stands. Fixed size: memory does not grow with the log.
struct IdentityMemo<Value> {
    private struct Entry {
        var bits: StringBits
        var value: Value?
    }

    private var entries: [Entry]
    /// The String of each entry (only written on `store`: lookups touch no reference count).
    private var owners: [String]
    private let shift: UInt64

    /// `slotBits`: log2 of the number of entries.
    init(slotBits: Int = 8) {
        let bits = min(max(slotBits, 1), 16)
        let size = 1 << bits
        entries = [Entry](repeating: Entry(bits: StringBits(""), value: nil), count: size)
        owners = [String](repeating: "", count: size)
        shift = UInt64(64 - bits)
    }

    @inline(__always)
    private func slot(_ bits: StringBits) -> Int {
        Int(truncatingIfNeeded: ((bits.low ^ bits.high) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value stored for this very String value, if its entry still holds it.
    @inline(__always)
    func value(for key: String) -> Value? {
        let bits = StringBits(key)
        let entry = entries[slot(bits)]
        return entry.bits == bits ? entry.value : nil
    }

    /// Remembers `value` for `key`, replacing whatever shared its slot.
    mutating func store(_ key: String, _ value: Value) {
        let bits = StringBits(key)
        let i = slot(bits)
        entries[i] = Entry(bits: bits, value: value)
        owners[i] = key
    }

    /// Forgets every entry.
    mutating func removeAll() {
        for i in entries.indices {
            entries[i].value = nil
            owners[i] = ""
        }
    }
}
