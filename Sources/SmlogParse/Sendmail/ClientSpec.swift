/// Splits sendmail's description of an SMTP peer (`$_` / CurSmtpClient):
/// `host [1.2.3.4]`, `[1.2.3.4]`, `host [IPv6:2001:db8::1] (may be forged)`, `ident@host [ip]`,
/// `[1.2.3.4] [1.2.3.4]`, a bare `host`, or ` [ip]` with an empty host.
@usableFromInline
struct ClientSpec {
    /// The host part as written (may be empty, may itself be `[ip]`).
    @usableFromInline var host: ByteRange
    /// The text inside the last `[…]`, without the brackets (empty when there is none).
    @usableFromInline var address: ByteRange

    /// Parses `lower..<upper`; nil when the text cannot be a peer description
    /// (it contains spaces other than before `[ip]` and `(may be forged)`).
    @usableFromInline
    static func parse(_ t: ByteText, _ lower: Int, _ upper: Int) -> ClientSpec? {
        var lo = t.skipSpaces(lower)
        var hi = t.trimTrailing(lo, upper)
        guard lo < hi else { return nil }
        let forgedCount = 16  // " (may be forged)"
        if hi - lo >= forgedCount, t.has(" (may be forged)", at: hi - forgedCount) {
            hi -= forgedCount
        }
        var address = ByteRange.empty
        var hostEnd = hi
        if t[hi - 1] == 0x5D, let open = t.lastIndex(of: 0x5B, from: lo, to: hi - 1) {
            // "[ip]" must be the whole text or follow a space.
            if open == lo || t[open - 1] == 0x20 {
                address = ByteRange(open + 1, hi - 1)
                hostEnd = open == lo ? open : open - 1
            }
        }
        lo = min(lo, hostEnd)
        // The host itself never contains spaces.
        if t.index(of: 0x20, from: lo, to: hostEnd) != nil { return nil }
        guard hostEnd > lo || !address.isEmpty else { return nil }
        return ClientSpec(host: ByteRange(lo, hostEnd), address: address)
    }
}
