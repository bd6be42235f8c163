/// JSON string escaping. Swift strings are valid UTF-8 (invalid log bytes were replaced by
/// U+FFFD when the string was made), so escaping quotes, backslashes and control characters
/// is all it takes for the output to be valid JSON. C1 controls (U+0080–U+009F, which some
/// terminals take as escape sequences) and the line separators U+2028/U+2029 (line ends to
/// JavaScript) are escaped too, so NDJSON shown on a terminal or embedded in a page stays inert.
enum JSONText {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var previous: UInt8 = 0
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                appendEscape(UInt32(b), to: &out)
            case 0x80...0x9F where previous == 0xC2:
                // C1 control: its lead byte 0xC2 was already written; replace the pair.
                out.removeLast()
                appendEscape(UInt32(b), to: &out)
            case 0xA8...0xA9 where previous == 0x80 && out.count >= 2 && out[out.count - 2] == 0xE2:
                // U+2028 / U+2029 (E2 80 A8 / E2 80 A9).
                out.removeLast(2)
                appendEscape(0x2000 | UInt32(b - 0x80), to: &out)
            default: out.append(b)
            }
            previous = b
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ value: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
