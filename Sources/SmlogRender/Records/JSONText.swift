/// JSON string escaping. Swift strings are valid UTF-8 (invalid log bytes were replaced by
/// U+FFFD when the string was made), so escaping quotes, backslashes and control characters
/// is all it takes for the output to be valid JSON. C1 controls (U+0080–U+009F, which some
/// terminals take as escape sequences) and the line separators U+2028/U+2029 (line ends to
/// JavaScript) are escaped too, so NDJSON shown on a terminal or embedded in a page stays inert.
enum JSONText {
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Copies runs of plain bytes in one go; only what must not appear raw is rewritten.
    static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var runStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let special = b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F
                || b == 0xC2 || b == 0xE2
            guard special else {
                i += 1
                continue
            }
            var escape: UInt32?
            var width = 1
            switch b {
            case 0xC2:
                // C2 80…C2 9F: a C1 control.
                if i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                    escape = UInt32(bytes[i + 1])
                    width = 2
                }
            case 0xE2:
                // E2 80 A8 / E2 80 A9: U+2028 / U+2029.
                if i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    escape = 0x2000 | UInt32(bytes[i + 2] - 0x80)
                    width = 3
                }
            default:
                escape = UInt32(b)
            }
            guard let code = escape else {
                i += 1
                continue
            }
            if i > runStart { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<i])) }
            switch code {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default: appendUnicodeEscape(code, to: &out)
            }
            i += width
            runStart = i
        }
        if bytes.count > runStart { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    /// `\uXXXX`.
    private static func appendUnicodeEscape(_ code: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigit(UInt8((code >> UInt32(shift)) & 0xF)))
        }
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }

    /// Decimal digits of `n` without making a String.
    static func appendInteger(_ n: Int, to out: inout [UInt8]) {
        if n < 0 {
            out.append(UInt8(ascii: "-"))
            if n == Int.min {
                out.append(contentsOf: "9223372036854775808".utf8)
                return
            }
            appendInteger(-n, to: &out)
            return
        }
        if n < 10 {
            out.append(48 + UInt8(n))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = n
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[19 - count] = 48 + UInt8(v % 10)
                v /= 10
                count += 1
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(20 - count)..<20]))
        }
    }
}
