/// Where a scan through a sendmail value stands with respect to quoting: inside `"…"` or not,
/// and how many `<…>` are open outside quotes. A separator ends a value only at the top level.
/// (A run of `\` hides the byte after it; the scanners skip those with `ByteText.afterEscape`.)
@usableFromInline
struct QuotingState {
    @usableFromInline var inQuote = false
    @usableFromInline var angleDepth = 0

    @inlinable init() {}

    /// Takes in `byte` (a quote or bracket changes the state); true when it is `separator`
    /// at the top level.
    @inlinable @inline(__always)
    mutating func isTopLevelSeparator(_ byte: UInt8, _ separator: UInt8) -> Bool {
        switch byte {
        case 0x22:
            inQuote.toggle()
        case 0x3C where !inQuote:
            angleDepth += 1
        case 0x3E where !inQuote:
            if angleDepth > 0 { angleDepth -= 1 }
        default:
            return byte == separator && !inQuote && angleDepth == 0
        }
        return false
    }

    /// True when a quote or bracket was left open (a value cut short).
    @inlinable
    var isUnbalanced: Bool { inQuote || angleDepth > 0 }
}

extension ByteText {
    /// The index after the run of backslashes at `i` and the byte the run hides.
    @inlinable @inline(__always)
    func afterEscape(at i: Int) -> Int {
        var k = i
        while k < end && base[k] == 0x5C { k += 1 }
        return k + 1
    }
}
