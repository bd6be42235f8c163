import SmlogParse

/// Byte-level readers the trace needs on field values (queue ids in `stat=` texts, addresses,
/// recipient lists). They work on the line's bytes and allocate nothing.
enum TraceBytes {
    /// The queue id in a local MTA's answer `Sent (QID Message accepted for delivery)`.
    static func acceptedQueueID(_ stat: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard hasPrefix(stat, "Sent (") else { return nil }
        let end = tokenEnd(stat, from: 6)
        guard end - 6 >= 5, end < stat.count else { return nil }
        let rest = slice(stat, end + 1, stat.count)
        guard hasPrefix(rest, "Message accepted") else { return nil }
        return slice(stat, 6, end)
    }

    /// The next hop's queue id in a `Sent (…)` text: sendmail's `QID Message accepted …`,
    /// Postfix's `… queued as ID`, Exim's `OK id=ID`.
    static func downstreamQueueID(_ stat: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard hasPrefix(stat, "Sent") else { return nil }
        if let id = acceptedQueueID(stat) { return id }
        for marker: StaticString in ["queued as ", "OK id="] {
            if let start = find(marker, in: stat) {
                let end = tokenEnd(stat, from: start)
                if end > start { return slice(stat, start, end) }
            }
        }
        return nil
    }

    /// `<a@b>` → `a@b`; `Name <a@b>` → `a@b`; anything else trimmed of spaces.
    static func address(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == UInt8(ascii: " ") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
        if upper > lower, bytes[upper - 1] == UInt8(ascii: ">") {
            var i = upper - 2
            while i >= lower, bytes[i] != UInt8(ascii: "<") { i -= 1 }
            if i >= lower { return slice(bytes, i + 1, upper - 1) }
        }
        return slice(bytes, lower, upper)
    }

    /// A Message-ID without its angle brackets.
    static func messageID(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == UInt8(ascii: " ") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
        if upper - lower >= 2, bytes[lower] == UInt8(ascii: "<"), bytes[upper - 1] == UInt8(ascii: ">") {
            lower += 1
            upper -= 1
        }
        return slice(bytes, lower, upper)
    }

    /// Each element of a list value split on `separator` outside quotes and angle brackets
    /// (recipient lists, split ids), trimmed: the parse stage's own splitter.
    static func forEachElement(
        _ bytes: UnsafeRawBufferPointer, separator: UInt8, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        RecipientList.forEach(in: bytes, separator: separator, body)
    }

    static func equalIgnoringCase(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where lower(a[i]) != lower(b[i]) { return false }
        return true
    }

    static func equal(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    /// True when `needle` occurs in `bytes` as a whole token: not preceded or followed by a
    /// letter or digit (so a queue id does not match inside a longer one).
    static func containsToken(_ bytes: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0, bytes.count >= n else { return false }
        var i = 0
        while i <= bytes.count - n {
            if bytes[i] == needle[0] {
                var same = true
                for k in 1..<n where bytes[i + k] != needle[k] {
                    same = false
                    break
                }
                if same, i == 0 || !isAlnum(bytes[i - 1]), i + n == bytes.count || !isAlnum(bytes[i + n]) {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    static func slice(_ bytes: UnsafeRawBufferPointer, _ lower: Int, _ upper: Int) -> UnsafeRawBufferPointer {
        let lo = max(0, min(lower, bytes.count))
        let hi = max(lo, min(upper, bytes.count))
        return UnsafeRawBufferPointer(rebasing: bytes[lo..<hi])
    }

    static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let p = prefix.utf8Start
        for i in 0..<n where bytes[i] != p[i] { return false }
        return true
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    @inline(__always)
    static func isAlnum(_ b: UInt8) -> Bool {
        (b &- 0x30 < 10) || (b | 0x20) &- 0x61 < 26
    }

    /// Index just past the first occurrence of `marker`.
    private static func find(_ marker: StaticString, in bytes: UnsafeRawBufferPointer) -> Int? {
        let n = marker.utf8CodeUnitCount
        guard bytes.count >= n else { return nil }
        let p = marker.utf8Start
        outer: for i in 0...(bytes.count - n) {
            for j in 0..<n where bytes[i + j] != p[j] { continue outer }
            return i + n
        }
        return nil
    }

    private static func tokenEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: " "), bytes[end] != UInt8(ascii: ")"),
            bytes[end] != UInt8(ascii: ","), bytes[end] != UInt8(ascii: ";")
        { end += 1 }
        return end
    }
}
