/// Reduces an unrecognised line to its shape, so lines that differ only in times, ids,
/// numbers and addresses count together: the syslog header is skipped, a word holding `@`
/// becomes `ADDR`, a word of 8 or more letters and digits mixed (queue ids, hex ids)
/// becomes `ID`, every other run of digits becomes `#`, runs of spaces shrink to one.
/// Works on the line's bytes into a caller-owned buffer: no allocation once the buffer
/// has grown to `maxLength`.
enum LineShape {
    /// Longest shape kept, in bytes (longer lines are cut; the shape still groups them).
    static let maxLength = 160

    /// Writes the shape of `line` into `out` (cleared first) and returns its FNV-1a hash.
    static func shape(of line: UnsafeRawBufferPointer, into out: inout [UInt8]) -> UInt64 {
        out.removeAll(keepingCapacity: true)
        let n = line.count
        var i = messageStart(line)
        var lastWasSpace = true
        while i < n && out.count < maxLength {
            let b = line[i]
            if isDelimiter(b) {
                if b == 32 || b == 9 {
                    if !lastWasSpace { out.append(32) }
                    lastWasSpace = true
                } else {
                    out.append(b)
                    lastWasSpace = false
                }
                i += 1
                continue
            }
            var end = i
            var hasAt = false, hasDigit = false, hasLetter = false, alnumOnly = true
            while end < n && !isDelimiter(line[end]) {
                let c = line[end]
                if c == 64 { hasAt = true }
                if ASCIIMatch.isDigit(c) { hasDigit = true }
                else if isLetter(c) { hasLetter = true }
                else { alnumOnly = false }
                end += 1
            }
            if hasAt {
                append("ADDR", to: &out)
            } else if alnumOnly && hasDigit && hasLetter && end - i >= 8 {
                append("ID", to: &out)
            } else {
                var j = i
                while j < end {
                    if ASCIIMatch.isDigit(line[j]) {
                        out.append(35)   // '#'
                        while j < end && ASCIIMatch.isDigit(line[j]) { j += 1 }
                    } else {
                        out.append(line[j])
                        j += 1
                    }
                }
            }
            lastWasSpace = false
            i = end
        }
        if out.count > maxLength { out.removeLast(out.count - maxLength) }
        while out.last == 32 { out.removeLast() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in out { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// Where the program's message starts: after the first `: ` when the line begins like a
    /// syslog header (a month name, an RFC 3339 date, or `<pri>`), else at 0.
    static func messageStart(_ line: UnsafeRawBufferPointer) -> Int {
        let n = line.count
        guard n >= 4 else { return 0 }
        let looksLikeHeader =
            (isLetter(line[0]) && isLetter(line[1]) && isLetter(line[2]) && line[3] == 32)
            || (ASCIIMatch.isDigit(line[0]) && ASCIIMatch.isDigit(line[1]) && ASCIIMatch.isDigit(line[2])
                && ASCIIMatch.isDigit(line[3]))
            || line[0] == 60
        guard looksLikeHeader else { return 0 }
        let limit = min(n - 1, 200)
        var i = 0
        while i < limit {
            if line[i] == 58 && line[i + 1] == 32 { return i + 2 }
            i += 1
        }
        return 0
    }

    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }

    @inline(__always)
    private static func isDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case 32, 9, 44, 59, 61, 40, 41, 91, 93, 60, 62, 34, 39, 58: true   // space tab , ; = ( ) [ ] < > " ' :
        default: false
        }
    }

    private static func append(_ s: StaticString, to out: inout [UInt8]) {
        let p = s.utf8Start
        for k in 0..<s.utf8CodeUnitCount { out.append(p[k]) }
    }
}
