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

    /// The prefix at `start`: what `certainlyNone` and `parse` together conclude, with the common
    /// strict queue id decided inline (`quickRead`), so that most lines never call `parse`
    /// (~180 instructions per queue-id line).
    @inlinable @inline(__always)
    static func read(_ t: ByteText, at start: Int) -> IDPrefix {
        let quick = quickRead(t, at: start)
        if quick >= 0 {
            var prefix = IDPrefix(bodyStart: quick &+ 2)
            prefix.kind = .queueID
            prefix.id = ByteRange(start, quick)
            return prefix
        }
        if quick == noQueue {
            var prefix = IDPrefix(bodyStart: start &+ 9)
            prefix.kind = .noQueue
            prefix.id = ByteRange(start, start &+ 7)
            return prefix
        }
        return quick == noPrefix ? IDPrefix(bodyStart: start) : parse(t, from: start)
    }

    /// `quickRead`: the text certainly has no prefix.
    @usableFromInline static var noPrefix: Int { -1 }
    /// `quickRead`: only `parse` can tell.
    @usableFromInline static var undecided: Int { -2 }
    /// `quickRead`: the text starts `NOQUEUE: ` (no part number).
    @usableFromInline static var noQueue: Int { -3 }

    /// `certainlyNone`'s scan, which also recognises a strict queue id of 8 to 17 bytes then
    /// `: ` (`6AT0075T023868: `): returns the id's end for one, `noQueue` for `NOQUEUE: `,
    /// `noPrefix` when there is certainly no prefix (`STARTTLS: ` too), `undecided` otherwise
    /// (part suffixes, fallback ids, …).
    @inlinable @inline(__always)
    static func quickRead(_ t: ByteText, at start: Int) -> Int {
        guard start >= 0, let p = t.base.baseAddress else { return undecided }
        var i = start
        let limit = min(t.end, start &+ 40)
        // (Indexes stay below `limit`: wrapping arithmetic and reads through the base address.)
        while i &+ 8 <= limit {
            let nonID = QueueIDShape.byteClasses(
                UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))).nonID
            if nonID != 0 {
                let runEnd = i &+ nonID.trailingZeroBitCount &>> 3
                guard p.load(fromByteOffset: runEnd, as: UInt8.self) == 0x3A else { return noPrefix }
                let length = runEnd &- start
                // A `:` after fewer than 7 id bytes (`AUTH: `, `Milter: `) ends no id either:
                // queue ids have 8 or more, `NOQUEUE` has 7; only `[n]: ` is shorter.
                if length < 7 {
                    return p.load(fromByteOffset: start, as: UInt8.self) != 0x5B ? noPrefix : undecided
                }
                guard length <= 17, runEnd &+ 1 < t.end, p.load(fromByteOffset: runEnd &+ 1, as: UInt8.self) == 0x20
                else { return undecided }
                let head = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: start, as: UInt64.self))
                // `NOQUEUE: ` and `STARTTLS: ` (a reserved word, no id) as `parse` reads them, without
                // the call (~150 instructions for one line in ten).
                if length == 7 {
                    return head & 0x00FF_FFFF_FFFF_FFFF == 0x0045_5545_5551_4F4E ? noQueue : undecided
                }
                if length == 8 && head == 0x534C_5454_5241_5453 { return noPrefix }
                // `parse` reads other `NOQUEUE…` and `[…` tokens its own way.
                guard head & 0x00FF_FFFF_FFFF_FFFF != 0x0045_5545_5551_4F4E, head & 0xFF != 0x5B else {
                    return undecided
                }
                // Strict: at least 5 trailing digits, and at most 9 bytes before the last 8 digits,
                // that is, the last max(5, length - 9) bytes are digits. Every byte of the word
                // ending the token is an id byte (below 0x7F), so adding 6 carries into no other byte.
                let tail = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: runEnd &- 8, as: UInt64.self))
                let needed = max(5, length &- 9)
                let inTail = ~UInt64(0) << UInt64(truncatingIfNeeded: (8 &- needed) &* 8)
                let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, threes: UInt64 = 0x3030_3030_3030_3030
                let nonDigits = ((tail & highNibbles) ^ threes)
                    | (((tail &+ 0x0606_0606_0606_0606) & highNibbles) ^ threes)
                return nonDigits & inTail == 0 ? runEnd : undecided
            }
            i &+= 8
        }
        return undecided
    }

    /// True when the text at `start` certainly has no prefix: every prefix (`QID: `,
    /// `NOQUEUE: `, `QID[n]: `, `[n]: `) is a run of id bytes ended by `:`, so a run ended by any
    /// other byte within the 40 bytes `parse` looks at rules one out, and so does a `:` too
    /// early. `quickRead`'s `noPrefix` answer (kept as a name for the tests that hold it to
    /// `parse`).
    @inlinable @inline(__always)
    static func certainlyNone(_ t: ByteText, at start: Int) -> Bool {
        quickRead(t, at: start) == noPrefix
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
        if t[tokenEnd - 1] == 0x5D, let open = t.lastIndex(of: 0x5B, from: start, to: tokenEnd - 1) {
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
