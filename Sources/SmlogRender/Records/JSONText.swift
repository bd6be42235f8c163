/// JSON string escaping. Swift strings are valid UTF-8 (invalid log bytes were replaced by
/// U+FFFD when the string was made), so escaping quotes, backslashes and control characters
/// is all it takes for the output to be valid JSON. C1 controls (U+0080–U+009F, which some
/// terminals take as escape sequences) and the line separators U+2028/U+2029 (line ends to
/// JavaScript) are escaped too, so NDJSON shown on a terminal or embedded in a page stays inert.
enum JSONText {
    /// The most bytes a string of `utf8Count` bytes can take quoted and escaped: one byte can
    /// become six (`\u001b`); a C1 control (2 bytes) or U+2028 (3 bytes) becomes six too.
    static func maximumLength(utf8Count: Int) -> Int { 2 + 6 * utf8Count }

    /// Longest decimal integer (`-9223372036854775808`).
    static let maximumIntegerLength = 20

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.appendWithCursor(maximumCount: maximumLength(utf8Count: s.utf8.count)) { appendString(s, to: &$0) }
    }

    @inline(__always)
    static func appendString(_ s: String, to out: inout ByteCursor) {
        s.withUTF8Bytes { appendQuoted($0, to: &out) }
    }

    /// `bytes` between quotes, escaped.
    ///
    /// Inlined into each field of a record: most values (statuses, queue ids, addresses, DSNs)
    /// are short and plain, and take one block test and a few stores here; longer plain ones
    /// are copied sixteen bytes at a time while tested. Only a value with something to escape
    /// goes to the outlined escaping loop, which writes it again over the same place.
    @inline(__always)
    static func appendQuoted(_ bytes: UnsafeRawBufferPointer, to out: inout ByteCursor) {
        let n = bytes.count
        out.reserve(maximumLength(utf8Count: n))
        if let base = bytes.baseAddress, n <= 16 {
            let block = PlainBytes.load(base, count: n)
            if !PlainBytes.mayNeedJSONEscape(block) {
                out.appendQuoted(block, count: n)
                return
            }
        }
        out.append(UInt8(ascii: "\""))
        if !out.appendIfPlain(bytes, flags: PlainBytes.jsonEscapeFlags) {
            appendEscapedOutlined(bytes, to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The escaping loop, kept out of the many places `appendQuoted` is inlined into.
    @inline(never)
    private static func appendEscapedOutlined(_ bytes: UnsafeRawBufferPointer, to out: inout ByteCursor) {
        appendEscaped(bytes, to: &out)
    }

    /// Rewrites only what must not appear raw; plain runs are copied whole (`PlainBytes`).
    /// The caller has reserved `6 * bytes.count`.
    @inline(__always)  // one caller
    private static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to out: inout ByteCursor) {
        let n = bytes.count
        PlainBytes.copyEscaping(bytes, to: &out, mayNeedEscape: PlainBytes.mayNeedJSONEscape) { i, run, out in
            let b = bytes[i]
            let code: UInt32
            let width: Int
            switch b {
            case 0xC2 where i + 1 < n && (0x80...0x9F).contains(bytes[i + 1]):
                // C2 80…C2 9F: a C1 control.
                code = UInt32(bytes[i + 1])
                width = 2
            case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                // E2 80 A8 / E2 80 A9: U+2028 / U+2029.
                code = 0x2000 | UInt32(bytes[i + 2] - 0x80)
                width = 3
            case 0..<0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x7F:
                code = UInt32(b)
                width = 1
            default:
                return 0
            }
            out.append(run)
            switch code {
            case 0x22: out.append(0x5C, 0x22)
            case 0x5C: out.append(0x5C, 0x5C)
            case 0x0A: out.append(0x5C, UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C, UInt8(ascii: "r"))
            case 0x09: out.append(0x5C, UInt8(ascii: "t"))
            default: appendUnicodeEscape(code, to: &out)
            }
            return width
        }
    }

    /// `\uXXXX`.
    private static func appendUnicodeEscape(_ code: UInt32, to out: inout ByteCursor) {
        out.append(0x5C, UInt8(ascii: "u"))
        out.append(hexDigit(UInt8((code >> 12) & 0xF)), hexDigit(UInt8((code >> 8) & 0xF)))
        out.append(hexDigit(UInt8((code >> 4) & 0xF)), hexDigit(UInt8(code & 0xF)))
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }

    static func appendInteger(_ n: Int, to out: inout [UInt8]) {
        out.appendWithCursor(maximumCount: maximumIntegerLength) { appendInteger(n, to: &$0) }
    }

    /// Decimal digits of `n` without making a String.
    @inline(__always)
    static func appendInteger(_ n: Int, to out: inout ByteCursor) {
        out.reserve(maximumIntegerLength)
        if n < 0 { out.append(UInt8(ascii: "-")) }
        out.appendDecimal(UInt64(n.magnitude))  // Int.min has a magnitude too
    }
}
