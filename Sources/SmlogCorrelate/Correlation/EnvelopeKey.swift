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
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            let n = min(qid.count, raw.count)
            if n > 0, let src = qid.baseAddress, let dst = raw.baseAddress {
                dst.copyMemory(from: src, byteCount: n)
            }
        }
        self.word0 = words.0
        self.word1 = words.1
        self.word2 = words.2
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
