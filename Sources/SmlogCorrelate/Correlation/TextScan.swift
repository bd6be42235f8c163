import SmlogParse

/// Small byte-level readers the correlator needs on field values.
enum TextScan {
    /// `<a@b>` → `a@b`; `Name <a@b>` → `a@b`; anything else trimmed as is.
    static func normalizedAddress(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == UInt8(ascii: " ") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
        if upper > lower, bytes[upper - 1] == UInt8(ascii: ">"), let p = bytes.baseAddress {
            // Find the matching '<' (the last one before the end), unless inside quotes.
            var i = upper - 2
            // Eight bytes at a time while no '<' is among them (the exact has-zero-byte test
            // on `word ^ "<<<<<<<<"`), then byte by byte: ~60 instructions less an address.
            while i - 7 >= lower {
                let v = p.loadUnaligned(fromByteOffset: i - 7, as: UInt64.self) ^ 0x3C3C_3C3C_3C3C_3C3C
                if (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0 { break }
                i -= 8
            }
            while i >= lower, bytes[i] != UInt8(ascii: "<") { i -= 1 }
            if i >= lower, bytes[lower] != UInt8(ascii: "\"") || i == lower {
                return UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<(upper - 1)])
            }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
    }

    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    static func optionalString(_ bytes: UnsafeRawBufferPointer) -> String? {
        bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `bytes` are all ASCII and whether one is `@`, eight bytes at a time (a byte
    /// loop and a `contains` cost ~200 instructions on a typical sender).
    static func asciiScan(_ bytes: UnsafeRawBufferPointer) -> (isASCII: Bool, hasAt: Bool) {
        guard let p = bytes.baseAddress else { return (true, false) }
        let count = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let ats: UInt64 = 0x4040_4040_4040_4040
        var orAll: UInt64 = 0
        var atFound = false
        var i = 0
        while i + 8 <= count {
            let word = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            orAll |= word
            // A zero byte in `word ^ ats` is an `@` (the exact has-zero-byte test).
            let v = word ^ ats
            if (v &- ones) & ~v & high != 0 { atFound = true }
            i += 8
        }
        while i < count {
            let byte = p.load(fromByteOffset: i, as: UInt8.self)
            orAll |= UInt64(byte)
            if byte == UInt8(ascii: "@") { atFound = true }
            i += 1
        }
        return (orAll & high == 0, atFound)
    }

    /// A decimal integer (optionally negative); nil when not all digits.
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let count = bytes.count
        let negative = p.load(as: UInt8.self) == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        var value = 0
        // A plain loop on the pointer: `enumerated()` cost ~80 instructions a size= value.
        while i < count {
            let digit = p.load(fromByteOffset: i, as: UInt8.self) &- 48
            guard digit <= 9 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(digit))
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return negative ? -value : value
    }

    /// Each element of a list value split on `separator` outside quotes and angle brackets
    /// (recipient lists, split ids), trimmed: the parse stage's own splitter.
    static func forEachElement(
        _ bytes: UnsafeRawBufferPointer, separator: UInt8, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        RecipientList.forEach(in: bytes, separator: separator, body)
    }
}
