/// Envelope addresses as the report groups them. Runs on the UTF-8 bytes: it is called
/// for every message and record.
enum Address {
    /// `<Bob@Example.COM>` → `Bob@example.com`: spaces and one pair of angle brackets
    /// removed, the domain lower-cased (ASCII; the local part keeps its case: it may be
    /// case-sensitive). The null sender stays `<>`.
    static func normalize(_ raw: String) -> String {
        ASCIIMatch.withBytes(raw) { b in
            guard let (start, end, at) = bareRange(b) else { return "<>" }
            guard at >= start else {
                return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
            }
            // Fast path: nothing to change.
            if start == 0 && end == b.count && !b[(at + 1)...].contains(where: { $0 >= 65 && $0 <= 90 }) {
                return raw
            }
            var out = [UInt8](UnsafeBufferPointer(rebasing: b[start...at]))
            out.reserveCapacity(end - start)
            for c in b[(at + 1)..<end] { out.append(ASCIIMatch.lower(c)) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Where the address sits in `b` once spaces and one pair of angle brackets are taken
    /// off, and its last `@` (`start - 1` when it has none); nil for the null sender `<>`.
    private static func bareRange(_ b: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int, at: Int)? {
        var start = 0
        var end = b.count
        while start < end && (b[start] == 32 || b[start] == 9) { start += 1 }
        while end > start && (b[end - 1] == 32 || b[end - 1] == 9) { end -= 1 }
        if end - start == 2 && b[start] == UInt8(ascii: "<") && b[start + 1] == UInt8(ascii: ">") { return nil }
        if start < end && b[start] == UInt8(ascii: "<") { start += 1 }
        if end > start && b[end - 1] == UInt8(ascii: ">") { end -= 1 }
        var at = end - 1
        while at >= start && b[at] != UInt8(ascii: "@") { at -= 1 }
        return (start, end, at)
    }

    /// The domain of a normalized address, lower-cased; `(local)` for a bare local user
    /// (`alice`, as command-line submissions and local deliveries log them) and `<>` for
    /// the null sender.
    static func domain(ofNormalized address: String) -> String {
        if address == "<>" { return "<>" }
        return ASCIIMatch.withBytes(address) { b in
            var at = b.count - 1
            while at >= 0 && b[at] != UInt8(ascii: "@") { at -= 1 }
            guard at >= 0, at + 1 < b.count else { return "(local)" }
            return String(decoding: UnsafeBufferPointer(rebasing: b[(at + 1)...]), as: UTF8.self)
        }
    }

    /// `normalize(raw)` and its `domain(ofNormalized:)` as UTF-8 bytes, built in `scratch`
    /// (reused from call to call): the top tables look their keys up by bytes, so a new
    /// address costs no String for the address and none for its domain.
    static func withNormalizedBytes<R>(
        _ raw: String, scratch: inout [UInt8],
        _ body: (_ address: UnsafeRawBufferPointer, _ domain: UnsafeRawBufferPointer) -> R
    ) -> R {
        scratch.removeAll(keepingCapacity: true)
        ASCIIMatch.withBytes(raw) { b in
            guard let (start, end, at) = bareRange(b) else {
                scratch.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: ">")])
                return
            }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<end]))
            guard at >= start else { return }
            // The domain lower-cased in place (a per-byte append cost ~20 instructions a byte).
            scratch.withUnsafeMutableBufferPointer { out in
                for i in (at + 1 - start)..<out.count { out[i] = ASCIIMatch.lower(out[i]) }
            }
        }
        return scratch.withUnsafeBytes { address in
            // As `domain(ofNormalized:)`: `<>` for the null sender, `(local)` without a domain.
            if address.count == 2 && address[0] == UInt8(ascii: "<") && address[1] == UInt8(ascii: ">") {
                return body(address, address)
            }
            var at = address.count - 1
            while at >= 0 && address[at] != UInt8(ascii: "@") { at -= 1 }
            guard at >= 0, at + 1 < address.count else {
                let local: StaticString = "(local)"
                return body(address, UnsafeRawBufferPointer(start: local.utf8Start, count: local.utf8CodeUnitCount))
            }
            return body(address, UnsafeRawBufferPointer(rebasing: address[(at + 1)...]))
        }
    }
}
