/// Case-insensitive ASCII substring tests on a string's UTF-8 bytes, without copying it.
/// Used to classify status texts; non-ASCII bytes only ever match themselves.
enum ASCIIMatch {
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }

    /// True when `needle` (lower-case ASCII) occurs in `text`, ignoring ASCII case.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        withBytes(text) { find($0, needle, from: 0) != nil }
    }

    /// True when `text` starts with `needle` (lower-case ASCII), ignoring ASCII case.
    static func hasPrefix(_ text: String, _ needle: StaticString) -> Bool {
        withBytes(text) { bytes in
            let n = needle.utf8CodeUnitCount
            guard bytes.count >= n else { return false }
            let p = needle.utf8Start
            for i in 0..<n where lower(bytes[i]) != p[i] { return false }
            return true
        }
    }

    static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from start: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0 else { return start }
        guard bytes.count >= n, start <= bytes.count - n else { return nil }
        let p = needle.utf8Start
        let first = p[0]
        var i = start
        while i <= bytes.count - n {
            if lower(bytes[i]) == first {
                var j = 1
                while j < n && lower(bytes[i + j]) == p[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }

    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    /// The three-digit SMTP reply code `text` starts with (`451 4.3.0 …` → 451), if any.
    static func replyCode(_ text: String) -> Int? {
        withBytes(text) { b in
            guard b.count >= 3, isDigit(b[0]), isDigit(b[1]), isDigit(b[2]) else { return nil }
            guard b.count == 3 || b[3] == 32 || b[3] == 45 else { return nil }   // "451 " or "451-"
            return Int(b[0] - 48) * 100 + Int(b[1] - 48) * 10 + Int(b[2] - 48)
        }
    }

    /// The bytes as a string with ASCII letters lower-cased (other bytes unchanged).
    static func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(where: { $0 >= 65 && $0 <= 90 }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(decoding: bytes.map(lower), as: UTF8.self)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
