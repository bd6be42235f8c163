/// RFC 4180 cells with the OWASP guard against formula injection: text from the log that
/// starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet shows it
/// as text instead of running it. Every text cell is quoted. Control characters other than
/// tab (C0, DEL, C1: cursor moves, screen rewrites, a CR that hides what precedes it) are
/// written as visible `\xNN`, so a CSV shown on a terminal cannot act on it.
enum CSVText {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendCell(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if let first = s.utf8.first,
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
        {
            out.append(UInt8(ascii: "'"))
        }
        var previous: UInt8 = 0
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [b, b])
            case 0x09: out.append(b)
            case 0..<0x20, 0x7F: appendVisible(b, to: &out)
            case 0x80...0x9F where previous == 0xC2:
                out.removeLast()  // the C1 control's lead byte
                appendVisible(b, to: &out)
            default: out.append(b)
            }
            previous = b
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendVisible(_ b: UInt8, to out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
    }
}
