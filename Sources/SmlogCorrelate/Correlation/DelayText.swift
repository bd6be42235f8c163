/// `delay=` / `xdelay=` values: `HH:MM:SS` or `D+HH:MM:SS`, in seconds.
enum DelayText {
    /// nil when absent or malformed. A clock stepping back can make sendmail print a
    /// negative part (`00:00:-5`): such values count as 0.
    static func seconds(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var days = 0
        var parts = [0, 0, 0]
        var part = 0
        var negative = false
        var sawDigit = false
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard parts[part] < 100_000_000 else { return nil }
                parts[part] = parts[part] * 10 + Int(b - 48)
                sawDigit = true
            case UInt8(ascii: "+"):
                guard part == 0 else { return nil }
                days = parts[0]
                parts[0] = 0
            case UInt8(ascii: ":"):
                part += 1
                guard part < 3 else { return nil }
            case UInt8(ascii: "-"):
                negative = true
            default:
                return nil
            }
        }
        guard sawDigit, part == 2 else { return nil }
        if negative { return 0 }
        return days * 86_400 + parts[0] * 3_600 + parts[1] * 60 + parts[2]
    }
}
