/// Text safe to print on a terminal: control characters (C0, DEL, C1), which could move the
/// cursor, retitle the window or rewrite the screen, are written as visible escapes (`\x1b`,
/// `\u{9b}`). File names and log text reach standard error this way.
enum VisibleText {
    static func escaping(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80, isControl(scalar) {
                out += "\\x" + hex(scalar.value)
            } else if isControl(scalar) {
                out += "\\u{" + hex(scalar.value) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
