/// Finds any of many exact patterns in one pass, for when there are too many to search for one
/// by one (an address trace collects the queue ids of every message from or to it).
///
/// Patterns are keyed by their first four bytes. The scan loads four bytes at each position,
/// tests a 64 Ki-bit filter, and only on a hit looks the key up and compares whole patterns, so
/// its cost is about one pass over the bytes whatever the number of patterns.
struct ManyNeedleIndex {
    static let keyLength = 4

    /// Pattern indexes (into `PrefilterPatterns.entries`) by first four bytes.
    private var buckets: [UInt32: [Int]] = [:]
    private var filter = [UInt64](repeating: 0, count: 1 << 10)
    private(set) var count = 0

    static func canHold(_ needle: ByteNeedle) -> Bool {
        !needle.caseInsensitive && needle.count >= keyLength
    }

    mutating func insert(_ needle: ByteNeedle, index: Int) {
        let key = needle.bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        buckets[key, default: []].append(index)
        let bit = Self.slot(key)
        filter[bit >> 6] |= 1 << UInt64(bit & 63)
        count += 1
    }

    mutating func remove(_ needle: ByteNeedle, index: Int) {
        let key = needle.bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        guard var bucket = buckets[key], let at = bucket.firstIndex(of: index) else { return }
        bucket.remove(at: at)
        buckets[key] = bucket.isEmpty ? nil : bucket
        count -= 1
    }

    /// The first position in `[from, to)` where a pattern accepted by `accept(index, offset)`
    /// starts and ends by `to`, with that pattern's index.
    func firstMatch(
        in base: UnsafeRawPointer, from: Int, to: Int, entries: [PrefilterPatterns.Entry],
        accept: (Int, Int) -> Bool
    ) -> (offset: Int, index: Int)? {
        guard to - from >= Self.keyLength else { return nil }
        var i = from
        let last = to - Self.keyLength
        while i <= last {
            let key = (base + i).loadUnaligned(as: UInt32.self)
            let bit = Self.slot(key)
            if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let bucket = buckets[key] {
                for index in bucket {
                    let needle = entries[index].needle
                    guard i + needle.count <= to else { continue }
                    let same = needle.bytes.withUnsafeBytes { memcmpEqual(base + i, $0) }
                    if same, accept(index, i) { return (i, index) }
                }
            }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private static func slot(_ key: UInt32) -> Int {
        Int((key &* 0x9E37_79B1) >> 16)
    }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    for k in 0..<b.count where a.load(fromByteOffset: k, as: UInt8.self) != b[k] { return false }
    return true
}
