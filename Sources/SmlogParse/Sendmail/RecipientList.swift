/// The recipients of a `to=` value, one byte range each.
///
/// sendmail joins the recipients of one delivery attempt with `,` (no space): `<a@b>,<c@d>`,
/// `root`, `"|/usr/bin/procmail -f- || exit 75 #phil"@ok.com`, `Vasya <a@b>`. A comma splits only
/// outside `"…"` and `<…>`, and never right after a backslash. Elements are trimmed of spaces and
/// empty elements are skipped; an element keeps its display name and brackets as written (the
/// correlator normalizes addresses). Other list values split by the same rules on another
/// separator (the `;` between the queue ids of a clone or split notice).
public struct RecipientList: Sequence {
    @usableFromInline let text: ByteText
    @usableFromInline let lower: Int
    @usableFromInline let separator: UInt8

    /// The recipients of `range` in `line` (usually `parsed[.to]`).
    @inlinable
    public init(_ line: LineBytes, _ range: ByteRange) {
        self.init(bytes: line.base, range: range)
    }

    /// The elements of `range` in `bytes`, split on `separator` (`,` for recipients).
    @inlinable
    public init(bytes: UnsafeRawBufferPointer, range: ByteRange, separator: UInt8 = 0x2C) {
        let upper = Swift.max(0, Swift.min(Int(range.upper), bytes.count))
        text = ByteText(bytes, end: upper)
        lower = Swift.max(0, Swift.min(Int(range.lower), upper))
        self.separator = separator
    }

    /// The elements of all of `bytes`, split on `separator`, each as its own slice of `bytes`.
    @inlinable
    public static func forEach(
        in bytes: UnsafeRawBufferPointer, separator: UInt8, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        for range in RecipientList(bytes: bytes, range: ByteRange(0, bytes.count), separator: separator) {
            body(UnsafeRawBufferPointer(rebasing: bytes[Int(range.lower)..<Int(range.upper)]))
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(text: text, position: lower, separator: separator) }

    /// How many recipients the value holds.
    @inlinable
    public var count: Int {
        var n = 0
        for _ in self { n += 1 }
        return n
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let text: ByteText
        @usableFromInline var position: Int
        @usableFromInline let separator: UInt8

        @inlinable
        init(text: ByteText, position: Int, separator: UInt8) {
            self.text = text
            self.position = position
            self.separator = separator
        }

        @inlinable
        public mutating func next() -> ByteRange? {
            while position < text.end {
                let start = position
                let end = elementEnd(from: start)
                position = end + 1
                let lo = text.skipSpaces(start)
                let hi = text.trimTrailing(lo, end)
                if hi > lo { return ByteRange(lo, hi) }
            }
            return nil
        }

        /// Index of the separator that ends the element starting at `start`, or the end.
        @usableFromInline
        func elementEnd(from start: Int) -> Int {
            // Most lists hold one element: with no separator byte anywhere after `start`, every
            // rule of the quoting scan ends the element at the end. Finding that takes a third
            // of the scan's instructions per word (and none of its set-up).
            hasSeparator(from: Swift.max(start, 0)) ? quotedElementEnd(from: start) : text.end
        }

        /// `elementEnd` by the quoting rules.
        @usableFromInline @inline(never)
        func quotedElementEnd(from start: Int) -> Int {
            var i = Swift.max(start, 0)
            var quoting = QuotingState()
            let ones: UInt64 = 0x0101_0101_0101_0101
            let separators = ones &* UInt64(separator)
            // Eight bytes per step, as in `ByteText.fieldEnd`: the candidate mask flags every
            // quoting byte and separator of the word (and maybe others, which are ignored).
            scan: while i + 8 <= text.end {
                let word = UInt64(littleEndian: text.base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let x = word ^ separators
                var candidates = (((x &- ones) & ~x) | ByteText.structuralCandidates(word)) & (ones &* 0x80)
                while candidates != 0 {
                    let j = i &+ candidates.trailingZeroBitCount >> 3
                    candidates &= candidates &- 1
                    let byte = text.base[j]
                    if byte == 0x5C {
                        i = text.afterEscape(at: j)
                        continue scan
                    }
                    if quoting.isTopLevelSeparator(byte, separator) { return j }
                }
                i += 8
            }
            while i < text.end {
                let byte = text[i]
                if byte == 0x5C {
                    i = text.afterEscape(at: i)
                    continue
                }
                if quoting.isTopLevelSeparator(byte, separator) { return i }
                i += 1
            }
            if quoting.isUnbalanced {
                // Never closed (a cut value): split on the first separator after all.
                return text.index(of: separator, from: start) ?? text.end
            }
            return text.end
        }

        /// True when a separator byte occurs at or after `start` (`start >= 0`).
        @inlinable @inline(__always)
        func hasSeparator(from start: Int) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let separators = ones &* UInt64(separator)
            @inline(__always) func hasSeparator(at i: Int) -> Bool {
                let x = UInt64(littleEndian: text.base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ separators
                return (x &- ones) & ~x & (ones &* 0x80) != 0
            }
            guard text.end - start >= 8 else {
                var i = start
                while i < text.end {
                    if text.base[i] == separator { return true }
                    i += 1
                }
                return false
            }
            var i = start
            while i + 8 <= text.end {
                if hasSeparator(at: i) { return true }
                i += 8
            }
            // The last bytes as one word ending at the end (it overlaps bytes already read).
            return i < text.end && hasSeparator(at: text.end - 8)
        }
    }
}

@available(*, unavailable)
extension RecipientList: Sendable {}
