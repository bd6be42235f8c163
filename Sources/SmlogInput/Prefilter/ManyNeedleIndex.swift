/// Finds any of many exact patterns in one pass, for when there are too many to search for one
/// by one (an address trace collects the queue ids of every message from or to it).
///
/// Eight-byte pieces of the patterns are indexed, and the scan looks at every `stride`-th
/// position only: with patterns at least `stride + 7` bytes long, every occurrence contains a
/// probed position whose eight bytes are one of its first `stride` pieces (a 14-character
/// sendmail queue id gives a stride of 7). A probe loads eight bytes and tests a 256 Ki-bit
/// filter (32 KiB, sparse even with thousands of patterns); only on a hit are the pieces looked
/// up and whole patterns compared. Eight bytes of a queue id are its creation second plus a
/// sequence pair, so ids of other messages rarely share a piece. The cost is a fraction of a
/// pass over the bytes, whatever the number of patterns.
struct ManyNeedleIndex {
    static let pieceLength = 8

    /// (pattern index into `PrefilterPatterns.entries`, offset of the piece in the pattern).
    private var pieces: [UInt64: [(index: Int, offset: Int)]] = [:]
    private var filter = [UInt64](repeating: 0, count: 1 << 12)
    private(set) var count = 0
    /// Never grows, so pieces indexed before a shorter pattern came stay enough.
    private(set) var stride = Int.max

    static func canHold(_ needle: ByteNeedle) -> Bool {
        !needle.caseInsensitive && needle.count >= pieceLength
    }

    mutating func insert(_ needle: ByteNeedle, index: Int) {
        stride = min(stride, needle.count - Self.pieceLength + 1)
        needle.bytes.withUnsafeBytes { raw in
            guard let bytes = raw.baseAddress, raw.count >= Self.pieceLength else { return }
            for offset in 0..<stride {
                let piece = (bytes + offset).loadUnaligned(as: UInt64.self)
                pieces[piece, default: []].append((index, offset))
                let bit = Self.slot(piece)
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        count += 1
    }

    mutating func remove(_ needle: ByteNeedle, index: Int) {
        needle.bytes.withUnsafeBytes { raw in
            guard let bytes = raw.baseAddress, raw.count >= Self.pieceLength else { return }
            for offset in 0...(raw.count - Self.pieceLength) {
                let piece = (bytes + offset).loadUnaligned(as: UInt64.self)
                guard var list = pieces[piece] else { continue }
                list.removeAll { $0.index == index }
                pieces[piece] = list.isEmpty ? nil : list
            }
        }
        count -= 1
    }

    /// The first position in `[from, to)` where a pattern accepted by `accept(index, offset)`
    /// starts and ends by `to`, with that pattern's index.
    func firstMatch(
        in base: UnsafeRawPointer, from: Int, to: Int, entries: [PrefilterPatterns.Entry],
        accept: (Int, Int) -> Bool
    ) -> (offset: Int, index: Int)? {
        guard count > 0, stride < Int.max else { return nil }
        var best: (offset: Int, index: Int)?
        var probe = from
        while let hit = nextProbe(in: base, from: probe, to: to) {
            // An earlier occurrence is seen at most `stride - 1` probes' worth after its start.
            if let found = best, hit > found.offset + stride - 1 { break }
            let piece = (base + hit).loadUnaligned(as: UInt64.self)
            for (index, offset) in pieces[piece] ?? [] {
                let start = hit - offset
                let needle = entries[index].needle
                guard start >= from, start + needle.count <= to, best.map({ start < $0.offset }) ?? true else { continue }
                let same = needle.bytes.withUnsafeBytes { equal(base + start, $0) }
                if same, accept(index, start) { best = (start, index) }
            }
            probe = hit + stride
        }
        return best
    }

    /// The next probed position (from `from` in steps of `stride`) whose piece passes the
    /// filter.
    private func nextProbe(in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let last = to - Self.pieceLength
        guard from <= last else { return nil }
        let step = stride
        return filter.withUnsafeBufferPointer { words -> Int? in
            guard let bits = words.baseAddress else { return nil }
            var i = from
            while i <= last {
                let bit = Self.slot((base + i).loadUnaligned(as: UInt64.self))
                if bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { return i }
                i += step
            }
            return nil
        }
    }

    /// 18 bits of a multiplicative hash: always below 2^18, so `slot >> 6` indexes the filter.
    @inline(__always)
    private static func slot(_ piece: UInt64) -> Int {
        Int(truncatingIfNeeded: (piece &* 0x9E37_79B9_7F4A_7C15) >> 46)
    }

    private func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        for k in 0..<b.count where a.load(fromByteOffset: k, as: UInt8.self) != b[k] { return false }
        return true
    }
}
