/// A small streaming JSON writer: keys come out in the order they are written (a stable,
/// documented order), strings are escaped as RFC 8259 requires, output is always valid
/// UTF-8 (Swift strings are). Pretty-printed with two-space indentation.
struct JSONWriter {
    private(set) var out: [UInt8]
    private var hasElement: [Bool] = []
    /// Per open container: true when its elements stay on one line.
    private var inline: [Bool] = []
    private var afterKey = false
    let pretty: Bool

    init(into buffer: [UInt8] = [], pretty: Bool = true) {
        out = buffer
        self.pretty = pretty
    }

    /// `inline`: keep the members on one line (for small flat rows).
    mutating func beginObject(inline: Bool = false) { open(UInt8(ascii: "{"), inline: inline) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    /// `inline`: keep the elements on one line (for short arrays of numbers or names).
    mutating func beginArray(inline: Bool = false) { open(UInt8(ascii: "["), inline: inline) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func key(_ name: String) {
        separate()
        writeString(name)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(32) }
        afterKey = true
    }

    mutating func string(_ value: String) { openValue(); writeString(value) }
    mutating func int(_ value: Int) { openValue(); out.append(contentsOf: String(value).utf8) }
    mutating func bool(_ value: Bool) { openValue(); out.append(contentsOf: (value ? "true" : "false").utf8) }
    mutating func null() { openValue(); out.append(contentsOf: "null".utf8) }

    mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }

    /// `"name": value` shorthands.
    mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    mutating func field(_ name: String, _ value: Int?) { key(name); int(value) }
    mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    mutating func field(_ name: String, _ value: String?) { key(name); string(value) }
    mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }

    mutating func finish() -> [UInt8] {
        if pretty { out.append(10) }
        return out
    }

    // MARK: - Layout

    private mutating func openValue() {
        if afterKey { afterKey = false; return }
        separate()
    }

    private mutating func open(_ bracket: UInt8, inline isInline: Bool) {
        openValue()
        out.append(bracket)
        hasElement.append(false)
        inline.append(isInline || (inline.last ?? false))
    }

    /// Comma and newline before an element of the innermost container.
    private mutating func separate() {
        guard let last = hasElement.last else { return }
        if last {
            out.append(UInt8(ascii: ","))
            if pretty && inline.last == true { out.append(32) }
        }
        hasElement[hasElement.count - 1] = true
        newline()
    }

    private mutating func close(_ bracket: UInt8) {
        let hadElements = hasElement.popLast() ?? false
        if hadElements { newline() }
        _ = inline.popLast()
        out.append(bracket)
    }

    private mutating func newline() {
        guard pretty, inline.last != true else { return }
        out.append(10)
        for _ in 0..<hasElement.count { out.append(32); out.append(32) }
    }

    private mutating func writeString(_ value: String) {
        out.append(UInt8(ascii: "\""))
        var utf8 = Array(value.utf8)[...]
        while let b = utf8.popFirst() {
            switch b {
            case UInt8(ascii: "\""): out.append(92); out.append(b)
            case UInt8(ascii: "\\"): out.append(92); out.append(b)
            case 0x0A: out.append(92); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(92); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(92); out.append(UInt8(ascii: "t"))
            case 0..<0x20, 0x7F: appendUnicodeEscape(UInt32(b))
            case 0xE2 where utf8.count >= 2 && utf8[utf8.startIndex] == 0x80
                && (utf8[utf8.startIndex + 1] == 0xA8 || utf8[utf8.startIndex + 1] == 0xA9):
                // U+2028 / U+2029 are valid JSON but end lines in JavaScript: escape them.
                let last = utf8[utf8.startIndex + 1]
                utf8 = utf8.dropFirst(2)
                appendUnicodeEscape(last == 0xA8 ? 0x2028 : 0x2029)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func appendUnicodeEscape(_ value: UInt32) {
        out.append(contentsOf: "\\u".utf8)
        let hex = String(value, radix: 16)
        for _ in hex.count..<4 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: hex.utf8)
    }
}
