/// The id prefix sendmail's `sm_syslog()` puts before a message: `QID: `, `NOQUEUE: ` or nothing,
/// each optionally carrying the `[n]` part number of sendmail's own long-line split
/// (`QID[2]: `, `NOQUEUE[1]: `, `[1]: `).
@usableFromInline
struct IDPrefix {
    @usableFromInline
    enum Kind: UInt8 { case none, queueID, noQueue }

    @usableFromInline var kind: Kind = .none
    /// The queue id (or the `NOQUEUE` word) without the part suffix.
    @usableFromInline var id: ByteRange = .empty
    /// Part number of a split line; 0 when the line is not a part.
    @usableFromInline var part: Int = 0
    /// Where the message after the prefix starts.
    @usableFromInline var bodyStart: Int
    /// The id matched only the fallback shape (plain alphanumeric): accept it only when the
    /// rest of the line is understood.
    @usableFromInline var fallbackOnly = false

    @inlinable
    init(bodyStart: Int) { self.bodyStart = bodyStart }

    /// True when the text at `start` certainly has no prefix: every prefix (`QID: `,
    /// `NOQUEUE: `, `QID[n]: `, `[n]: `) is a run of id bytes ended by `:`, so a run ended by any
    /// other byte within the 40 bytes `parse` looks at rules one out, and so does a `:` too early. Most lines without a queue
    /// id (`STARTTLS=`, `AUTH=`, `tls_clt_features=`, …) leave here for ~25 instructions
    /// instead of a full `parse` (~190).
    @inlinable @inline(__always)
    static func certainlyNone(_ t: ByteText, at start: Int) -> Bool {
        guard start >= 0, let p = t.base.baseAddress else { return false }
        var i = start
        let limit = min(t.end, start &+ 40)
        // (Indexes stay below `limit`: wrapping arithmetic and reads through the base address.)
        while i &+ 8 <= limit {
            let nonID = QueueIDShape.byteClasses(
                UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))).nonID
            if nonID != 0 {
                let runEnd = i &+ nonID.trailingZeroBitCount &>> 3
                // A `:` after fewer than 7 id bytes (`AUTH: `, `Milter: `) ends no id either:
                // queue ids have 8 or more, `NOQUEUE` has 7; only `[n]: ` is shorter.
                return p.load(fromByteOffset: runEnd, as: UInt8.self) != 0x3A
                    || (runEnd &- start < 7 && p.load(fromByteOffset: start, as: UInt8.self) != 0x5B)
            }
            i &+= 8
        }
        return false
    }

    /// Reads the prefix at `start`.
    @usableFromInline
    static func parse(_ t: ByteText, from start: Int) -> IDPrefix {
        var result = IDPrefix(bodyStart: start)
        if t.has("NOQUEUE", at: start) {
            var after = start + 7
            let part = partSuffix(t, at: after)
            if part.number > 0 { after = part.end }
            if t.has(": ", at: after) {
                result.kind = .noQueue
                result.id = ByteRange(start, start + 7)
                result.part = part.number
                result.bodyStart = after + 2
            }
            return result
        }
        if t[start] == 0x5B {
            // "[n]: " opens a part of a split no-id message.
            let part = partSuffix(t, at: start)
            if part.number > 0, t.has(": ", at: part.end) {
                result.part = part.number
                result.bodyStart = part.end + 2
            }
            return result
        }
        guard start >= 0, let p = t.base.baseAddress else { return result }
        // One pass finds the token and its trailing digits, so the strict shape needs no rescan.
        var tokenEnd = start
        var lastNonDigit = start - 1
        let limit = min(t.end, start + 40)
        var tokenEnded = false
        // (Indexes stay below `limit`: wrapping arithmetic and reads through the base address
        // leave out an overflow and a nil test per step.)
        while tokenEnd &+ 8 <= limit {
            // Eight bytes at a time: where the id bytes stop, and the last non-digit before that.
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: tokenEnd, as: UInt64.self))
            let (nonID, digits) = QueueIDShape.byteClasses(word)
            let idBytes = nonID == 0 ? 8 : nonID.trailingZeroBitCount &>> 3
            let inToken: UInt64 = idBytes == 8 ? ~0 : (1 << UInt64(truncatingIfNeeded: idBytes &* 8)) &- 1
            let letters = ~digits & 0x8080_8080_8080_8080 & inToken
            if letters != 0 { lastNonDigit = tokenEnd &+ (63 &- letters.leadingZeroBitCount) &>> 3 }
            tokenEnd &+= idBytes
            if idBytes < 8 {
                tokenEnded = true
                break
            }
        }
        while !tokenEnded && tokenEnd < limit {
            let c = t.base[tokenEnd]
            if !ByteText.isDigit(c) {
                guard c >= 0x41 && c <= 0x7E else { break }
                lastNonDigit = tokenEnd
            }
            tokenEnd += 1
        }
        guard tokenEnd > start, t.has(": ", at: tokenEnd) else { return result }
        var idEnd = tokenEnd
        var partNumber = 0
        if t[tokenEnd - 1] == 0x5D, let open = ClientSpec.lastIndex(of: 0x5B, in: t, start, tokenEnd - 1) {
            let part = partSuffix(t, at: open)
            if part.number > 0, part.end == tokenEnd {
                idEnd = open
                partNumber = part.number
            }
        }
        let isStrict =
            idEnd == tokenEnd
            ? QueueIDShape.isStrictShape(length: idEnd - start, trailingDigits: idEnd - 1 - lastNonDigit)
            : QueueIDShape.isStrict(t, start, idEnd)
        if isStrict {
            result.fallbackOnly = false
        } else if !QueueIDShape.isReservedWord(t, start, idEnd), QueueIDShape.isFallback(t, start, idEnd) {
            // (The reserved words first: `STARTTLS: …` lines end here after one word compare.)
            result.fallbackOnly = true
        } else {
            return result
        }
        result.kind = .queueID
        result.id = ByteRange(start, idEnd)
        result.part = partNumber
        result.bodyStart = tokenEnd + 2
        return result
    }

    /// Parses `[digits]` at `i`; number 0 when absent or out of range.
    @inlinable
    static func partSuffix(_ t: ByteText, at i: Int) -> (number: Int, end: Int) {
        guard t[i] == 0x5B else { return (0, i) }
        let digits = t.digitRun(at: i + 1)
        guard digits >= 1, digits <= 4, t[i + 1 + digits] == 0x5D else { return (0, i) }
        var n = 0
        for k in (i + 1)..<(i + 1 + digits) { n = n * 10 + Int(t[k] &- 0x30) }
        return (n, i + 2 + digits)
    }
}
