/// Turns the `relay=` value of a line into the name a report groups by.
///
/// `smarthost.lab.example. [127.0.0.1]` → `smarthost.lab.example` (the trailing dot of the
/// fully qualified name and the `[ip]` part dropped, the name lower-cased);
/// `[127.0.0.1] [127.0.0.1]` → `[127.0.0.1]` (no name: the address alone);
/// `mx.example.net [192.0.2.1] (may be forged)` → `mx.example.net`.
/// A missing relay is named after the mailer (`(local)`, `(prog)`), or `(none)`.
enum RelayName {
    static func normalize(_ relay: String?, mailer: String? = nil) -> String {
        guard let relay, let normalized = normalizeValue(relay) else {
            if let mailer, !mailer.isEmpty { return "(\(mailer))" }
            return "(none)"
        }
        return normalized
    }

    private static func normalizeValue(_ raw: String) -> String? {
        let text = raw.drop { $0 == " " || $0 == "\t" }
        guard let first = text.first else { return nil }
        if first == "[" {
            guard let close = text.firstIndex(of: "]") else { return String(text) }
            return String(text[...close])
        }
        var token = text.prefix { $0 != " " && $0 != "\t" && $0 != "," }
        while token.count > 1, token.last == "." { token = token.dropLast() }
        guard !token.isEmpty else { return nil }
        return token.lowercased()
    }
}
