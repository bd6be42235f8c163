/// A copy of up to 64 bytes of one line, compared against other lines eight bytes at a time.
///
/// Consecutive syslog lines repeat their timestamp and their `host tag[` prefix; the header
/// parser keeps the bytes it last parsed in one of these and reuses its result when the next
/// line holds exactly the same bytes at the same place (a few word compares instead of a parse).
struct BytePrefixKey {
    static let capacity = 64

    /// Number of bytes held; 0 means the key is empty and matches nothing.
    private(set) var length = 0
    /// The bytes as little-endian words at offsets 0, 8, 16, …; when `length` is not a multiple
    /// of 8 the last word is the one that ends at `length` (it overlaps the word before it).
    private var words = InlineArray<8, UInt64>(repeating: 0)

    /// Forgets the bytes held.
    @inline(__always)
    mutating func clear() { length = 0 }

    /// Holds `base[start ..< start + length]`; keys shorter than 8 or longer than `capacity`
    /// bytes (or that do not fit in `base`) leave the key empty.
    mutating func store(_ base: UnsafeRawBufferPointer, at start: Int, length: Int) {
        guard length >= 8, length <= Self.capacity, start >= 0, length <= base.count - start else {
            self.length = 0
            return
        }
        var offset = 0
        var k = 0
        while offset + 8 <= length {
            words[k] = base.loadUnaligned(fromByteOffset: start + offset, as: UInt64.self)
            offset += 8
            k += 1
        }
        if offset < length {
            words[k] = base.loadUnaligned(fromByteOffset: start + length - 8, as: UInt64.self)
        }
        self.length = length
    }

    /// True when `base` holds the key's bytes at `start`.
    @inline(__always)
    func matches(_ base: UnsafeRawBufferPointer, at start: Int) -> Bool {
        let n = length
        // n == 0 (empty) fails the first test: a key is never shorter than 8 bytes.
        guard n >= 8, start >= 0, n <= base.count - start else { return false }
        // Keys of up to 16 bytes (timestamps, most `host tag` prefixes) take two compares.
        guard base.loadUnaligned(fromByteOffset: start, as: UInt64.self) == words[0] else { return false }
        if n == 8 { return true }
        if n <= 16 { return base.loadUnaligned(fromByteOffset: start + n - 8, as: UInt64.self) == words[1] }
        var offset = 8
        var k = 1
        while offset + 8 <= n {
            guard base.loadUnaligned(fromByteOffset: start + offset, as: UInt64.self) == words[k] else {
                return false
            }
            offset += 8
            k += 1
        }
        return offset == n || base.loadUnaligned(fromByteOffset: start + n - 8, as: UInt64.self) == words[k]
    }
}
