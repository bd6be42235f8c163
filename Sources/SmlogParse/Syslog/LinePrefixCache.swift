/// The last traditional line's bytes from its first byte to the byte that ends its tag name
/// (`Nov 29 00:00:00 vm sendmail[`), with the time, host and tag a full parse read from them.
///
/// Lines of one host and program follow one another and their prefixes differ, if at all, in
/// the clock's minutes and seconds. A line that repeats the prefix (minutes and seconds aside)
/// gets the same host and tag, and a time moved by the clock's difference: within one hour
/// every zone rule is linear in minutes and seconds, and the year state only changes when the
/// month or day does (the parser drops this cache then). Only the pid and the message are left
/// to read: one pass of word compares and a digit loop instead of a full header parse.
struct LinePrefixCache {
    private static let wordCapacity = 10
    /// Longest prefix kept; longer ones (very long host names) are never cached.
    static let capacity = wordCapacity * 8

    /// Bytes held; 0 means empty. The bytes are kept as little-endian words at offsets 0, 8, …
    /// with the last word ending at `length` (it may overlap the one before it).
    private var length = 0
    private var wordCount = 0  // 4 ... wordCapacity
    /// True for 24 to 32 bytes: four words at offsets 0, 8, 16 and length - 8.
    private var hasFourWords = false
    private var words = InlineArray<10, UInt64>(repeating: 0)
    /// Per word, the bits that must match: all but those of the clock's minute and second digits.
    private var masks = InlineArray<10, UInt64>(repeating: 0)
    /// Index of the clock's first minute digit (`hh:MM:SS`), or -1 when the clock must repeat
    /// exactly (stamps with a fraction or an offset after the clock).
    private var minuteAt = -1
    /// minute × 60 + second of the clock held.
    private var clockSeconds = 0
    /// For the stamp alone (`Mmm dd hh:mm:ss `, at most 24 bytes, with a plain clock): the bits
    /// of the first three words that must match, or all zero when the stamp is not reused alone.
    private var stampMasks = InlineArray<3, UInt64>(repeating: 0)
    /// True when the tag name ends with `[` (a pid follows), false when it ends with `:`.
    private var pidFollows = false

    private var time = LogTime.zero
    private var format = SyslogHeader.Format.rfc3164
    private var host = ByteRange.empty
    private var tag = ByteRange.empty

    /// The last `digits]: ` read after the prefix, as the word that held it and the mask of its
    /// bytes (0: none yet): most lines repeat the previous line's pid, and a match costs one
    /// compare instead of the ~30-instruction digit read.
    private var pidWord: UInt64 = 0
    private var pidMask: UInt64 = 0
    private var pid: Int32 = -1
    /// Bytes of `digits]: `.
    private var pidLength = 0

    /// A fact the parser's caller derived from the held tag alone (0: none yet); cleared with
    /// each new prefix. See `SyslogHeaderParser.tagMemo`.
    var tagMemo: UInt8 = 0

    /// Forgets the prefix held.
    @inline(__always)
    mutating func clear() { length = 0 }

    /// The header of `b` when it repeats the prefix held and ends it the regular way
    /// (`[pid]: ` or `: `); nil sends the line to the full parse.
    @inline(__always)
    mutating func header(_ b: HeaderBytes) -> SyslogHeader? {
        let n = length
        // n == 0 (empty) fails here too: a kept prefix is never shorter than 8 bytes. The pid and
        // what follows are read as words: lines ending within 12 bytes of the prefix (no message)
        // take the full parse.
        guard n >= 8, n &+ 12 <= b.count else { return nil }
        let (differs, clockDiffers) = differences(b.base, length: n)
        guard differs == 0 else { return nil }
        if clockDiffers != 0 {
            guard moveClock(b) else { return nil }
        }

        var pid: Int32 = -1
        var messageStart = n &+ 1
        if pidFollows {
            let word = b.base.loadUnaligned(fromByteOffset: n, as: UInt64.self)
            if (word ^ pidWord) & pidMask == 0 && pidMask != 0 {
                pid = self.pid
                messageStart = n &+ pidLength
            } else {
                guard let (value, end) = Self.pidColonSpace(b, at: n) else { return nil }
                pid = value
                messageStart = end
                rememberPid(word, value, length: end &- n)
            }
        } else {
            guard b.inBounds(n) == ASCII.space else { return nil }
        }
        var part = ProgramPart(host: host, tag: tag, pid: pid, message: .empty)
        part.setMessage(b, from: b.skipSpaces(messageStart))
        return SyslogHeader(
            time: time, format: format, host: host, tag: tag, pid: pid, message: part.message,
            repeatCount: part.repeatCount)
    }

