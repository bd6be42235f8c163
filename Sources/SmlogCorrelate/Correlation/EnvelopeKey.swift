/// Identity of one envelope: (host, queue id). Queue ids are unique only per host.
///
/// The id is packed into three words so that looking an envelope up costs no allocation;
/// sendmail ids are at most 20 characters (the packing keeps 24).
struct EnvelopeKey: Hashable {
    var host: UInt32
    var length: UInt8
    var word0: UInt64
    var word1: UInt64
    var word2: UInt64

    init(host: UInt32, qid: UnsafeRawBufferPointer) {
        self.host = host
        self.length = UInt8(min(qid.count, 255))
        // The first 24 bytes, zero-padded, read a word at a time: copying them into a tuple
        // called memcpy (~30 instructions a key more).
        let n = min(qid.count, 24)
        guard n > 0, let p = qid.baseAddress else {
            (word0, word1, word2) = (0, 0, 0)
            return
        }
        word0 = Self.word(p, from: 0, count: n)
        word1 = n > 8 ? Self.word(p, from: 8, count: n) : 0
        word2 = n > 16 ? Self.word(p, from: 16, count: n) : 0
    }

    /// Bytes `start..<min(start + 8, count)` of `p` as a little-endian word, zero-padded,
    /// reading nothing outside `0..<count` (`start < count`).
    @inline(__always)
    private static func word(_ p: UnsafeRawPointer, from start: Int, count: Int) -> UInt64 {
        let available = count - start
        if available >= 8 { return UInt64(littleEndian: p.loadUnaligned(fromByteOffset: start, as: UInt64.self)) }
        if count >= 8 {
            // The word ending at `count`, shifted down past the bytes before `start`.
            let last = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            return last >> UInt64(8 * (8 - available))
        }
        var word: UInt64 = 0
        for i in 0..<available { word |= UInt64(p.load(fromByteOffset: start + i, as: UInt8.self)) << UInt64(8 * i) }
        return word
    }

    /// Fewer rounds than the synthesized hash (one per field): the third word is nearly
    /// always zero (ids up to 16 bytes) and host and length share one word. The sequence of
    /// words fed stays unique per key, so keys cannot be made to collide by choice.
    func hash(into hasher: inout Hasher) {
        hasher.combine(word0)
        hasher.combine(word1)
        if word2 != 0 { hasher.combine(word2) }
        hasher.combine(UInt64(host) << 8 | UInt64(length))
    }

    /// What Dictionary calls instead of `hash(into:)`: a keyed multiply-fold of the words
    /// (~20 instructions) instead of a SipHash round per word (~100 an envelope lookup).
    /// `seed` is the table's seed, drawn from the per-run random hashing seed, so queue ids
    /// cannot be chosen to collide without knowing it.
    func _rawHashValue(seed: Int) -> Int {
        let key = UInt64(UInt(bitPattern: seed))
        var h = Self.fold(word0 ^ key, word1 ^ 0x9E37_79B9_7F4A_7C15)
        h = Self.fold(h ^ word2 ^ 0xA076_1D64_78BD_642F, (UInt64(host) << 8 | UInt64(length)) ^ key ^ 0xE703_7ED1_A0B4_28DB)
        return Int(truncatingIfNeeded: h)
    }

    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    init(host: UInt32, qid: String) {
        var copy = qid
        self = copy.withUTF8 { EnvelopeKey(host: host, qid: UnsafeRawBufferPointer($0)) }
    }
}
