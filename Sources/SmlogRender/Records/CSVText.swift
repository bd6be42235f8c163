/// RFC 4180 cells with the OWASP guard against formula injection: text from the log that
/// starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet shows it
/// as text instead of running it. Every text cell is quoted. Control characters other than
/// tab (C0, DEL, C1: cursor moves, screen rewrites, a CR that hides what precedes it) are
/// written as visible `\xNN`, so a CSV shown on a terminal cannot act on it.
enum CSVText {
    private static let hex: StaticString = "0123456789abcdef"

    /// The most bytes a cell of `utf8Count` bytes can take: quotes, the formula guard and four
    /// bytes (`\xNN`) per byte.
    static func maximumLength(utf8Count: Int) -> Int { 3 + 4 * utf8Count }

    static func appendCell(_ s: String, to out: inout [UInt8]) {
        out.appendWithCursor(maximumCount: maximumLength(utf8Count: s.utf8.count)) { appendCell(s, to: &$0) }
    }

    /// `s` as one quoted cell.
    @inline(__always)
    static func appendCell(_ s: String, to out: inout ByteCursor) {
        s.withUTF8Bytes { appendCell(bytes: $0, to: &out) }
    }

    /// `bytes` (valid UTF-8) as one quoted cell.
    ///
    /// Inlined into each field of a record, like `JSONText.appendQuoted`: a short plain cell
    /// that needs no guard takes one block test and a few stores, a longer one is copied
    /// sixteen bytes at a time while tested, and only a cell with something to escape goes to
    /// the outlined loop, which writes it again over the same place.
    @inline(__always)
    static func appendCell(bytes: UnsafeRawBufferPointer, to out: inout ByteCursor) {
        let n = bytes.count
        out.reserve(maximumLength(utf8Count: n))
        if let base = bytes.baseAddress, n <= 16 {
            let block = PlainBytes.load(base, count: n)
            // The first byte is the block's lowest (spaces when empty); tab and CR, the other
            // guarded starts, are controls the block test already flags.
            if !PlainBytes.mayNeedCSVEscape(block), !startsFormula(UInt8(truncatingIfNeeded: block[0])) {
                out.appendQuoted(block, count: n)
                return
            }
        }
        out.append(UInt8(ascii: "\""))
        if let first = bytes.first { appendFormulaGuard(first, to: &out) }
        if !out.appendIfPlain(bytes, flags: PlainBytes.csvEscapeFlags) {
            appendEscapedOutlined(bytes, to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The escaping loop, kept out of the many places `appendCell` is inlined into.
    @inline(never)
    private static func appendEscapedOutlined(_ bytes: UnsafeRawBufferPointer, to out: inout ByteCursor) {
        appendEscaped(bytes, to: &out)
    }

    /// `items` joined by single spaces as one quoted cell (the guard looks at the joined text).
    static func appendCell(joining items: [String], separator: UInt8, to out: inout ByteCursor) {
        out.reserve(3)
        out.append(UInt8(ascii: "\""))
        for (index, item) in items.enumerated() {
            item.withUTF8Bytes { bytes in
                out.reserve(2 + 4 * bytes.count)
                if index > 0 { out.append(separator) }
                if index == 0, let first = bytes.first { appendFormulaGuard(first, to: &out) }
                appendEscaped(bytes, to: &out)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Worst case of `appendCell(joining:)`.
    static func maximumLength(joining items: [String]) -> Int {
        var total = 3
        for item in items { total += 1 + 4 * item.utf8.count }
        return total
    }

    @inline(__always)
    private static func appendFormulaGuard(_ first: UInt8, to out: inout ByteCursor) {
        if startsFormula(first) || first == 0x09 || first == 0x0D {
            out.append(UInt8(ascii: "'"))
        }
    }

    /// `=`, `+`, `-`, `@`: the printable starts a spreadsheet takes for a formula.
    @inline(__always)
    private static func startsFormula(_ first: UInt8) -> Bool {
        first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@")
    }

    /// Doubles quotes and makes controls visible; plain runs are copied whole (`PlainBytes`).
    /// The caller has reserved `4 * bytes.count`.
    @inline(__always)  // two callers
    private static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to out: inout ByteCursor) {
        let n = bytes.count
        PlainBytes.copyEscaping(bytes, to: &out, mayNeedEscape: PlainBytes.mayNeedCSVEscape) { i, run, out in
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                out.append(run)
                out.append(b, b)
                return 1
            case 0..<0x09, 0x0A..<0x20, 0x7F:
                out.append(run)
                appendVisible(b, to: &out)
                return 1
            case 0xC2 where i + 1 < n && (0x80...0x9F).contains(bytes[i + 1]):
                // A C1 control: its second byte, made visible, stands for the character.
                out.append(run)
                appendVisible(bytes[i + 1], to: &out)
                return 2
            default:
                return 0
            }
        }
    }

    /// `\xNN`.
    private static func appendVisible(_ b: UInt8, to out: inout ByteCursor) {
        let digits = hex.utf8Start
        out.append(UInt8(ascii: "\\"), UInt8(ascii: "x"))
        out.append(digits[Int(b >> 4)], digits[Int(b & 0xF)])
    }
}