    /// XOR of the held words with `base`'s: outside the clock's minutes and seconds, and anywhere.
    /// `length` is the held length (at least 8, at most `base.count`).
    @inline(__always)
    private func differences(_ base: UnsafeRawBufferPointer, length n: Int) -> (UInt64, UInt64) {
        guard hasFourWords else { return differencesByLoop(base, length: n) }
        // Prefixes of 24 to 32 bytes (most `stamp host tag[`): four loads at fixed offsets.
        let x0 = base.loadUnaligned(fromByteOffset: 0, as: UInt64.self) ^ words[unchecked: 0]
        let x1 = base.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ words[unchecked: 1]
        let x2 = base.loadUnaligned(fromByteOffset: 16, as: UInt64.self) ^ words[unchecked: 2]
        let x3 = base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) ^ words[unchecked: 3]
        let outside = (x0 & masks[unchecked: 0]) | (x1 & masks[unchecked: 1])
            | (x2 & masks[unchecked: 2]) | (x3 & masks[unchecked: 3])
        return (outside, x0 | x1 | x2 | x3)
    }

    /// `differences` for prefixes of other lengths (kept out of line: the common path stays small).
    @inline(never)
    private func differencesByLoop(_ base: UnsafeRawBufferPointer, length n: Int) -> (UInt64, UInt64) {
        var outside: UInt64 = 0
        var any: UInt64 = 0
        for k in 0..<wordCount {
            let x = base.loadUnaligned(fromByteOffset: min(k &* 8, n &- 8), as: UInt64.self) ^ words[unchecked: k]
            outside |= x & masks[unchecked: k]
            any |= x
        }
        return (outside, any)
    }

    /// Keeps the pid read from `word` (its first `length` bytes are `digits]: `, at most 11).
    @inline(__always)
    private mutating func rememberPid(_ word: UInt64, _ value: Int32, length: Int) {
        // Pids of more than five digits do not fit the word with `]: `: those are not kept.
        guard length <= 8 else {
            pidMask = 0
            return
        }
        pidWord = word
        pidMask = length == 8 ? ~0 : (1 << UInt64(truncatingIfNeeded: length &* 8)) &- 1
        pid = value
        pidLength = length
    }

    /// Reads `digits]: ` at `index` (1 to 8 digits; `index + 12 <= b.count`) and returns the pid
    /// and the index after the space; nil for anything else (the full parse reads those).
    @inline(__always)
    static func pidColonSpace(_ b: HeaderBytes, at index: Int) -> (Int32, Int)? {
        let word = b.base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        // A byte is a digit when its high nibble is 3 and stays 3 after adding 6. A carry out
        // of a non-digit byte only disturbs the bytes after the first non-digit, never read.
        let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, threes: UInt64 = 0x3030_3030_3030_3030
        let nonDigits = ((word & highNibbles) ^ threes)
            | (((word &+ 0x0606_0606_0606_0606) & highNibbles) ^ threes)
        let digitCount = nonDigits.trailingZeroBitCount >> 3
        let end = index &+ digitCount
        // `]: ` little-endian in the low three bytes of the word at `end` (end + 4 <= b.count).
        let tail = b.base.loadUnaligned(fromByteOffset: end, as: UInt32.self)
        guard digitCount > 0, tail & 0xFF_FFFF == 0x20_3A5D else { return nil }
        // The digits' values moved to the top bytes, then summed pairwise (10, 100, 10000 apart).
        var value = (word ^ threes) &<< UInt64(64 &- 8 &* digitCount)
        value = ((value & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        value = ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        // At most 8 digits: below Int32.max.
        return (Int32(truncatingIfNeeded: value), end &+ 3)
    }

    /// The time and length (with the space after it) of `b`'s stamp when it repeats the held
    /// line's stamp, minutes and seconds aside, for a line whose program part differs; nil
    /// otherwise. `b` must hold at least as many bytes as the held prefix.
    func stampTime(_ b: HeaderBytes) -> (time: LogTime, length: Int)? {
        let n = length
        guard stampMasks[0] != 0, n >= 8, n <= b.count else { return nil }
        var differs: UInt64 = 0
        for k in 0..<3 {
            let x = b.base.loadUnaligned(fromByteOffset: min(k * 8, n - 8), as: UInt64.self) ^ words[k]
            differs |= x & stampMasks[k]
        }
        guard differs == 0 else { return nil }
        let minute = b.twoDigits(minuteAt), second = b.twoDigits(minuteAt + 3)
        guard minute >= 0, minute <= 59, second >= 0, second <= 60 else { return nil }
        var stampTime = time
        stampTime.seconds += Int64(minute * 60 + second - clockSeconds)
        return (stampTime, minuteAt + 6)
    }

    /// Takes the new minutes and seconds of `b` (whose prefix matched apart from them) into the
    /// held bytes and time; false when they are not a valid clock (the full parse rejects those).
    @inline(never)
    private mutating func moveClock(_ b: HeaderBytes) -> Bool {
        guard minuteAt >= 0 else { return false }
        let minute = b.twoDigits(minuteAt), second = b.twoDigits(minuteAt + 3)
        guard minute >= 0, minute <= 59, second >= 0, second <= 60 else { return false }
        let seconds = minute * 60 + second
        time.seconds += Int64(seconds - clockSeconds)
        clockSeconds = seconds
        loadWords(b.base)
        return true
    }

    /// Keeps the prefix of `b` up to the byte after the tag name (`[` or `:`), which a full
    /// parse read as `header`. The caller vouches that the line was read the regular way (host, then
    /// the tag as the next token, ending `[pid]:` or `:`), so that these bytes alone decide the
    /// host, the tag and, with the parser's state, the time.
    mutating func store(_ b: HeaderBytes, header: SyslogHeader) {
        tagMemo = 0
        let n = Int(header.tag.upper) + 1
        guard n >= 8, n <= Self.capacity, n <= b.count else {
            length = 0
            return
        }
        length = n
        // At least four words (at offsets 0, 8, 16, n - 8, clamped to n - 8), so that the common
        // prefixes of up to 32 bytes compare without a loop.
        wordCount = max(4, (n + 7) / 8)
        hasFourWords = n >= 24 && n <= 32
        pidFollows = b[n - 1] == ASCII.openBracket
        time = header.time
        format = header.format
        host = header.host
        tag = header.tag
        loadWords(b.base)

        // A plain RFC 3164 clock ends the stamp: `hh:mm:ss` right before the spaces in front of
        // the host. (A fraction puts a digit or the dot three bytes before the end, not `:`.)
        var stampEnd = Int(header.host.lower)
        while stampEnd > 0 && b[stampEnd - 1] == ASCII.space { stampEnd -= 1 }
        minuteAt = -1
        if header.format == .rfc3164, stampEnd >= 8, b[stampEnd - 3] == ASCII.colon,
            b[stampEnd - 6] == ASCII.colon
        {
            let minute = b.twoDigits(stampEnd - 5), second = b.twoDigits(stampEnd - 2)
            if minute >= 0 && second >= 0 {
                minuteAt = stampEnd - 5
                clockSeconds = minute * 60 + second
            }
        }
        // The bytes of `MM:SS` but the colon, as they lie from `minuteAt` on.
        let clockDigits: UInt64 = 0xFF_FF00_FFFF
        for k in 0..<wordCount {
            let offset = min(k * 8, n - 8)
            var mask = ~UInt64(0)
            if minuteAt >= 0 {
                let shift = minuteAt - offset
                if shift >= 0 && shift < 8 {
                    mask = ~(clockDigits << UInt64(shift * 8))
                } else if shift < 0 && shift > -5 {
                    mask = ~(clockDigits >> UInt64(-shift * 8))
                }
            }
            masks[k] = mask
        }
        // The stamp's bytes (up to and with the space after the clock at minuteAt + 5) lie in
        // the first three words when it is at most 24 bytes long (n is longer still).
        let stampLength = minuteAt + 6
        for k in 0..<3 {
            var mask: UInt64 = 0
            if minuteAt >= 0 && stampLength <= 24 {
                let offset = min(k * 8, n - 8)
                let inStamp = max(0, min(8, stampLength - offset))
                mask = inStamp == 8 ? ~0 : (UInt64(1) << UInt64(inStamp * 8)) - 1
                mask &= masks[k]
            }
            stampMasks[k] = mask
        }
    }

    /// Holds `base`'s words at the held layout; `base` holds at least `length` bytes.
    @inline(__always)
    private mutating func loadWords(_ base: UnsafeRawBufferPointer) {
        if hasFourWords {
            // Every clock move lands here: four loads instead of a loop.
            words[unchecked: 0] = base.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            words[unchecked: 1] = base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            words[unchecked: 2] = base.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            words[unchecked: 3] = base.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            return
        }
        for k in 0..<wordCount {
            words[k] = base.loadUnaligned(fromByteOffset: min(k * 8, length - 8), as: UInt64.self)
        }
    }
}
