/// Finds where a `key=value` value ends in sendmail's `key=value, key=value` lists.
///
/// Values may contain `, ` themselves (`to=` display names, quoted program addresses, `arg1=`,
/// shortened texts), so a value ends only at `, ` followed by something that looks like the next
/// key (`letters/digits/_/-` then `=`), and that separator must lie outside `"…"` and `<…>`.
/// A backslash hides the byte after it (sendmail's `str2prt` doubles real backslashes, so a run
/// of backslashes hides the byte after the run). When quotes or brackets never close (values
/// are cut at fixed lengths), the first key-like separator anywhere is used instead.
extension ByteText {
    /// True when `j` starts `, key=`.
    @inlinable
    func isFieldSeparator(at j: Int) -> Bool {
        guard self[j] == 0x2C, self[j + 1] == 0x20 else { return false }
        var k = j + 2
        guard ByteText.isAlnum(self[k]) else { return false }
        while ByteText.isKeyByte(self[k]) { k += 1 }
        return self[k] == 0x3D
    }

    /// True when `j` starts `, WORD` and WORD runs to the end of the text
    /// (`…, discard` at the end of ruleset and milter lines).
    @inlinable
    func isTrailingWord(_ word: StaticString, at j: Int) -> Bool {
        self[j] == 0x2C && self[j + 1] == 0x20 && isExactly(word, from: j + 2)
    }

    /// End of a value that starts at `start`: the index of the `,` of the next field separator,
    /// or `end`. With `stopAtDiscard`, a final `, discard` also ends the value.
    @usableFromInline
    func valueEnd(from start: Int, stopAtDiscard: Bool = false) -> Int {
        var i = start
        var inQuote = false
        var angleDepth = 0
        while i < end {
            let c = base[i]
            switch c {
            case 0x5C:  // backslash: skip the run and the byte it hides
                while i < end && base[i] == 0x5C { i += 1 }
                i += 1
                continue
            case 0x22:
                inQuote.toggle()
            case 0x3C where !inQuote:
                angleDepth += 1
            case 0x3E where !inQuote:
                if angleDepth > 0 { angleDepth -= 1 }
            case 0x2C where !inQuote && angleDepth == 0:
                if isFieldSeparator(at: i) || (stopAtDiscard && isTrailingWord("discard", at: i)) {
                    return i
                }
            default:
                break
            }
            i += 1
        }
        guard inQuote || angleDepth > 0 else { return end }
        // Unbalanced: a cut or odd value; take the first separator regardless of quoting.
        var j = start
        while j < end {
            if base[j] == 0x2C
                && (isFieldSeparator(at: j) || (stopAtDiscard && isTrailingWord("discard", at: j)))
            {
                return j
            }
            j += 1
        }
        return end
    }

    /// Reads a key at `i`: returns the index of its `=`, or nil when `i` does not start `key=`.
    @inlinable
    func keyEnd(at i: Int) -> Int? {
        guard ByteText.isAlnum(self[i]) else { return nil }
        var k = i + 1
        while ByteText.isKeyByte(self[k]) { k += 1 }
        return self[k] == 0x3D ? k : nil
    }

    /// True when the key `lower..<upper` is exactly `literal`.
    @inlinable
    func keyIs(_ lower: Int, _ upper: Int, _ literal: StaticString) -> Bool {
        upper - lower == literal.utf8CodeUnitCount && has(literal, at: lower)
    }
}
