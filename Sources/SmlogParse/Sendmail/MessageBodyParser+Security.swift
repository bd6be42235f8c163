/// STARTTLS and AUTH lines.
extension MessageBodyParser {
    /// Reads generic `key=value, …` fields from `i`, mapping the TLS/AUTH keys to fields and
    /// keeping others as extras. Stops at the first item that is not `key=value`.
    @usableFromInline
    mutating func scanSecurityFields(from start: Int) -> Int {
        var i = start
        var nextKey = t.keyEnd(at: i)
        var knownKeyWord: UInt64 = 0  // the key's `keyWord` when the last value's end read it
        while let eq = nextKey {
            let v = eq + 1
            let keyWord = knownKeyWord != 0 ? knownKeyWord : t.keyWord(i, eq)
            let (valueEnd, nextKeyEnd, nextKeyWord) = t.shortFieldEndAndKey(from: v, skippingPlainStart: true)
            knownKeyWord = nextKeyWord
            let field: Field?
            switch keyWord {
            case ByteText.keyWord("relay"): field = .relay
            case ByteText.keyWord("version"): field = .version
            case ByteText.keyWord("verify"): field = .verify
            case ByteText.keyWord("cipher"): field = .cipher
            case ByteText.keyWord("bits"): field = .bits
            case ByteText.keyWord("authid"): field = .authid
            case ByteText.keyWord("mech"): field = .mech
            default: field = nil
            }
            store(field, key: i, eq, value: v, valueEnd)
            guard valueEnd < t.end else { return t.end }
            i = valueEnd + 2
            nextKey = nextKeyEnd >= 0 ? nextKeyEnd : t.keyEnd(at: i)
        }
        return i
    }

    /// `STARTTLS=server|client, relay=…, version=…, verify=…, cipher=…, bits=…[, …]` is the
    /// handshake summary (`.tls`); every other STARTTLS line is a diagnostic (`.info`).
    @usableFromInline
    mutating func parseStartTLS(_ s: Int) -> Bool {
        let k = s + 8
        let side: Side
        if t[k] == UInt8(ascii: ":") {
            // `STARTTLS: …` diagnostics (one line in fifteen), before the summary tests.
            out.kind = .info
            out.side = .none
            set(.text, s, t.end)
            return true
        }
        if t.has("=server, relay=", at: k) {
            side = .server
        } else if t.has("=client, relay=", at: k) {
            side = .client
        } else if t[k] == UInt8(ascii: "=") || t[k] == UInt8(ascii: ":") {
            out.kind = .info
            out.side = t.has("=server", at: k) ? .server : t.has("=client", at: k) ? .client : .none
            set(.text, s, t.end)
            return true
        } else {
            return false
        }
        guard readsSecurityFields else {
            // Envelope detail: the leading words decide the verdict; the fields go unread.
            out.kind = .tls
            out.side = side
            return true
        }
        _ = scanSecurityFields(from: k + 9)
        if out.has(.version) {
            out.kind = .tls
            out.side = side
        } else {
            resetFields()
            out.kind = .info
            out.side = side
            set(.text, s, t.end)
        }
        return true
    }

    /// `AUTH=server, relay=…, authid=…, mech=…, bits=…` (success), `AUTH=client, relay=…, mech=…,
    /// bits=…` (success when a mechanism is named), `AUTH failure (MECH): REASON[, user=U],
    /// relay=…`, `AUTH=client, relay=…, temporary failure, connection abort`, `…, authinfo failed`;
    /// other AUTH lines are diagnostics (`.info`).
    @usableFromInline
    mutating func parseAuth(_ s: Int) -> Bool {
        let k = s + 4
        if t[k] == UInt8(ascii: ":") {
            // `AUTH: …` diagnostics (one line in thirteen), before the summary and failure tests.
            out.kind = .info
            set(.text, s, t.end)
            return true
        }
        if t.has(" failure (", at: k) { return parseAuthFailure(s) }
        if t.has("=server, relay=", at: k) || t.has("=client, relay=", at: k) {
            let side: Side = t[k + 1] == UInt8(ascii: "s") ? .server : .client
            guard readsSecurityFields else {
                // Envelope detail: the leading words decide the verdict; the fields go unread.
                out.kind = .auth
                out.side = side
                return true
            }
            let relayStart = k + 15
            if let failure = t.find(", temporary failure", from: relayStart)
                ?? t.find(", authinfo ", from: relayStart)
            {
                out.kind = .auth
                out.side = side
                out.authOutcome = .failure
                set(.relay, relayStart, failure)
                set(.text, failure + 2, t.end)
                return true
            }
            _ = scanSecurityFields(from: k + 9)
            if t.find(", mech=", from: k) != nil {
                // The summary; 8.17 also writes it with an empty mech= when no AUTH took place.
                out.kind = .auth
                out.side = side
                out.authOutcome = out.has(.mech) ? .success : .none
            } else {
                resetFields()
                out.kind = .info
                out.side = side
                set(.text, s, t.end)
            }
            return true
        }
        if t.has("=client, availab", at: k), t.has("le mechanisms=", at: k + 16) {
            out.kind = .auth
            out.side = .client
            out.authOutcome = .failure
            set(.text, k + 9, t.end)
            return true
        }
        if t[k] == UInt8(ascii: "=") || t[k] == UInt8(ascii: ":") || t.has(" error", at: k)
            || t.has(" warning", at: k) || t.has(" encode64", at: k) || t.has(" decode64", at: k)
            || t.has(" flags=", at: k) || t.has(" username ", at: k) || t.has(" authid ", at: k)
        {
            out.kind = .info
            set(.text, s, t.end)
            return true
        }
        return false
    }

    /// `AUTH failure (MECH): REASON (CODE) SASL(CODE): TEXT[, user=USER], relay=PEER`.
    /// The relay is taken from the last `, relay=` (a user name can contain `, relay=`).
    @usableFromInline
    mutating func parseAuthFailure(_ s: Int) -> Bool {
        let mechStart = s + 14
        guard let close = t.find("): ", from: mechStart) else { return false }
        out.kind = .auth
        out.side = .server
        out.authOutcome = .failure
        set(.mech, mechStart, close)
        let reasonStart = close + 3
        var reasonEnd = t.end
        if let relayKey = t.findLast(", relay=", from: reasonStart) {
            set(.relay, relayKey + 8, t.end)
            reasonEnd = relayKey
        }
        if let userKey = t.find(", user=", from: reasonStart, to: reasonEnd) {
            set(.authid, userKey + 7, reasonEnd)
            reasonEnd = userKey
        }
        set(.text, reasonStart, reasonEnd)
        return true
    }
}
