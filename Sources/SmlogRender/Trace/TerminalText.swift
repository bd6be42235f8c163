/// Makes log content safe for a terminal: control characters (C0, DEL, C1), bidirectional
/// overrides and bytes that are not UTF-8 are written visibly (`\x1b`, `\u{202e}`, `\xff`)
/// instead of being passed through, so a crafted log line cannot move the cursor, recolour
/// or reorder what the reader sees. (Backslashes are left alone: readability wins over
/// telling a logged `\x1b` text from an escaped byte.)
enum TerminalText {
    static func escape(_ text: String) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isHidden(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }

    /// Raw line bytes: valid UTF-8 is kept (escaped as above), every other byte is `\xNN`.
    static func escape(bytes: [UInt8]) -> String {
        var out = ""
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = decode(bytes, at: i) {
                append(scalar, to: &out)
                i += length
            } else {
                out += hex(bytes[i])
                i += 1
            }
        }
        return out
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        if scalar.value < 0x100, isHidden(scalar) {
            out += hex(UInt8(scalar.value))
        } else if isHidden(scalar) {
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }

    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }

    /// One UTF-8 scalar at `i` (rejecting overlong forms, surrogates and values past U+10FFFF).
    private static func decode(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 3 ? 0x800 : length == 4 ? 0x10000 : 0x80
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
