/// Reads the remote server's reply that sendmail keeps in a successful `stat=Sent (…)`.
///
/// The reply often names the queue id the next MTA gave the message, which links the hop to
/// that MTA's own log lines: sendmail `Sent (QID Message accepted for delivery)`, Postfix
/// `Sent (Ok: queued as ID)`, Exim `Sent (OK id=ID)`, qmail-style `Sent (ok:  Message N accepted)`.
/// Replies that carry no clear id (Gmail `OK 1352754085 j9si…`, Exchange `<msgid> [InternalId=…]
/// Queued mail for delivery`, plain `Sent`) give nil.
public enum SentReply {
    /// The downstream queue id inside `stat` (a `stat=` field range of `line`), or nil.
    public static func downstreamQueueID(inStat stat: ByteRange, of line: LineBytes) -> ByteRange? {
        guard let inner = replyText(stat, line) else { return nil }
        let t = ByteText(line.base, end: inner.upper)
        let lo = inner.lower
        // Postfix's own wording first (the commonest reply): neither the sendmail form below nor
        // an earlier "queued as " can match it, so this is what the searches would find
        // (~300 instructions less per reply).
        if t.has("Ok: queued", at: lo), t.has(" as ", at: lo + 10) {
            return token(t, from: lo + 14)
        }
        // sendmail: "QID Message accepted for delivery". The run of id bytes from `lo` reaches
        // the first space when the id is one; otherwise the first space is searched as before.
        let runEnd = idRunEnd(t, from: lo, limit: t.end)
        if t[runEnd] == 0x20 {
            if t.isExactly(" Message accepted for delivery", from: runEnd) {
                return hasIDLength(lo, runEnd) ? ByteRange(lo, runEnd) : nil
            }
        } else if let space = t.index(of: 0x20, from: runEnd), t.isExactly(" Message accepted for delivery", from: space) {
            return nil  // bytes before the space that no id has
        }
        // Postfix: "... queued as ID"
        if let at = findIgnoringCase(t, "queued as ", from: lo) {
            return token(t, from: at + 10)
        }
        // Exim: "OK id=ID"
        if t.hasIgnoringCase("OK id=", at: lo) {
            return token(t, from: lo + 6)
        }
        // qmail-style: "ok:  Message N accepted"
        if t.hasIgnoringCase("ok:", at: lo) {
            let m = t.skipSpaces(lo + 3)
            if t.has("Message ", at: m), let id = token(t, from: m + 8), t.has(" accepted", at: Int(id.upper)) {
                return id
            }
        }
        return nil
    }

    /// True when `stat` is sendmail's acceptance reply `Sent (QID Message accepted for delivery)`,
    /// the form an MSP logs when it hands a message to the local MTA.
    public static func isSendmailHandOff(stat: ByteRange, of line: LineBytes) -> Bool {
        guard let inner = replyText(stat, line) else { return false }
        let t = ByteText(line.base, end: inner.upper)
        // The id runs up to the first space, or the first space follows a byte no id has.
        let runEnd = idRunEnd(t, from: inner.lower, limit: t.end)
        return t[runEnd] == 0x20 && t.isExactly(" Message accepted for delivery", from: runEnd)
            && hasIDLength(inner.lower, runEnd)
    }

    /// The text between `Sent (` and the final `)`.
    static func replyText(_ stat: ByteRange, _ line: LineBytes) -> (lower: Int, upper: Int)? {
        let lower = Int(stat.lower)
        let upper = Int(stat.upper)
        guard lower >= 0, upper <= line.count, upper - lower >= 8 else { return nil }
        let t = ByteText(line.base, end: upper)
        guard t.has("Sent (", at: lower), t[upper - 1] == UInt8(ascii: ")") else { return nil }
        return (lower + 6, upper - 1)
    }

    /// An id-like token: 5 to 40 characters of letters, digits, `-`, `_`, `.`.
    static func isIDToken(_ t: ByteText, _ lower: Int, _ upper: Int) -> Bool {
        guard hasIDLength(lower, upper), lower >= 0, upper <= t.end else { return false }
        return idRunEnd(t, from: lower, limit: upper) == upper
    }

    @inline(__always)
    static func hasIDLength(_ lower: Int, _ upper: Int) -> Bool {
        upper &- lower >= 5 && upper &- lower <= 40
    }

    /// The id-like token starting at `start` (ends at a space, `,`, `;` or the end), or nil.
    static func token(_ t: ByteText, from start: Int) -> ByteRange? {
        guard start >= 0 else { return nil }
        // The token is an id when its first byte that no id has is its end.
        let i = idRunEnd(t, from: start, limit: t.end)
        if i < t.end {
            let c = t.base[i]
            guard c == 0x20 || c == UInt8(ascii: ",") || c == UInt8(ascii: ";") else { return nil }
        }
        // A trailing period ends a sentence, not the id.
        let end = i > start && t[i - 1] == UInt8(ascii: ".") ? i - 1 : i
        return hasIDLength(start, end) ? ByteRange(start, end) : nil
    }

    /// The first index from `start` (below `limit` and the text's end) whose byte no id has
    /// (letters, digits, `-`, `_`, `.`), else that bound. Letters and digits are skipped eight
    /// bytes at a time, the rarer `-`, `_` and `.` one by one (a byte loop cost ~12
    /// instructions per id byte, ~250 per reply).
    static func idRunEnd(_ t: ByteText, from start: Int, limit: Int) -> Int {
        let stop = min(limit, t.end)
        guard start >= 0, start < stop, let p = t.base.baseAddress else { return max(start, 0) }
        var i = start
        while i < stop {
            let k: Int
            if i &+ 8 <= stop {
                let stray = nonAlnumBytes(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if stray == 0 {
                    i &+= 8
                    continue
                }
                k = i &+ stray.trailingZeroBitCount &>> 3
            } else if stop >= 8 {
                // The last word ends at `stop`; its bytes before `i` were read already.
                let wordStart = stop &- 8
                let seen = UInt64(truncatingIfNeeded: i &- wordStart) &* 8
                let stray = nonAlnumBytes(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: wordStart, as: UInt64.self)))
                    & (~UInt64(0) << seen)
                if stray == 0 { return stop }
                k = wordStart &+ stray.trailingZeroBitCount &>> 3
            } else {
                k = i
                if ByteText.isAlnum(p.load(fromByteOffset: k, as: UInt8.self)) {
                    i &+= 1
                    continue
                }
            }
            let c = p.load(fromByteOffset: k, as: UInt8.self)
            guard c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") else { return k }
            i = k &+ 1
        }
        return stop
    }

    /// For eight bytes (a little-endian word): the high bit of each byte that is no ASCII letter
    /// or digit. Exact for every byte (range tests on the low seven bits never carry).
    @inline(__always)
    static func nonAlnumBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low = word & ~highs
        let digit = (low &+ ones &* (0x80 - 0x30)) & ~(low &+ ones &* (0x80 - 0x3A)) & ~word & highs
        return ByteText.nonLetterBytes(word) & ~digit
    }

    static func findIgnoringCase(_ t: ByteText, _ literal: StaticString, from: Int) -> Int? {
        guard literal.utf8CodeUnitCount > 0 else { return nil }
        // Test the first byte inline and call the full compare only where it fits (~400 → ~100
        // instructions for a typical Postfix reply).
        let first = ByteText.lower(literal.utf8Start[0])
        var i = max(from, 0)
        while i + literal.utf8CodeUnitCount <= t.end {
            if ByteText.lower(t.base[i]) == first && t.hasIgnoringCase(literal, at: i) { return i }
            i += 1
        }
        return nil
    }
}
