/// Matches a message against a fixed shape such as `lost input channel from * to * after *`,
/// where `*` stands for any run of bytes (possibly empty) and everything else must match exactly.
///
/// The shapes mirror sendmail's own format strings (each `%s`/`%d` becomes `*`), which keeps the
/// list of understood lines close to the source. Earlier stars take the shortest run that lets the
/// rest match; a star at the end of the shape takes the rest of the text. Only the most recent
/// star is ever re-tried, so matching is linear in practice and never recursive.
@usableFromInline
struct ShapeCaptures {
    @usableFromInline static let capacity = 6
    @usableFromInline var bounds: InlineArray<12, Int32>
    @usableFromInline var count: Int

    @inlinable
    init() {
        bounds = InlineArray(repeating: 0)
        count = 0
    }

    /// The `k`-th star's byte range (`.empty` when the shape has fewer stars).
    @inlinable
    subscript(_ k: Int) -> ByteRange {
        guard k >= 0, k < count, k < ShapeCaptures.capacity else { return .empty }
        return ByteRange(Int(bounds[2 * k]), Int(bounds[2 * k + 1]))
    }

    @inlinable
    mutating func set(_ k: Int, start: Int, end: Int) {
        guard k < ShapeCaptures.capacity else { return }
        bounds[2 * k] = Int32(truncatingIfNeeded: start)
        bounds[2 * k + 1] = Int32(truncatingIfNeeded: end)
        if k >= count { count = k + 1 }
    }

    @inlinable
    mutating func setEnd(_ k: Int, _ end: Int) {
        guard k < ShapeCaptures.capacity else { return }
        bounds[2 * k + 1] = Int32(truncatingIfNeeded: end)
    }
}

extension ByteText {
    /// True when `from..<end` has the shape `shape`; star ranges go to `captures`.
    @usableFromInline
    func matches(_ shape: StaticString, from start: Int, captures: inout ShapeCaptures) -> Bool {
        let pattern = shape.utf8Start
        let n = shape.utf8CodeUnitCount
        let star: UInt8 = 0x2A
        captures.count = 0
        var p = 0
        var t = start
        // The literal text before the first star must match where it stands: compare it eight
        // bytes at a time (most shapes tried fail in their first word).
        if start >= 0 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let stars = ones &* UInt64(star)
            let raw = UnsafeRawPointer(pattern)
            while p + 8 <= n && t + 8 <= end {
                let expected = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self))
                let actual = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: t, as: UInt64.self))
                let x = expected ^ stars
                let starBytes = (x &- ones) & ~x & (ones &* 0x80)  // exact for the lowest star
                let difference = expected ^ actual
                if starBytes == 0 {
                    guard difference == 0 else { return false }
                    p += 8
                    t += 8
                    continue
                }
                let literalBytes = starBytes.trailingZeroBitCount >> 3
                let literalMask: UInt64 = literalBytes == 0 ? 0 : (1 << UInt64(literalBytes &* 8)) &- 1
                guard difference & literalMask == 0 else { return false }
                p += literalBytes
                t += literalBytes
                break
            }
        }
        var nextStar = 0          // number of the next star the pattern will meet
        var lastStarPattern = -1  // pattern index just after the star we may widen
        var lastStarNumber = -1
        var lastStarText = 0      // where that star's run currently ends
        while true {
            if p < n {
                let c = pattern[p]
                if c == star {
                    if p + 1 == n {
                        // A trailing star takes whatever is left.
                        captures.set(nextStar, start: t, end: end)
                        return true
                    }
                    captures.set(nextStar, start: t, end: t)
                    lastStarNumber = nextStar
                    nextStar += 1
                    p += 1
                    lastStarPattern = p
                    lastStarText = t
                    continue
                }
                if t < end && base[t] == c {
                    p += 1
                    t += 1
                    continue
                }
            } else if t == end {
                return true
            }
            // Mismatch (or text left over): widen the most recent star by one byte.
            guard lastStarPattern >= 0, lastStarText < end else { return false }
            lastStarText += 1
            captures.setEnd(lastStarNumber, lastStarText)
            t = lastStarText
            p = lastStarPattern
            nextStar = lastStarNumber + 1
        }
    }

    /// `matches` without captures.
    @usableFromInline
    func matches(_ shape: StaticString, from start: Int) -> Bool {
        var unused = ShapeCaptures()
        return matches(shape, from: start, captures: &unused)
    }
}
