/// Finds where a `key=value` value ends in sendmail's `key=value, key=value` lists.
///
/// Values may contain `, ` themselves (`to=` display names, quoted program addresses, `arg1=`,
/// shortened texts), so a value ends only at `, ` followed by something that looks like the next
/// key (`letters/digits/_/-` then `=`), and that separator must lie outside `"…"` and `<…>`.
/// A backslash hides the byte after it (sendmail's `str2prt` doubles real backslashes, so a run
/// of backslashes hides the byte after the run). When quotes or brackets never close (values
/// are cut at fixed lengths), the first key-like separator anywhere is used instead.
extension ByteText {
    /// When `j` starts `, key=`: the index of that `=`; otherwise -1.
    @inlinable @inline(__always)
    func separatorKeyEnd(at j: Int) -> Int {
        guard j >= 0, j < end, base[j] == 0x2C, let p = base.baseAddress else { return -1 }
        return keyEndAfterComma(p, j)
    }

    /// For eight bytes (a little-endian word): the high bit of each byte that is no key byte
    /// (see `isKeyByte`). Exact for every byte: each test works on the low seven bits, where
    /// adding a constant below 0x80 never carries into the next byte.
    @inlinable @inline(__always)
    static func nonKeyBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low = word & ~highs
        @inline(__always) func atLeast(_ b: UInt64) -> UInt64 { low &+ ones &* (0x80 &- b) }
        @inline(__always) func equal(_ b: UInt64) -> UInt64 { ~((low ^ (ones &* b)) &+ ones &* 0x7F) }
        let digit = atLeast(0x30) & ~atLeast(0x3A)
        let upper = atLeast(0x41) & ~atLeast(0x5B)
        let lower = atLeast(0x61) & ~atLeast(0x7B)
        let key = (digit | upper | lower | equal(0x5F) | equal(0x2D)) & ~word & highs
        return ~key & highs
    }

    /// The key `lower..<upper` as a little-endian word when it has 1 to 8 bytes (else 0), so
    /// that a key loop dispatches on it with one compare per known key (`keyWord("relay")`).
    @inlinable @inline(__always)
    func keyWord(_ lower: Int, _ upper: Int) -> UInt64 {
        let n = upper - lower
        guard n >= 1, n <= 8, lower >= 0, upper <= end else { return 0 }
        if lower + 8 <= base.count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: lower, as: UInt64.self))
            return n == 8 ? word : word & ((1 << UInt64(truncatingIfNeeded: n &* 8)) &- 1)
        }
        var word: UInt64 = 0
        var k = 0
        while k < n {
            word |= UInt64(base[lower + k]) << UInt64(truncatingIfNeeded: k &* 8)
            k += 1
        }
        return word
    }

    /// `keyWord` of a literal key of 1 to 8 bytes (folds to a constant); longer literals give a
    /// word no key has (0xFF is no key byte), so they never match.
    @inlinable @inline(__always)
    static func keyWord(_ literal: StaticString) -> UInt64 {
        let n = literal.utf8CodeUnitCount
        return n >= 1 && n <= 8 ? literalWord(literal.utf8Start, n) : ~0
    }

    /// True when `j` starts `, WORD` and WORD runs to the end of the text
    /// (`…, discard` at the end of ruleset and milter lines).
    @inlinable
    func isTrailingWord(_ word: StaticString, at j: Int) -> Bool {
        self[j] == 0x2C && self[j + 1] == 0x20 && isExactly(word, from: j + 2)
    }

    /// End of a value that starts at `start`: the index of the `,` of the next field separator,
    /// or `end`. With `stopAtDiscard`, a final `, discard` also ends the value.
    @inlinable
    func valueEnd(from start: Int, stopAtDiscard: Bool = false) -> Int {
        fieldEnd(from: start, stopAtDiscard: stopAtDiscard).valueEnd
    }

    /// `valueEnd(from:)`, and when the value ended at `, key=`, the index of that key's `=`
    /// (else -1): the key loops go on from there instead of reading the key a second time.
    @usableFromInline
    func fieldEnd(from start: Int, stopAtDiscard: Bool = false) -> (valueEnd: Int, nextKeyEnd: Int) {
        let (valueEnd, nextKeyEnd, _) = fieldEndScan(from: start, stopAtDiscard: stopAtDiscard, readingKeyWord: false)
        return (valueEnd, nextKeyEnd)
    }

    /// `fieldEnd(from:stopAtDiscard:)` with the next key's word as `shortFieldEndAndKey` gives
    /// it (or 0), so that the key loops can take an expected key after a long value (to=
    /// relays) without reading it again.
    @usableFromInline
    func fieldEndAndKey(from v: Int, stopAtDiscard: Bool) -> (valueEnd: Int, nextKeyEnd: Int, nextKeyWord: UInt64) {
        fieldEndScan(from: v, stopAtDiscard: stopAtDiscard, readingKeyWord: true)
    }

    /// The scan of `fieldEnd` and `fieldEndAndKey` (one copy in each); with `readingKeyWord`,
    /// a key after the separator is read as `keyAndWordAfterComma` reads it (for the same
    /// instructions as `keyEndAfterComma`).
    @inline(__always)
    func fieldEndScan(
        from start: Int, stopAtDiscard: Bool, readingKeyWord: Bool
    ) -> (valueEnd: Int, nextKeyEnd: Int, nextKeyWord: UInt64) {
        // Words are read through the base address (no nil check per word), and the separator
        // test is inlined in the loops, not called (~30 instructions per value saved).
        guard let p = base.baseAddress else { return (end, -1, 0) }
        var i = max(start, 0)
        var quoting = QuotingState()
        // Eight bytes per step: every structural byte of the word is handled from one candidate
        // mask, without reloading the word after each `<`, `>` or `,` (~60 instructions per
        // value saved). The mask may also flag other bytes; `QuotingState` ignores those.
        scan: while i &+ 8 <= end {
            var candidates = ByteText.structuralCandidates(
                UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            while candidates != 0 {
                let j = i &+ candidates.trailingZeroBitCount &>> 3
                candidates &= candidates &- 1
                let byte = p.load(fromByteOffset: j, as: UInt8.self)
                if byte == 0x5C {
                    i = afterEscape(at: j)
                    continue scan
                }
                if quoting.isTopLevelSeparator(byte, 0x2C) {
                    if readingKeyWord {
                        let (key, word) = keyAndWordAfterComma(p, j)
                        if key >= 0 { return (j, key, word) }
                    } else {
                        let key = keyEndAfterComma(p, j)
                        if key >= 0 { return (j, key, 0) }
                    }
                    if stopAtDiscard && isTrailingWord("discard", at: j) { return (j, -1, 0) }
                }
            }
            i &+= 8
        }
        while i < end {
            let byte = p.load(fromByteOffset: i, as: UInt8.self)
            if byte == 0x5C {
                i = afterEscape(at: i)
                continue
            }
            if quoting.isTopLevelSeparator(byte, 0x2C) {
                let key = keyEndAfterComma(p, i)
                if key >= 0 { return (i, key, 0) }
                if stopAtDiscard && isTrailingWord("discard", at: i) { return (i, -1, 0) }
            }
            i &+= 1
        }
        guard quoting.isUnbalanced else { return (end, -1, 0) }
        // Unbalanced: a cut or odd value; take the first separator regardless of quoting.
        var j = max(start, 0)
        while j < end {
            if p.load(fromByteOffset: j, as: UInt8.self) == 0x2C, let found = separatorEnd(at: j, stopAtDiscard: stopAtDiscard) {
                return (found.valueEnd, found.nextKeyEnd, 0)
            }
            j += 1
        }
        return (end, -1, 0)
    }

    /// `fieldEnd(from:)` for the common short value (`size=1081`, `delay=00:00:00`,
    /// `mailer=esmtp`: no quote, bracket or backslash before a `, key=` within 16 bytes),
    /// written out in the key loops; any other value is left to `fieldEndAndKey`. Exact: the
    /// first structural candidate of the value is then its separator, at the top level. Saves
    /// the call and its set-up, ~100 instructions for about half the values of from= and to=
    /// lines. (Transparent: `@inline(__always)` left it a call in the large key loops.)
    ///
    /// With `skippingPlainStart`, a value whose first 16 bytes hold no quote, bracket, backslash
    /// or comma is scanned on from there (they change nothing the scan keeps); the STARTTLS and
    /// AUTH fields (`relay=host.`, `cipher=TLS_AES_256_GCM_SHA384`) and to= relays gain.
    ///
    /// It also gives the next key as `keyWord` would read it, when the value ended at `, key=`
    /// with a key of one to seven letters (else 0, and the caller reads it): the key loops
    /// dispatch on it without reading the key again (~20 instructions per field).
    ///
    /// `expecting` names the keys likely to come next (sendmail's order in from= and to= lines):
    /// after the `, ` they are tested first, by one masked compare each, before the letter test
    /// (~25 instructions less per field). The result is the same either way.
    @_transparent
    func shortFieldEndAndKey(
        from v: Int, skippingPlainStart: Bool = false, stopAtDiscard: Bool = false,
        expecting keys: ExpectedKeys = ExpectedKeys()
    ) -> (valueEnd: Int, nextKeyEnd: Int, nextKeyWord: UInt64) {
        if v >= 0, v &+ 16 <= end, let p = base.baseAddress {
            if p.load(fromByteOffset: v, as: UInt8.self) == 0x3C {
                return angleFieldEndAndKey(from: v, stopAtDiscard: stopAtDiscard)
            }
            var wordStart = v
            var candidates = ByteText.structuralCandidates(
                UInt64(littleEndian: p.loadUnaligned(fromByteOffset: v, as: UInt64.self)))
            if candidates == 0 {
                wordStart = v &+ 8
                candidates = ByteText.structuralCandidates(
                    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: wordStart, as: UInt64.self)))
            }
            if candidates != 0 {
                let j = wordStart &+ candidates.trailingZeroBitCount &>> 3
                if p.load(fromByteOffset: j, as: UInt8.self) == 0x2C {
                    let (key, word) = keyAndWordAfterComma(p, j, expecting: keys)
                    if key >= 0 { return (j, key, word) }
                }
            } else if skippingPlainStart {
                return plainStartFieldEndAndKey(p, from: v, stopAtDiscard: stopAtDiscard, expecting: keys)
            }
        } else if skippingPlainStart, v >= 0, end &- v <= 8, end >= 8, let p = base.baseAddress {
            // A last value of up to eight bytes (`bits=256/256`) without a quote, bracket,
            // backslash or comma runs to the end: one masked word instead of the byte loop.
            let wordStart = end &- 8
            let before = UInt64(truncatingIfNeeded: v &- wordStart) &* 8
            let candidates = ByteText.structuralCandidates(
                UInt64(littleEndian: p.loadUnaligned(fromByteOffset: wordStart, as: UInt64.self))) & (~UInt64(0) << before)
            if candidates == 0 { return (end, -1, 0) }
        }
        return fieldEndAndKey(from: v, stopAtDiscard: stopAtDiscard)
    }

    /// `shortFieldEndAndKey` for a value that starts with `<` (`to=<a@b>`, `msgid=<…>`): the
    /// first `"`, `\`, `<` or `>` after it is looked for eight bytes at a time, commas ignored
    /// (inside the brackets none is a separator); when it is the closing `>` and `, key=`
    /// follows, that ends the value, as `fieldEnd` would find. Anything else is left to
    /// `fieldEnd`. Saves ~40% of the scan of a bracketed address or message id.
    @usableFromInline
    func angleFieldEndAndKey(
        from v: Int, stopAtDiscard: Bool = false
    ) -> (valueEnd: Int, nextKeyEnd: Int, nextKeyWord: UInt64) {
        if v >= 0, let p = base.baseAddress {
            var i = v &+ 1
            while i &+ 8 <= end {
                let found = ByteText.bracketCandidates(
                    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                if found != 0 {
                    let j = i &+ found.trailingZeroBitCount &>> 3
                    if p.load(fromByteOffset: j, as: UInt8.self) == 0x3E, j &+ 1 < end,
                        p.load(fromByteOffset: j &+ 1, as: UInt8.self) == 0x2C
                    {
                        let (key, word) = keyAndWordAfterComma(p, j &+ 1)
                        if key >= 0 { return (j &+ 1, key, word) }
                    }
                    break
                }
                i &+= 8
            }
        }
        return fieldEndAndKey(from: v, stopAtDiscard: stopAtDiscard)
    }

    /// For eight bytes (a little-endian word): the high bit of every `"`, `<`, `>` and `\` byte,
    /// and possibly of some others (`structuralCandidates` without the comma); the lowest one
    /// flagged is exact.
    @inlinable @inline(__always)
    static func bracketCandidates(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
        let found = zeroBytes(word ^ (ones &* 0x22)) | zeroBytes((word | ones &* 0x62) ^ (ones &* 0x7E))
        return found & ~word & (ones &* 0x80)
    }

    /// `shortFieldEndAndKey` for a value whose first 16 bytes are plain (`v + 16 <= end`): the
    /// third word is tested here too, so that 17 to 24-byte values (`relay=host.example.`,
    /// `cipher=TLS_AES_256_GCM_SHA384`) end without the call to `fieldEndAndKey`.
    @_transparent  // (`@inline(__always)` left it a call in the key loops)
    func plainStartFieldEndAndKey(
        _ p: UnsafeRawPointer, from v: Int, stopAtDiscard: Bool, expecting keys: ExpectedKeys
    ) -> (valueEnd: Int, nextKeyEnd: Int, nextKeyWord: UInt64) {
        let third = v &+ 16
        if third &+ 8 <= end {
            let candidates = ByteText.structuralCandidates(
                UInt64(littleEndian: p.loadUnaligned(fromByteOffset: third, as: UInt64.self)))
            if candidates != 0 {
                let j = third &+ candidates.trailingZeroBitCount &>> 3
                if p.load(fromByteOffset: j, as: UInt8.self) == 0x2C {
                    let (key, word) = keyAndWordAfterComma(p, j, expecting: keys)
                    if key >= 0 { return (j, key, word) }
                }
                return fieldEndAndKey(from: third, stopAtDiscard: stopAtDiscard)
            }
            return fieldEndAndKey(from: third &+ 8, stopAtDiscard: stopAtDiscard)
        }
        return fieldEndAndKey(from: third, stopAtDiscard: stopAtDiscard)
    }

    /// `keyEndAfterComma(p, j)`, and the key's `keyWord` when it has one to seven letters (read
    /// from the word after `, `; else 0). Exact: a run of letters ended by `=` is what
    /// `keyEndAfterComma` accepts, and its end is the same.
    /// An expected key (see `shortFieldEndAndKey`) is taken by its masked compare: its bytes are
    /// letters then `=`, so the letter test would find the same end and word.
    @_transparent  // (`@inline(__always)` left it a call in the key loops)
    func keyAndWordAfterComma(
        _ p: UnsafeRawPointer, _ j: Int, expecting keys: ExpectedKeys = ExpectedKeys()
    ) -> (keyEnd: Int, word: UInt64) {
        if j &+ 10 <= end, p.load(fromByteOffset: j &+ 1, as: UInt8.self) == 0x20 {
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: j &+ 2, as: UInt64.self))
            if word & keys.firstMask == keys.firstPattern { return (j &+ keys.firstKeyEnd, keys.firstWord) }
            if word & keys.secondMask == keys.secondPattern { return (j &+ keys.secondKeyEnd, keys.secondWord) }
            let letters = ByteText.nonLetterBytes(word).trailingZeroBitCount &>> 3
            if letters >= 1, letters < 8, p.load(fromByteOffset: j &+ 2 &+ letters, as: UInt8.self) == 0x3D {
                return (j &+ 2 &+ letters, word & ((UInt64(1) << UInt64(truncatingIfNeeded: letters &* 8)) &- 1))
            }
        }
        return (keyEndAfterComma(p, j), 0)
    }

    /// `separatorKeyEnd(at: j)` for a `,` at `j` (`0 <= j < end`), read through `p`, the base
    /// address.
    @inlinable @inline(__always)
    func keyEndAfterComma(_ p: UnsafeRawPointer, _ j: Int) -> Int {
        guard j &+ 2 < end, p.load(fromByteOffset: j &+ 1, as: UInt8.self) == 0x20,
            ByteText.isAlnum(p.load(fromByteOffset: j &+ 2, as: UInt8.self))
        else { return -1 }
        return keyRestEnd(p, from: j &+ 3)
    }

    /// The index of the `=` ending the key bytes that run from `start` (`0 <= start`), read
    /// through `p`, the base address; -1 when the first byte that is no key byte is not `=`.
    @inlinable @inline(__always)
    func keyRestEnd(_ p: UnsafeRawPointer, from start: Int) -> Int {
        var k = start
        if k &+ 8 <= end {
            // The rest of the key eight bytes at a time: the first byte that is no key byte
            // must be the `=` (a byte loop cost ~8 instructions per key byte).
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            // Nearly every key is letters only: when the first non-letter is the `=`, the cheap
            // letter test decides (~20 instructions less than the exact key-byte test).
            var stop = ByteText.nonLetterBytes(word)
            if stop == 0 || p.load(fromByteOffset: k &+ stop.trailingZeroBitCount &>> 3, as: UInt8.self) != 0x3D {
                stop = ByteText.nonKeyBytes(word)
            }
            if stop != 0 {
                k &+= stop.trailingZeroBitCount &>> 3
                return p.load(fromByteOffset: k, as: UInt8.self) == 0x3D ? k : -1
            }
            k &+= 8
        }
        while k < end && ByteText.isKeyByte(p.load(fromByteOffset: k, as: UInt8.self)) { k &+= 1 }
        return k < end && p.load(fromByteOffset: k, as: UInt8.self) == 0x3D ? k : -1
    }

    /// For eight bytes (a little-endian word): the high bit of each byte that is no ASCII letter.
    /// Exact for every byte: bit 0x20 folds upper case onto lower case, and the range test works
    /// on the low seven bits, where adding a constant below 0x80 never carries.
    @inlinable @inline(__always)
    static func nonLetterBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let folded = (word & ~highs) | (ones &* 0x20)
        let letter = (folded &+ ones &* (0x80 - 0x61)) & ~(folded &+ ones &* (0x80 - 0x7B)) & ~word & highs
        return ~letter & highs
    }

    /// When the `,` at `j` ends a value (`, key=`, or with `stopAtDiscard` a final `, discard`):
    /// `fieldEnd`'s result for it.
    @inlinable @inline(__always)
    func separatorEnd(at j: Int, stopAtDiscard: Bool) -> (valueEnd: Int, nextKeyEnd: Int)? {
        let key = separatorKeyEnd(at: j)
        if key >= 0 { return (j, key) }
        if stopAtDiscard && isTrailingWord("discard", at: j) { return (j, -1) }
        return nil
    }

    /// For eight bytes (a little-endian word): the high bit of every `,`, `"`, `<`, `>` and `\\`
    /// byte, and possibly of some others (`^`, `|`, `~`, a few control bytes, and bytes just above
    /// a flagged one): a superset the caller filters by reading the byte. `<>\\` and those
    /// others are the bytes that equal 0x7E once bits 0x62 are set, so three tests cover all five.
    @inlinable @inline(__always)
    static func structuralCandidates(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let commas = ((word ^ (ones &* 0x2C)) &- ones) & ~(word ^ (ones &* 0x2C))
        return bracketCandidates(word) | (commas & ~word & (ones &* 0x80))
    }

    /// Reads a key at `i`: returns the index of its `=`, or nil when `i` does not start `key=`.
    @inlinable @inline(__always)
    func keyEnd(at i: Int) -> Int? {
        guard i >= 0, i < end, let p = base.baseAddress, ByteText.isAlnum(p.load(fromByteOffset: i, as: UInt8.self))
        else { return nil }
        // The key's other bytes eight at a time (a byte loop cost ~8 instructions per key byte).
        let k = keyRestEnd(p, from: i &+ 1)
        return k >= 0 ? k : nil
    }

    /// True when the key `lower..<upper` is exactly `literal`.
    @inlinable
    func keyIs(_ lower: Int, _ upper: Int, _ literal: StaticString) -> Bool {
        upper - lower == literal.utf8CodeUnitCount && has(literal, at: lower)
    }
}
