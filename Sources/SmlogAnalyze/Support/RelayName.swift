/// Turns the `relay=` value of a line into the name a report groups by.
///
/// `smarthost.lab.example. [127.0.0.1]` → `smarthost.lab.example` (the trailing dot of the
/// fully qualified name and the `[ip]` part dropped, the name lower-cased);
/// `[127.0.0.1] [127.0.0.1]` → `[127.0.0.1]` (no name: the address alone);
/// `mx.example.net [192.0.2.1] (may be forged)` → `mx.example.net`.
/// A missing relay is named after the mailer (`(local)`, `(prog)`), or `(none)`.
/// Runs on the UTF-8 bytes: it is called for every record and deferral.
enum RelayName {
    static func normalize(_ relay: String?, mailer: String? = nil) -> String {
        guard let relay, let normalized = normalizeValue(relay) else {
            if let mailer, !mailer.isEmpty { return "(\(mailer))" }
            return "(none)"
        }
        return normalized
    }

    /// True when `relay` names a hop (so the mailer is not used).
    static func hasName(_ relay: String) -> Bool {
        ASCIIMatch.withBytes(relay) { b in b.contains { $0 != 32 && $0 != 9 } }
    }

    private static func normalizeValue(_ raw: String) -> String? {
        ASCIIMatch.withBytes(raw) { b -> String? in
            var start = 0
            while start < b.count && (b[start] == 32 || b[start] == 9) { start += 1 }
            guard start < b.count else { return nil }
            if b[start] == UInt8(ascii: "[") {
                var close = start
                while close < b.count && b[close] != UInt8(ascii: "]") { close += 1 }
                let end = close < b.count ? close + 1 : b.count
                return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
            }
            var end = start
            while end < b.count && b[end] != 32 && b[end] != 9 && b[end] != UInt8(ascii: ",") { end += 1 }
            while end - start > 1 && b[end - 1] == UInt8(ascii: ".") { end -= 1 }
            return ASCIIMatch.lowercasedString(UnsafeBufferPointer(rebasing: b[start..<end]))
        }
    }
}
