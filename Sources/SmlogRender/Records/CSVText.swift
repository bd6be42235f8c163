/// RFC 4180 cells with the OWASP guard against formula injection: text from the log that
/// starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet shows it
/// as text instead of running it. Every text cell is quoted.
enum CSVText {
    static func appendCell(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if let first = s.utf8.first,
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
        {
            out.append(UInt8(ascii: "'"))
        }
        for b in s.utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}
