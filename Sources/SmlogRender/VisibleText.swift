/// Makes log text safe to print on a terminal or in a mail: control characters become
/// visible escapes (`\t`, `\n`, `\r`, `\x1b`, `\u{85}`), as do the Unicode characters that
/// reorder or break lines (bidi overrides and isolates, U+2028/U+2029), so log content can
/// never move the cursor, recolour the screen or disguise text. Backslashes are left alone,
/// so sendmail's own `\ooo` escapes read as sendmail wrote them.
enum VisibleText {
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0..<0x80: out += "\\x" + hex(scalar.value, width: 2)
            default: out += "\\u{" + hex(scalar.value, width: 1) + "}"
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F: true                       // C0, DEL, C1
        case 0x200E, 0x200F, 0x2028, 0x2029: true              // LRM, RLM, line/paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069: true            // bidi embeddings, overrides, isolates
        default: false
        }
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Display width used for alignment: one column per Unicode scalar (wide East Asian
    /// characters are rare in mail logs and only shift alignment, never content).
    static func width(_ text: String) -> Int { text.unicodeScalars.count }

    /// `text` cut to `width` columns, ending with `…` when cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let scalars = text.unicodeScalars
        guard scalars.count > width else { return text }
        var out = String(String.UnicodeScalarView(scalars.prefix(width - 1)))
        out += "…"
        return out
    }
}
