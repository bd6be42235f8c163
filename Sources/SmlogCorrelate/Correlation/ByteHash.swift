/// A fast, unkeyed hash of short byte strings (field values, addresses): eight bytes at a
/// time, multiply and fold, ~4 times cheaper than FNV-1a byte by byte. Only for tables that
/// compare the bytes on a match, where a collision costs a miss or a scan, never a wrong answer.
enum ByteHash {
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
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

    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard let p = bytes.baseAddress else { return 0 }
        return hash(p, bytes.count)
    }
}
