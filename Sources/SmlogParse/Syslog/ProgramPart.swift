/// The part of a line after the timestamp: host, program tag, pid and message.
struct ProgramPart {
    var host: ByteRange
    var tag: ByteRange
    var pid: Int32 = -1
    var message: ByteRange
    var repeatCount: Int32 = 0

    /// Reads `[<fac.pri>] host [fac:pri|fac.pri] tag[pid]: message` from `index` (the first
    /// byte after the timestamp's spaces), or `host last message repeated N times`. The host
    /// is left empty when the first token is already a tag (Solaris raw UDP has none).
    @inline(__always)
    static func readTraditional(
        _ b: HeaderBytes, at index: Int, cache: inout ProgramPrefixCache
    ) -> ProgramPart? {
        if cache.key.matches(b.base, at: index) {
            // Same `host tag` bytes as the last regular line: only pid and message are left to read.
            let (part, isRegular) = finishTag(
                b, tagStart: index + cache.tagOffset, nameEnd: index + cache.key.length - 1,
                host: ByteRange(index, index + cache.hostLength))
            if isRegular { return part }
        }
        return readTraditionalFully(b, at: index, cache: &cache)
    }

    /// `readTraditional` without the prefix cache (kept out of line: most lines never get here).
    @inline(never)
    private static func readTraditionalFully(
        _ b: HeaderBytes, at index: Int, cache: inout ProgramPrefixCache
    ) -> ProgramPart? {
        var i = index
        // FreeBSD `syslogd -v`: `<mail.info>` or `<2.6>` before the host.
        if b[i] == ASCII.less {
            var close = i + 1
            while close < b.count && close - i < 32 && b[close] != ASCII.greater && b[close] != ASCII.space {
                close += 1
            }
            guard b[close] == ASCII.greater else { return nil }
            i = b.skipSpaces(close + 1)
        }
        guard i < b.count else { return nil }

        let firstEnd = b.tokenEnd(i)
        guard !isTagToken(b, from: i, to: firstEnd) else {
            return readTag(b, at: i, host: ByteRange(i, i)).part
        }
        let host = ByteRange(i, firstEnd)
        i = b.skipSpaces(firstEnd)
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "l"), let count = bsdRepeatCount(b, at: i) {
            return ProgramPart(host: host, tag: .empty, message: ByteRange(b.count, b.count), repeatCount: count)
        }
        let (part, isRegular) = readTag(b, at: i, host: host)
        if isRegular {
            if let part, b[index] != ASCII.less {
                cache.remember(b, start: index, host: host, tag: part.tag)
            }
            return part
        }
        // AIX `mail:info` / BusyBox `mail.info` between host and tag.
        let tokenEnd = b.tokenEnd(i)
        if isFacilityToken(b, from: i, to: tokenEnd) {
            let next = b.skipSpaces(tokenEnd)
            if isTagToken(b, from: next, to: b.tokenEnd(next)) {
                return readTag(b, at: next, host: host).part
            }
        }
        return part
    }

    /// Reads `tag[pid]: message` leniently: the pid and the colon may be missing.
    /// `isRegular` tells whether the tag ended in `:` followed by a space or the line's end.
    private static func readTag(
        _ b: HeaderBytes, at index: Int, host: ByteRange
    ) -> (part: ProgramPart?, isRegular: Bool) {
        var i = index
        while i < b.count {
            let c = b.inBounds(i)
            // Lowercase letters, the bulk of tags, lie above every delimiter ('[' is 0x5B).
            if c > ASCII.openBracket { i += 1; continue }
            if c == ASCII.space || c == ASCII.openBracket || c == ASCII.colon { break }
            i += 1
        }
        guard i > index else { return (nil, false) }
        let (part, isRegular) = finishTag(b, tagStart: index, nameEnd: i, host: host)
        return (part, isRegular)
    }

    /// Reads what follows a tag name that ends at `nameEnd`: `[pid]`, the colon and the message.
    @inline(__always)
    private static func finishTag(
        _ b: HeaderBytes, tagStart: Int, nameEnd: Int, host: ByteRange
    ) -> (part: ProgramPart, isRegular: Bool) {
        var i = nameEnd
        var part = ProgramPart(host: host, tag: ByteRange(tagStart, nameEnd), message: .empty)
        if b[i] == ASCII.openBracket {
            // Up to 10 digits, bounded once (b[i] is in the line, so i + 1 <= count).
            let limit = min(b.count, i + 11)
            var end = i + 1
            var value = 0
            while end < limit {
                let digit = Int(b.inBounds(end) &- ASCII.zero)
                guard digit < 10 else { break }
                value = value &* 10 &+ digit
                end += 1
            }
            if end > i + 1 && b[end] == ASCII.closeBracket && value <= Int(Int32.max) {
                part.pid = Int32(value)
                i = end + 1
            } else {
                while i < b.count && b[i] != ASCII.closeBracket && b[i] != ASCII.space { i += 1 }
                if b[i] == ASCII.closeBracket { i += 1 }
            }
        }
        var isRegular = false
        if b[i] == ASCII.colon {
            i += 1
            isRegular = i == b.count || b[i] == ASCII.space
        }
        part.setMessage(b, from: b.skipSpaces(i))
        return (part, isRegular)
    }

    /// Sets the message from `start` to the end of the line, unwrapping rsyslog's
    /// `message repeated N times: [ text]` and skipping a Solaris `[ID n fac.pri]` token.
    @inline(__always)
    mutating func setMessage(_ b: HeaderBytes, from start: Int) {
        var start = start
        var end = b.count
        let first = b[start]
        guard first == UInt8(ascii: "m") || first == ASCII.openBracket else {
            message = ByteRange(start, end)
            return
        }
        if b[start] == UInt8(ascii: "m"), b.matches("message repeated ", at: start) {
            let (count, numberEnd) = b.unsignedNumber(start + 17, maxDigits: 9)
            if numberEnd > start + 17, b.matches(" times: [", at: numberEnd) {
                repeatCount = Int32(count)
                start = numberEnd + 9
                if b[start] == ASCII.space { start += 1 }
                if b[end - 1] == ASCII.closeBracket && end - 1 >= start { end -= 1 }
            }
        }
        if b[start] == ASCII.openBracket, b.matches("[ID ", at: start) {
            var close = start + 4
            while close < end && close - start < 64 && b[close] != ASCII.closeBracket { close += 1 }
            if b[close] == ASCII.closeBracket && close < end {
                start = min(b.skipSpaces(close + 1), end)
            }
        }
        message = ByteRange(start, end)
    }

    /// True when the token `start..<end` is `name:` or `name[...]:`, where the name has no
    /// colon (so `::ffff:10.1.2.3` or `fe80::1` stay host names).
    private static func isTagToken(_ b: HeaderBytes, from start: Int, to end: Int) -> Bool {
        guard end - start >= 2, b[end - 1] == ASCII.colon else { return false }
        var i = start
        while i < end {
            let c = b.inBounds(i)
            if c == ASCII.openBracket || c == ASCII.colon { break }
            i += 1
        }
        guard i > start else { return false }
        return i == end - 1 || (b[i] == ASCII.openBracket && b[end - 2] == ASCII.closeBracket)
    }

    /// True for a facility/priority token such as `mail.info`, `mail:info` or
    /// `auth|security:info`: lowercase names (with `|` aliases), one `.` or `:`, a priority.
    private static func isFacilityToken(_ b: HeaderBytes, from start: Int, to end: Int) -> Bool {
        var separator = -1
        for i in start..<max(start, end) {
            let c = b[i]
            if c == ASCII.dot || c == ASCII.colon {
                guard separator < 0 else { return false }
                separator = i
            } else if !(ASCII.isLowerLetter(c) || ASCII.isDigit(c) || c == ASCII.pipe || c == ASCII.asterisk) {
                return false
            }
        }
        return separator > start && separator < end - 1
    }

    /// N of `last message repeated N times` at `index` (BSD/sysklogd, no tag), or nil.
    private static func bsdRepeatCount(_ b: HeaderBytes, at index: Int) -> Int32? {
        guard b[index] == UInt8(ascii: "l"), b.matches("last message repeated ", at: index) else { return nil }
        let (count, end) = b.unsignedNumber(index + 22, maxDigits: 9)
        guard end > index + 22, b.matches(" times", at: end), b.skipSpaces(end + 6) == b.count else { return nil }
        return Int32(count)
    }
}

/// The `host tag` bytes of the last line whose program part was read the regular way
/// (`host tag[pid]: message`), from the host's first byte to the byte that ends the tag name.
///
/// The host token, the tag name and the checks made on them depend on these bytes only, so a
/// line that repeats them at the same place has the same host and tag (lines of one host and
/// program do, one after another); pid and message are still read from each line.
struct ProgramPrefixCache {
    var key = BytePrefixKey()
    /// Host length and tag start, relative to the first byte of the key.
    var hostLength = 0
    var tagOffset = 0

    /// Keeps the prefix of a line read the regular way. A tag starting with `l` is not kept: the
    /// full read first tries `last message repeated` there, which looks past the tag.
    mutating func remember(_ b: HeaderBytes, start: Int, host: ByteRange, tag: ByteRange) {
        let tagStart = Int(tag.lower), nameEnd = Int(tag.upper)
        guard nameEnd < b.count, b[tagStart] != UInt8(ascii: "l"), Int(host.lower) == start else {
            key.clear()
            return
        }
        key.store(b.base, at: start, length: nameEnd - start + 1)
        hostLength = Int(host.upper) - start
        tagOffset = tagStart - start
    }
}
