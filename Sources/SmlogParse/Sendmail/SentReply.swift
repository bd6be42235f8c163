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
        // sendmail: "QID Message accepted for delivery"
        if let space = t.index(of: 0x20, from: lo), t.isExactly(" Message accepted for delivery", from: space) {
            return isIDToken(t, lo, space) ? ByteRange(lo, space) : nil
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
        guard let space = t.index(of: 0x20, from: inner.lower) else { return false }
        return t.isExactly(" Message accepted for delivery", from: space) && isIDToken(t, inner.lower, space)
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
        guard upper - lower >= 5, upper - lower <= 40, lower >= 0, upper <= t.end else { return false }
        for i in lower..<upper {
            let c = t.base[i]  // in bounds: checked above (saves the per-byte range test)
            guard ByteText.isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
            else { return false }
        }
        return true
    }

    /// The id-like token starting at `start` (ends at a space, `,`, `;` or the end), or nil.
    static func token(_ t: ByteText, from start: Int) -> ByteRange? {
        var i = start
        while i < t.end {
            let c = t[i]
            if c == 0x20 || c == UInt8(ascii: ",") || c == UInt8(ascii: ";") { break }
            i += 1
        }
        // A trailing period ends a sentence, not the id.
        let end = i > start && t[i - 1] == UInt8(ascii: ".") ? i - 1 : i
        return isIDToken(t, start, end) ? ByteRange(start, end) : nil
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
