/// What `smlog trace` was asked to follow.
public struct TraceQuery: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A queue id of any hop (sendmail's own, or a relay's `queued as` id).
        case qid
        /// A Message-ID, kept without its angle brackets.
        case msgid
        /// An envelope sender or recipient address (compared ignoring ASCII case).
        case address
        /// `local@domain` without angle brackets: a Message-ID or an address, whichever matches.
        case msgidOrAddress
    }

    public var kind: Kind
    /// The id as compared: without surrounding spaces, and without `<…>` for Message-IDs and
    /// addresses.
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// Reads `raw` as `forced` says, or guesses what it is:
    /// - `<…>`: a Message-ID;
    /// - with an `@`: a Message-ID or an address (both are tried);
    /// - 8 to 20 letters and digits with at least one digit (sendmail `6AUFnO1v001570`,
    ///   Postfix-style `1ECEAF44C9`): a queue id;
    /// - anything else (a local user such as `alice`): an address.
    public static func parse(_ raw: String, forced: Kind? = nil) -> TraceQuery? {
        var text = Substring(raw)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        let bracketed = text.count >= 2 && text.first == "<" && text.last == ">"
        let inner = bracketed ? text.dropFirst().dropLast() : text
        guard !inner.isEmpty, !inner.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        let value = String(inner)
        if let forced {
            if forced == .qid && bracketed { return nil }
            return TraceQuery(kind: forced, text: value)
        }
        if bracketed { return TraceQuery(kind: .msgid, text: value) }
        if value.utf8.contains(UInt8(ascii: "@")) { return TraceQuery(kind: .msgidOrAddress, text: value) }
        if looksLikeQueueID(value) { return TraceQuery(kind: .qid, text: value) }
        return TraceQuery(kind: .address, text: value)
    }

    static func looksLikeQueueID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (8...20).contains(bytes.count), text != "NOQUEUE" else { return false }
        var digits = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): break
            default: return false
            }
        }
        return digits > 0
    }

    /// Whether a Message-ID (as logged, with or without `<>`) is the one asked for.
    public var matchesMessageIDs: Bool { kind == .msgid || kind == .msgidOrAddress }
    public var matchesAddresses: Bool { kind == .address || kind == .msgidOrAddress }
}
