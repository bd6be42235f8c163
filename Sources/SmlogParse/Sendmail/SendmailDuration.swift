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
