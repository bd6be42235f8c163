/// Envelope addresses as the report groups them.
enum Address {
    /// `<Bob@Example.COM>` → `Bob@example.com`: angle brackets removed, the domain
    /// lower-cased (the local part keeps its case: it may be case-sensitive).
    /// The null sender stays `<>`.
    static func normalize(_ raw: String) -> String {
        var s = Substring(raw)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        if s == "<>" { return "<>" }
        if s.first == "<" { s = s.dropFirst() }
        if s.last == ">" { s = s.dropLast() }
        guard let at = s.lastIndex(of: "@") else { return String(s) }
        return String(s[..<at]) + "@" + s[s.index(after: at)...].lowercased()
    }

    /// The domain of a normalized address, lower-cased; `(local)` for a bare local user
    /// (`alice`, as command-line submissions and local deliveries log them) and `<>` for
    /// the null sender.
    static func domain(ofNormalized address: String) -> String {
        if address == "<>" { return "<>" }
        guard let at = address.lastIndex(of: "@") else { return "(local)" }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? "(local)" : String(domain)
    }
}
