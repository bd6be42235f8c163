/// Recognises sendmail queue ids of every version.
///
/// 8.7–8.9 `BAA26050` (3 letters, the 2nd and 3rd may be any of ``A-Z[\]^_`{|}~``, then a 5-digit
/// pid), 8.10/8.11 and Solaris `e6G2M7O04977`, 8.12+ `v9PCoLiO006667`, with 7- and 8-digit pids
/// `xA32R2PQ3529565`, `k1SN9pkK15806618`: 3 to 9 id characters, then 5 to 8 digits.
/// Other programs that write sendmail queue files (OpenEMM) use plain alphanumeric ids, which
/// are accepted only as a fallback when the rest of the line is a known sendmail message.
@usableFromInline
enum QueueIDShape {
    /// Characters sendmail's id generators can emit (`0-9`, `A` … `~`).
    @inlinable
    static func isIDByte(_ c: UInt8) -> Bool {
        ByteText.isDigit(c) || (c >= 0x41 && c <= 0x7E)
    }

    /// For eight bytes (little-endian word): the high bit of each byte that is no id byte, and
    /// the high bit of each digit. Exact for every byte (no carries cross bytes): each byte's low
    /// seven bits plus a constant set the high bit exactly when the byte is at least a bound.
    @inlinable @inline(__always)
    static func byteClasses(_ word: UInt64) -> (nonID: UInt64, digits: UInt64) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low = word & ~highs
        let ascii = ~word & highs
        let atLeast30 = low &+ ones &* 0x50
        let atLeast3A = low &+ ones &* 0x46
        let atLeast41 = low &+ ones &* 0x3F
        let atLeast7F = low &+ ones
        let digits = atLeast30 & ~atLeast3A & ascii
        let upper = atLeast41 & ~atLeast7F & ascii
        return (~(digits | upper) & highs, digits)
    }

    /// True for the shapes sendmail itself produces.
    @inlinable
    static func isStrict(_ text: ByteText, _ lower: Int, _ upper: Int) -> Bool {
        let length = upper - lower
        guard length >= 8, length <= 17 else { return false }
        var digits = 0
        var i = upper
        while i > lower, ByteText.isDigit(text[i - 1]) {
            digits += 1
            i -= 1
        }
        guard digits >= 5, length - min(digits, 8) <= 9 else { return false }
        for k in lower..<i where !isIDByte(text[k]) { return false }
        return true
    }

    /// `isStrict` for a token already known to hold only id bytes: `length` bytes, of which the
    /// last `trailingDigits` are digits.
    @inlinable @inline(__always)
    static func isStrictShape(length: Int, trailingDigits: Int) -> Bool {
        length >= 8 && length <= 17 && trailingDigits >= 5 && length - min(trailingDigits, 8) <= 9
    }

    /// True for an 8–20 character alphanumeric token (the fallback shape).
    @inlinable
    static func isFallback(_ text: ByteText, _ lower: Int, _ upper: Int) -> Bool {
        let length = upper - lower
        guard length >= 8, length <= 20 else { return false }
        for k in lower..<upper where !ByteText.isAlnum(text[k]) { return false }
        return true
    }

    /// Words that start no-id messages (`STARTTLS: …`, `runqueue: …`) and must never be
    /// taken for a fallback id.
    @inlinable
    static func isReservedWord(_ text: ByteText, _ lower: Int, _ upper: Int) -> Bool {
        switch upper - lower {
        case 8:
            return text.has("STARTTLS", at: lower) || text.has("runqueue", at: lower)
        case 9:
            return text.has("poststats", at: lower)
        default:
            return false
        }
    }
}
