/// Numbers in field values, read without trapping on any input.
enum TraceNumbers {
    /// A non-negative decimal integer; nil when empty, not all digits, or too large.
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for b in bytes {
            guard b &- 0x30 < 10 else { return nil }
            value = value * 10 + Int(b &- 0x30)
        }
        return value
    }

    /// sendmail's `[D+]HH:MM:SS` delay in seconds.
    static func duration(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 24 else { return nil }
        var days = 0
        var start = 0
        if let plus = bytes.firstIndex(of: UInt8(ascii: "+")) {
            guard let d = integer(TraceBytes.slice(bytes, 0, plus)) else { return nil }
            days = d
            start = plus + 1
        }
        var parts: [Int] = []
        var fieldStart = start
        for i in start...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: ":") {
            guard let value = integer(TraceBytes.slice(bytes, fieldStart, i)) else { return nil }
            parts.append(value)
            fieldStart = i + 1
        }
        guard parts.count == 3 else { return nil }
        return days * 86_400 + parts[0] * 3_600 + parts[1] * 60 + parts[2]
    }
}
