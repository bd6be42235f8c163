import Glibc

/// One byte string the prefilter looks for: exact, or ignoring ASCII case (addresses).
///
/// Exact needles go to the C library's `memmem` (vectorised in glibc); case-insensitive ones
/// (and exact ones where no `memmem` exists) jump with `memchr` from one occurrence of the
/// needle's rarest-looking byte to the next and compare around it.
struct ByteNeedle {
    /// For a case-insensitive needle, lowercased.
    let bytes: [UInt8]
    let caseInsensitive: Bool
    /// The byte `memchr` jumps to, and where it sits in the needle.
    private let anchorIndex: Int
    private let anchorLower: UInt8
    private let anchorUpper: UInt8

    init(_ bytes: [UInt8], caseInsensitive: Bool) {
        self.caseInsensitive = caseInsensitive
        self.bytes = caseInsensitive ? bytes.map(ASCIIFold.lower) : bytes
        var best = 0
        var bestRank = Int.max
        for (index, byte) in self.bytes.enumerated() {
            let rank = ByteRarity.rank(byte, caseInsensitive: caseInsensitive)
            if rank < bestRank {
                best = index
                bestRank = rank
            }
        }
        anchorIndex = best
        let anchor = self.bytes.isEmpty ? 0 : self.bytes[best]
        anchorLower = anchor
        anchorUpper = caseInsensitive ? ASCIIFold.upper(anchor) : anchor
    }

    var count: Int { bytes.count }

    /// Offset of the first occurrence that starts in `[from, to)` and ends by `to`, or nil.
    func firstMatch(in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let n = bytes.count
        guard n > 0, from >= 0, to - from >= n else { return nil }
        if !caseInsensitive, let memmem = CMemmem.function {
            return bytes.withUnsafeBytes { needle -> Int? in
                guard let found = memmem(base + from, to - from, needle.baseAddress, n) else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
        }
        return anchoredMatch(in: base, from: from, to: to)
    }

    /// `memchr` to each anchor byte (both cases when folding), then compare the whole needle.
    private func anchoredMatch(in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let n = bytes.count
        let lastStart = to - n
        var nextLower = -1
        var nextUpper = anchorLower == anchorUpper ? Int.max : -1
        var searchFrom = from + anchorIndex
        let anchorLimit = lastStart + anchorIndex + 1
        return bytes.withUnsafeBytes { needle -> Int? in
            while searchFrom < anchorLimit {
                if nextLower < searchFrom {
                    nextLower = Self.find(anchorLower, base, searchFrom, anchorLimit)
                }
                if nextUpper < searchFrom {
                    nextUpper = Self.find(anchorUpper, base, searchFrom, anchorLimit)
                }
                let anchorAt = min(nextLower, nextUpper)
                if anchorAt == Int.max { return nil }
                let start = anchorAt - anchorIndex
                if equals(needle, at: base + start) { return start }
                searchFrom = anchorAt + 1
            }
            return nil
        }
    }

    private static func find(_ byte: UInt8, _ base: UnsafeRawPointer, _ from: Int, _ to: Int) -> Int {
        guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return Int.max }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    private func equals(_ needle: UnsafeRawBufferPointer, at candidate: UnsafeRawPointer) -> Bool {
        if !caseInsensitive, let expected = needle.baseAddress {
            return memcmp(candidate, expected, needle.count) == 0
        }
        for i in 0..<needle.count where ASCIIFold.lower(candidate.load(fromByteOffset: i, as: UInt8.self)) != needle[i] {
            return false
        }
        return true
    }
}

/// ASCII-only case folding (addresses are compared this way; other bytes stay as they are).
enum ASCIIFold {
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
    @inline(__always)
    static func upper(_ b: UInt8) -> UInt8 { b &- 0x61 < 26 ? b & ~0x20 : b }
}

/// A rough idea of how often a byte occurs in mail log text, to pick the byte `memchr` jumps to:
/// the rarer it is, the fewer false stops.
enum ByteRarity {
    static func rank(_ b: UInt8, caseInsensitive: Bool) -> Int {
        switch b {
        case 0x80...: return 0
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return caseInsensitive ? rank(b | 0x20, caseInsensitive: true) + 1 : 2
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            switch b {
            case UInt8(ascii: "j"), UInt8(ascii: "q"), UInt8(ascii: "x"), UInt8(ascii: "z"): return 3
            case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "k"),
                UInt8(ascii: "v"), UInt8(ascii: "w"), UInt8(ascii: "y"): return 4
            case UInt8(ascii: "c"), UInt8(ascii: "h"), UInt8(ascii: "p"), UInt8(ascii: "u"): return 5
            default: return 6
            }
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 7
        case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "="),
            UInt8(ascii: ":"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"):
            return 8
        default: return 1
        }
    }
}

/// glibc's `memmem`, looked up at run time: Swift does not see the declaration, which glibc
/// only makes with `_GNU_SOURCE`. Nil where the C library has none (then `ByteNeedle` uses
/// its own search).
enum CMemmem {
    typealias Function = @convention(c) (UnsafeRawPointer?, Int, UnsafeRawPointer?, Int) -> UnsafeMutableRawPointer?

    static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "memmem") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
}
