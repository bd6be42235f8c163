/// Read-only byte text with an exclusive end bound, for the message parsers.
///
/// Every accessor checks its index against `end` (never against the buffer's own count only),
/// so a parser can be handed a line cut anywhere and still never read past the message.
@usableFromInline
struct ByteText {
    @usableFromInline let base: UnsafeRawBufferPointer
    /// Exclusive end of the text; never larger than `base.count`.
    @usableFromInline let end: Int

    @inlinable
    init(_ base: UnsafeRawBufferPointer, end: Int) {
        self.base = base
        self.end = max(0, min(end, base.count))
    }

    /// The byte at `i`, or 0 when `i` is outside the text (0 never occurs in sendmail text).
    @inlinable @inline(__always)
    subscript(_ i: Int) -> UInt8 {
        i >= 0 && i < end ? base[i] : 0
    }

    /// True when the bytes at `i` spell `literal`.
    @inlinable @inline(__always)
    func has(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, n <= end - i else { return false }
        let p = literal.utf8Start
        if n <= 8 && i + 8 <= base.count {
            // One masked 8-byte compare instead of a byte loop; the literal's word folds to a
            // constant. Bytes past the literal (inside the buffer) are masked off.
            let mask: UInt64 = n == 8 ? ~0 : (1 << UInt64(truncatingIfNeeded: n &* 8)) &- 1
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            return word & mask == ByteText.literalWord(p, n)
        }
        if n >= 8 && n <= 16 && i + n <= base.count {
            // Two (overlapping) 8-byte compares: the first and the last eight bytes.
            let head = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let tail = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i + n - 8, as: UInt64.self))
            return head == ByteText.literalWord(p, 8) && tail == ByteText.literalWord(p + (n - 8), 8)
        }
        return hasLong(literal, at: i)
    }

    /// `has` for literals of more than 16 bytes or near the buffer's end (kept out of line so
    /// that `has` itself stays small enough to inline). Word by word where the buffer allows, the
    /// last word overlapping: a byte loop cost ~8 instructions per byte of
    /// ` Message accepted for delivery`, `tls_clt_features=`, ….
    @usableFromInline
    func hasLong(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, n <= end - i else { return false }
        let p = literal.utf8Start
        if n > 16 && i + n <= base.count {
            let words = UnsafeRawPointer(p)
            var k = 0
            while k + 8 < n {
                if base.loadUnaligned(fromByteOffset: i + k, as: UInt64.self)
                    != words.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
                k += 8
            }
            return base.loadUnaligned(fromByteOffset: i + n - 8, as: UInt64.self)
                == words.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        var k = 0
        while k < n {
            if base[i + k] != p[k] { return false }
            k += 1
        }
        return true
    }

    /// The first `n` (at most 8) bytes of a literal as a little-endian word.
    @inlinable @inline(__always)
    static func literalWord(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var word: UInt64 = 0
        var k = 0
        while k < n && k < 8 {
            word |= UInt64(p[k]) << UInt64(truncatingIfNeeded: k &* 8)
            k += 1
        }
        return word
    }

    /// Like `has`, but ASCII letters compare without case.
    @inlinable
    func hasIgnoringCase(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, n <= end - i else { return false }
        let p = literal.utf8Start
        var k = 0
        while k < n {
            if ByteText.lower(base[i + k]) != ByteText.lower(p[k]) { return false }
            k += 1
        }
        return true
    }

    @inlinable
    static func lower(_ c: UInt8) -> UInt8 {
        c >= 0x41 && c <= 0x5A ? c | 0x20 : c
    }

    /// True when the text from `i` to the end is exactly `literal`.
    @inlinable
    func isExactly(_ literal: StaticString, from i: Int) -> Bool {
        end - i == literal.utf8CodeUnitCount && has(literal, at: i)
    }

    /// First index in `from..<limit` holding `byte`; eight bytes at a time (a byte loop cost
    /// ~8 instructions per byte of a peer's `host [ip]`).
    @inlinable
    func index(of byte: UInt8, from: Int, to limit: Int? = nil) -> Int? {
        let stop = min(limit ?? end, end)
        var i = max(from, 0)
        guard i < stop, let p = base.baseAddress else { return nil }
        let pattern = 0x0101_0101_0101_0101 &* UInt64(byte)
        while i &+ 8 <= stop {
            let found = Self.exactZeroBytes(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern)
            if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < stop {
            if p.load(fromByteOffset: i, as: UInt8.self) == byte { return i }
            i &+= 1
        }
        return nil
    }

    /// Last index in `lower..<upper` holding `byte`; eight bytes at a time from the end.
    @inlinable
    func lastIndex(of byte: UInt8, from lower: Int, to upper: Int) -> Int? {
        var i = min(upper, end)
        guard lower >= 0, let p = base.baseAddress else { return lastIndexByBytes(of: byte, from: lower, to: upper) }
        let pattern = 0x0101_0101_0101_0101 &* UInt64(byte)
        while i &- lower >= 8 {
            let found = Self.exactZeroBytes(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i &- 8, as: UInt64.self)) ^ pattern)
            if found != 0 { return i &- 8 &+ (63 &- found.leadingZeroBitCount) &>> 3 }
            i &-= 8
        }
        while i > lower {
            i &-= 1
            if p.load(fromByteOffset: i, as: UInt8.self) == byte { return i }
        }
        return nil
    }

    /// `lastIndex` one byte at a time (for ranges that start before the text).
    @usableFromInline
    func lastIndexByBytes(of byte: UInt8, from lower: Int, to upper: Int) -> Int? {
        var i = upper - 1
        while i >= lower {
            if self[i] == byte { return i }
            i -= 1
        }
        return nil
    }

    /// The high bit of each byte of `x` that is zero; exact for every byte (no borrows cross
    /// bytes), so the lowest and the highest one found are real matches.
    @inlinable @inline(__always)
    static func exactZeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x) & 0x8080_8080_8080_8080
    }

    /// Start of the first occurrence of `literal` that lies entirely inside `from..<limit`.
    @inlinable
    func find(_ literal: StaticString, from: Int, to limit: Int? = nil) -> Int? {
        let n = literal.utf8CodeUnitCount
        let stop = min(limit ?? end, end)
        guard n > 0 else { return from <= stop ? from : nil }
        let first = literal.utf8Start[0]
        var i = max(from, 0)
        // Candidates (bytes equal to the literal's first) are found eight bytes at a time; most
        // searches run to the end of the line without one.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = ones &* UInt64(first)
        while i + 8 <= stop {
            let x = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
            let found = (x &- ones) & ~x & (ones &* 0x80)  // exact for the lowest match
            if found == 0 {
                i += 8
                continue
            }
            let candidate = i + found.trailingZeroBitCount >> 3
            if candidate + n > stop { return nil }
            if has(literal, at: candidate) { return candidate }
            i = candidate + 1
        }
        while i + n <= stop {
            if base[i] == first && has(literal, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Start of the last occurrence of `literal` that lies entirely inside `from..<limit`.
    @inlinable
    func findLast(_ literal: StaticString, from: Int, to limit: Int? = nil) -> Int? {
        let n = literal.utf8CodeUnitCount
        let stop = min(limit ?? end, end)
        var i = stop - n
        let lowest = max(from, 0)
        while i >= lowest {
            if has(literal, at: i) { return i }
            i -= 1
        }
        return nil
    }

    /// `i` moved past spaces.
    @inlinable
    func skipSpaces(_ i: Int) -> Int {
        var j = i
        while j < end && base[j] == 0x20 { j += 1 }
        return j
    }

    /// `upper` moved back over trailing spaces, tabs and CRs, not below `lower`.
    @inlinable
    func trimTrailing(_ lower: Int, _ upper: Int) -> Int {
        var j = min(upper, end)
        while j > lower {
            let c = base[j - 1]
            if c != 0x20 && c != 0x09 && c != 0x0D { break }
            j -= 1
        }
        return j
    }

    /// Number of ASCII digits starting at `i`.
    @inlinable
    func digitRun(at i: Int) -> Int {
        var j = i
        while j < end, ByteText.isDigit(base[j]) { j += 1 }
        return j - i
    }

    @inlinable @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    @inlinable @inline(__always)
    static func isAlnum(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20) &- 0x61 < 26
    }

    /// Characters of a `key` in `key=value` (letters, digits, `_`, `-`).
    @inlinable @inline(__always)
    static func isKeyByte(_ c: UInt8) -> Bool {
        // One bit per byte value 0...127 (two words) instead of four range tests.
        let low: UInt64 = (1 << 0x2D) | (0x3FF << 0x30)                     // '-', '0'...'9'
        let high: UInt64 = (0x3FF_FFFF << 1) | (1 << 0x1F) | (0x3FF_FFFF << 0x21)  // 'A'...'Z', '_', 'a'...'z'
        let bits = c < 64 ? low : high
        return c < 128 && (bits >> UInt64(c & 63)) & 1 != 0
    }
}
