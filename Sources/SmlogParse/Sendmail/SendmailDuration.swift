/// sendmail's brief interval format (`delay=`, `xdelay=`, `done; delay=`): `HH:MM:SS` or
/// `D+HH:MM:SS`, days unbounded (`8+03:40:15`).
///
/// sendmail prints each component of a negative interval (a clock stepped back) with its own
/// sign, e.g. `00:00:-5` or `-1:-2:-3`; such values are read as signed and a negative total is
/// clamped to 0, since a delay cannot really be negative. Anything else (empty, missing parts,
/// trailing text, more than 9 digits in a component) is not a duration: nil.
public enum SendmailDuration {
    /// The duration in seconds, or nil when `text` is not in the brief interval format.
    public static func seconds(of text: UnsafeRawBufferPointer) -> Int? {
        // Nearly every value is `HH:MM:SS` or `D+HH:MM:SS`: read those directly (about 40
        // instructions instead of ~370 for the general reader below).
        if let common = unsignedCommonForm(text) { return common }
        return generalForm(text)
    }

    /// `HH:MM:SS` with two digits each, optionally after `D+` (1 to 9 day digits); nil for
    /// anything else (which the general reader then decides).
    @inline(__always)
    private static func unsignedCommonForm(_ text: UnsafeRawBufferPointer) -> Int? {
        let n = text.count
        guard n >= 8 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = text[i] &- 0x30
            return d < 10 ? Int(d) : nil
        }
        let tail = n - 8
        // The clock as one word: colons at bytes 2 and 5, digits at the other six (a digit's high
        // nibble is 3 and stays 3 when 6 is added). ~30 instructions less than byte by byte.
        let word = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: tail, as: UInt64.self))
        let digitBytes: UInt64 = 0xFFFF_00FF_FF00_FFFF
        let colons: UInt64 = 0x0000_3A00_003A_0000
        let highNibbles = 0xF0F0_F0F0_F0F0_F0F0 & digitBytes, threes = 0x3030_3030_3030_3030 & digitBytes
        let digits = word & digitBytes
        guard word & ~digitBytes == colons, digits & highNibbles == threes,
            (digits &+ (0x0606_0606_0606_0606 & digitBytes)) & highNibbles == threes
        else { return nil }
        let values = digits ^ threes  // each digit byte now 0...9
        @inline(__always) func pair(_ shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (values >> shift) & 0xFF) &* 10 &+ Int(truncatingIfNeeded: (values >> (shift &+ 8)) & 0xFF)
        }
        let clock = pair(0) &* 3_600 &+ pair(24) &* 60 &+ pair(48)
        var days = 0
        if tail > 0 {
            let dayDigits = tail - 1
            guard dayDigits >= 1, dayDigits <= 9, text[tail - 1] == UInt8(ascii: "+") else { return nil }
            for i in 0..<dayDigits {
                guard let d = digit(i) else { return nil }
                days = days * 10 + d
            }
        }
        return days * 86_400 + clock
    }

    private static func generalForm(_ text: UnsafeRawBufferPointer) -> Int? {
        let t = ByteText(text, end: text.count)
        var i = 0
        var days = 0
        // Optional "D+".
        let dayDigits = t.digitRun(at: 0)
        if dayDigits > 0, t[dayDigits] == UInt8(ascii: "+") {
            guard dayDigits <= 9, let d = number(t, 0, dayDigits) else { return nil }
            days = d
            i = dayDigits + 1
        }
        var parts = (0, 0, 0)
        for k in 0..<3 {
            if k > 0 {
                guard t[i] == UInt8(ascii: ":") else { return nil }
                i += 1
            }
            let negative = t[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            let digits = t.digitRun(at: i)
            guard digits >= 1, digits <= 9, let value = number(t, i, i + digits) else { return nil }
            i += digits
            let signed = negative ? -value : value
            switch k {
            case 0: parts.0 = signed
            case 1: parts.1 = signed
            default: parts.2 = signed
            }
        }
        guard i == t.end else { return nil }
        let total = days * 86_400 + parts.0 * 3_600 + parts.1 * 60 + parts.2
        return max(0, total)
    }

    /// The duration of `range` in `line` (see `seconds(of:)`).
    public static func seconds(of range: ByteRange, in line: LineBytes) -> Int? {
        guard !range.isEmpty else { return nil }
        return seconds(of: line.slice(range))
    }

    private static func number(_ t: ByteText, _ lower: Int, _ upper: Int) -> Int? {
        var n = 0
        for i in lower..<upper { n = n * 10 + Int(t[i] &- 0x30) }
        return n
    }
}
