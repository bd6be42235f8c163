/// Status and reply texts made presentable (kept as written) or groupable (variable parts
/// replaced). Runs once per deferral or bounce, never per line.
enum ReasonText {
    /// Longest reason text kept, in Unicode scalars; longer texts end with `…`.
    static let maxLength = 200

    /// The text a deferral is shown with: the `stat=` text without its `Deferred: ` prefix,
    /// or the `reply=` text when `stat=` is a bare `Deferred`. Addresses are kept.
    static func deferralText(stat: String?, reply: String?) -> String {
        var text = trimmed(stat ?? "")
        if ASCIIMatch.hasPrefix(text, "deferred:") {
            text = trimmed(String(text.utf8.dropFirst(9)) ?? "")
        } else if text.utf8.count == 8 && ASCIIMatch.hasPrefix(text, "deferred") {
            text = ""
        }
        if text.isEmpty, let reply = usableReply(reply) { text = trimmed(reply) }
        if text.isEmpty { text = "Deferred" }
        return capped(text)
    }

    /// The `reply=` of a deferral, unless it is a permanent (5xx) reply: sendmail can log
    /// the reply of an earlier recipient on a line deferred for another cause (a connection
    /// dropped after DATA, `dsn=4.4.2`), and that reply is not why this one was deferred.
    static func usableReply(_ reply: String?) -> String? {
        guard let reply, !reply.isEmpty else { return nil }
        if let code = ASCIIMatch.replyCode(reply), code >= 500 { return nil }
        return reply
    }

    /// A key that groups texts differing only in addresses, queue ids and numbers:
    /// `<a@b>` and bare `a@b` become `<…>`, runs of digits stay (they are reply codes and
    /// limits more often than counters), whitespace is collapsed.
    static func groupingKey(_ raw: String) -> String {
        // ASCII texts (nearly all) are grouped on their bytes; the Character walk below,
        // which costs ~60k instructions per text, is kept for the rest (grapheme rules).
        if let key = ASCIIMatch.withBytes(raw, asciiGroupingKey) { return key }
        return characterGroupingKey(raw)
    }

    /// `groupingKey` of an all-ASCII text, on its bytes; nil when a byte is not ASCII.
    static func asciiGroupingKey(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        for c in b where c >= 0x80 { return nil }
        // A word `@` grows the most: to `…@…` (7 bytes).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 7 * b.count + 1) { out -> String in
            var n = 0
            func put(_ c: UInt8) { out[n] = c; n += 1 }
            func putEllipsis() { put(0xE2); put(0x80); put(0xA6) }
            var i = 0
            var lastWasSpace = true
            while i < b.count {
                let c = b[i]
                if c == 32 || c == 9 {
                    if !lastWasSpace { put(32) }
                    lastWasSpace = true
                    i += 1
                    continue
                }
                var end = i
                var at = false
                while end < b.count && b[end] != 32 && b[end] != 9 {
                    if b[end] == 64 { at = true }
                    end += 1
                }
                if at {
                    // The word holds `@`, which is neither opening nor closing, so the head
                    // and the tail never overlap.
                    var headEnd = i
                    while isOpening(b[headEnd]) { headEnd += 1 }
                    var tailStart = end
                    while isClosing(b[tailStart - 1]) { tailStart -= 1 }
                    for k in i..<headEnd { put(b[k]) }
                    if headEnd > i && b[headEnd - 1] == UInt8(ascii: "<") {
                        putEllipsis()
                    } else {
                        putEllipsis(); put(64); putEllipsis()
                    }
                    for k in tailStart..<end { put(b[k]) }
                } else {
                    for k in i..<end { put(b[k]) }
                }
                lastWasSpace = false
                i = end
            }
            while n > 0 && out[n - 1] == 32 { n -= 1 }
            return capped(String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self))
        }
    }

    @inline(__always)
    private static func isOpening(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "<") || c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == 34 || c == 39
    }

    @inline(__always)
    private static func isClosing(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: ">"), UInt8(ascii: ")"), UInt8(ascii: "]"), 34, 39, UInt8(ascii: ","),
             UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "."): true
        default: false
        }
    }

    /// The byte path's result, or nil when `text` is not all ASCII (tests).
    static func withASCII(_ text: String) -> String? {
        ASCIIMatch.withBytes(text, asciiGroupingKey)
    }

    /// `groupingKey` by Characters, for texts with non-ASCII bytes.
    static func characterGroupingKey(_ raw: String) -> String {
        var out = ""
        out.reserveCapacity(min(raw.utf8.count, maxLength))
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            out += word.contains("@") ? maskedAddress(word) : word
            word = ""
        }
        var lastWasSpace = true
        for ch in raw {
            if ch == " " || ch == "\t" {
                flushWord()
                if !lastWasSpace { out += " " }
                lastWasSpace = true
            } else {
                word.append(ch)
                lastWasSpace = false
            }
        }
        flushWord()
        while out.last == " " { out.removeLast() }
        return capped(out)
    }

    /// `<a@b>:` → `<…>:`, `a@b,` → `…@…,`: the address replaced, its punctuation kept.
    private static func maskedAddress(_ word: String) -> String {
        let opening: Set<Character> = ["<", "(", "[", "\"", "'"]
        let closing: Set<Character> = [">", ")", "]", "\"", "'", ",", ":", ";", "."]
        var core = Substring(word)
        var head = ""
        var tail = ""
        while let f = core.first, opening.contains(f) { head.append(f); core = core.dropFirst() }
        while let l = core.last, closing.contains(l) { tail.insert(l, at: tail.startIndex); core = core.dropLast() }
        return head + (head.hasSuffix("<") ? "…" : "…@…") + tail
    }

    /// `s` without leading and trailing spaces and tabs (works on bytes; returns `s`
    /// itself when there is nothing to trim).
    static func trimmed(_ s: String) -> String {
        ASCIIMatch.withBytes(s) { b in
            var start = 0
            var end = b.count
            while start < end && (b[start] == 32 || b[start] == 9) { start += 1 }
            while end > start && (b[end - 1] == 32 || b[end - 1] == 9) { end -= 1 }
            if start == 0 && end == b.count { return s }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
    }

    static func capped(_ s: String) -> String {
        // A string of at most maxLength bytes has at most maxLength scalars.
        guard s.utf8.count > maxLength, s.unicodeScalars.count > maxLength else { return s }
        var out = String(String.UnicodeScalarView(s.unicodeScalars.prefix(maxLength - 1)))
        out += "…"
        return out
    }
}
