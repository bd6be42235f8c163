/// Splits sendmail's description of an SMTP peer (`$_` / CurSmtpClient):
/// `host [1.2.3.4]`, `[1.2.3.4]`, `host [IPv6:2001:db8::1] (may be forged)`, `ident@host [ip]`,
/// `[1.2.3.4] [1.2.3.4]`, a bare `host`, or ` [ip]` with an empty host.
@usableFromInline
struct ClientSpec {
    /// The host part as written (may be empty, may itself be `[ip]`).
    @usableFromInline var host: ByteRange
    /// The text inside the last `[…]`, without the brackets (empty when there is none).
    @usableFromInline var address: ByteRange

    /// Parses `lower..<upper`; nil when the text cannot be a peer description
    /// (it contains spaces other than before `[ip]` and `(may be forged)`).
    @usableFromInline
    static func parse(_ t: ByteText, _ lower: Int, _ upper: Int) -> ClientSpec? {
        var lo = t.skipSpaces(lower)
        var hi = t.trimTrailing(lo, upper)
        guard lo < hi else { return nil }
        let forgedCount = 16  // " (may be forged)"
        if hi - lo >= forgedCount, t.has(" (may be forged)", at: hi - forgedCount) {
            hi -= forgedCount
        }
        var address = ByteRange.empty
        var hostEnd = hi
        if t[hi - 1] == 0x5D, let open = lastIndex(of: 0x5B, in: t, lo, hi - 1) {
            // "[ip]" must be the whole text or follow a space.
            if open == lo || t[open - 1] == 0x20 {
                address = ByteRange(open + 1, hi - 1)
                hostEnd = open == lo ? open : open - 1
            }
        }
        lo = min(lo, hostEnd)
        // The host itself never contains spaces.
        if hasByte(0x20, in: t, lo, hostEnd) { return nil }
        guard hostEnd > lo || !address.isEmpty else { return nil }
        return ClientSpec(host: ByteRange(lo, hostEnd), address: address)
    }

    /// Last index in `lower..<upper` holding `byte`; eight bytes at a time from the end (a
    /// byte loop cost ~8 instructions per byte of `host [ip]`).
    @inlinable
    static func lastIndex(of byte: UInt8, in t: ByteText, _ lower: Int, _ upper: Int) -> Int? {
        var i = min(upper, t.end)
        guard lower >= 0, let p = t.base.baseAddress else { return lastIndexByBytes(of: byte, in: t, lower, upper) }
        let pattern = 0x0101_0101_0101_0101 &* UInt64(byte)
        while i &- lower >= 8 {
            let found = exactZeroBytes(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i &- 8, as: UInt64.self)) ^ pattern)
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
    static func lastIndexByBytes(of byte: UInt8, in t: ByteText, _ lower: Int, _ upper: Int) -> Int? {
        var i = upper - 1
        while i >= lower {
            if t[i] == byte { return i }
            i -= 1
        }
        return nil
    }

    /// True when `byte` occurs in `lower..<upper` (within the text), eight bytes at a time.
    @inlinable
    static func hasByte(_ byte: UInt8, in t: ByteText, _ lower: Int, _ upper: Int) -> Bool {
        let stop = min(upper, t.end)
        var i = max(lower, 0)
        guard i < stop, let p = t.base.baseAddress else { return false }
        let pattern = 0x0101_0101_0101_0101 &* UInt64(byte)
        while i &+ 8 <= stop {
            if exactZeroBytes(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern) != 0 {
                return true
            }
            i &+= 8
        }
        while i < stop {
            if p.load(fromByteOffset: i, as: UInt8.self) == byte { return true }
            i &+= 1
        }
        return false
    }

    /// The high bit of each byte of `x` that is zero; exact for every byte (no borrows cross
    /// bytes), so the highest one found is a real match too.
    @inlinable @inline(__always)
    static func exactZeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x) & 0x8080_8080_8080_8080
    }
}
