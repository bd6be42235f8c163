/// The envelope line families: from= (received), to= (delivery), DSN/bounce notices, clone,
/// split and done.
extension MessageBodyParser {
    /// Stores the value of `key` (`keyLower..<keyUpper`) under its field, or as an extra.
    @_transparent  // (`@inlinable` left it a call in the key loops, ~25 instructions per field)
    mutating func store(_ field: Field?, key keyLower: Int, _ keyUpper: Int, value lower: Int, _ upper: Int) {
        let value = ByteRange(lower, max(lower, upper))
        if let field {
            set(field, value)
        } else {
            out.addExtra(key: ByteRange(keyLower, keyUpper), value: value)
        }
    }

    // MARK: from=

    /// `from=ADDR, size=N, class=N, [pri=N,] nrcpts=N[, msgid=…][, bodytype=…][, proto=…]
    /// [, daemon=…][, …], relay=RELAY` — relay is last and runs to the end of the line.
    /// `s` is where `from=` starts.
    ///
    /// The keys sendmail usually writes next (`keys(after:)`) are taken by one compare each;
    /// any other key by the dispatch on its word (~35 instructions more per field).
    @usableFromInline
    mutating func parseReceived(_ s: Int) -> Bool {
        out.kind = .received
        var i = s
        var eq = s + 4
        var keyWord = ByteText.keyWord("from")  // 0 when the last value's scan did not read it
        var expected = ExpectedKeys("from", .from)
        while true {
            let v = eq + 1
            let valueEnd: Int
            let field = expected.field(for: keyWord) ?? Self.receivedField(keyWord, key: i, eq, in: t)
            expected = Self.keys(after: field, inReceived: true)
            var nextKeyEnd = -1
            if field == .relay {
                valueEnd = t.end
            } else {
                (valueEnd, nextKeyEnd, keyWord) = t.shortFieldEndAndKey(from: v, expecting: expected)
            }
            store(field, key: i, eq, value: v, valueEnd)
            guard valueEnd < t.end else { break }
            i = valueEnd + 2
            guard let next = nextKeyEnd >= 0 ? nextKeyEnd : Self.keyEndAfterValue(at: i, in: t) else { break }
            eq = next
        }
        return true
    }

    // MARK: to=

    /// `to=RCPTS[ [more]], [ctladdr=…, ]delay=…[, xdelay=…][, mailer=…][, pri=…][, relay=…]
    /// [, dsn=…][, …][, reply=…], stat=TEXT` — stat is last and runs to the end of the line,
    /// reply runs up to `, stat=`. `s` is where `to=` starts.
    ///
    /// Expected keys are taken as in `parseReceived`.
    @usableFromInline
    mutating func parseDelivery(_ s: Int) -> Bool {
        out.kind = .delivery
        var i = s
        var eq = s + 2
        var keyWord = ByteText.keyWord("to")  // 0 when the last value's scan did not read it
        var expected = ExpectedKeys("to", .to)
        while true {
            let v = eq + 1
            let valueEnd: Int
            let field = expected.field(for: keyWord) ?? Self.deliveryField(keyWord, key: i, eq, in: t)
            expected = Self.keys(after: field, inReceived: false)
            var nextKeyEnd = -1
            switch field {
            case .stat?:
                valueEnd = t.end
            case .reply?:
                valueEnd = t.find(", stat=", from: v) ?? t.valueEnd(from: v)
                keyWord = 0  // (the key after it is read by `keyEndAfterValue`)
            default:
                // (Skipping a plain start: `relay=host. [ip]` is not scanned twice, ~50 instructions.)
                (valueEnd, nextKeyEnd, keyWord) = t.shortFieldEndAndKey(
                    from: v, skippingPlainStart: true, expecting: expected)
            }
            if field == .to, valueEnd - v >= 7, t.has(" [more]", at: valueEnd - 7) {
                // " [more]" closes a recipient list that continues on the next to= line.
                out.moreRecipients = true
                store(.to, key: i, eq, value: v, valueEnd - 7)
            } else {
                store(field, key: i, eq, value: v, valueEnd)
            }
            guard valueEnd < t.end else { break }
            i = valueEnd + 2
            guard let next = nextKeyEnd >= 0 ? nextKeyEnd : Self.keyEndAfterValue(at: i, in: t) else { break }
            eq = next
        }
        return true
    }

    /// `t.keyEnd(at:)`, out of line: the key loops need it only when a value's scan did not
    /// find the key after it. (Inlined, their slow paths pushed the loops past the size where
    /// the compiler still inlines the small calls of their scans.)
    @usableFromInline @inline(never)
    static func keyEndAfterValue(at i: Int, in t: ByteText) -> Int? { t.keyEnd(at: i) }

    /// The field of the from= key `keyLower..<keyUpper` of `t` (`keyWord` is its word, or 0
    /// when not read yet); nil for a key kept as an extra.
    @usableFromInline @inline(never)  // (only for unexpected keys; see `keyEndAfterValue`)
    static func receivedField(_ keyWord: UInt64, key keyLower: Int, _ keyUpper: Int, in t: ByteText) -> Field? {
        switch keyWord != 0 ? keyWord : t.keyWord(keyLower, keyUpper) {
        case ByteText.keyWord("from"): return .from
        case ByteText.keyWord("size"): return .size
        case ByteText.keyWord("class"): return .msgClass
        case ByteText.keyWord("nrcpts"): return .nrcpts
        case ByteText.keyWord("msgid"): return .msgid
        case ByteText.keyWord("bodytype"): return .bodytype
        case ByteText.keyWord("proto"): return .proto
        case ByteText.keyWord("daemon"): return .daemon
        case ByteText.keyWord("relay"): return .relay
        default: return nil
        }
    }

    /// The field of the to= key `keyLower..<keyUpper` of `t` (`keyWord` is its word, or 0 when
    /// not read yet); nil for a key kept as an extra.
    @usableFromInline @inline(never)  // (only for unexpected keys; see `keyEndAfterValue`)
    static func deliveryField(_ keyWord: UInt64, key keyLower: Int, _ keyUpper: Int, in t: ByteText) -> Field? {
        switch keyWord != 0 ? keyWord : t.keyWord(keyLower, keyUpper) {
        case ByteText.keyWord("to"): return .to
        case ByteText.keyWord("ctladdr"): return .ctladdr
        case ByteText.keyWord("delay"): return .delay
        case ByteText.keyWord("xdelay"): return .xdelay
        case ByteText.keyWord("mailer"): return .mailer
        case ByteText.keyWord("pri"): return .pri
        case ByteText.keyWord("relay"): return .relay
        case ByteText.keyWord("dsn"): return .dsn
        case ByteText.keyWord("reply"): return .reply
        case ByteText.keyWord("stat"): return .stat
        case ByteText.keyWord("ntries"): return .ntries
        case ByteText.keyWord("stage"): return .stage
        default: return t.keyIs(keyLower, keyUpper, "quarantine") ? .quarantine : nil
        }
    }

    /// The keys sendmail writes after `field` in a from= line (`inReceived`) or a to= line
    /// (catalog §4.1, §4.2), the commoner first: `from, size, class, nrcpts[, msgid][, bodytype]
    /// [, proto, daemon], relay` and `to[, ctladdr], delay[, xdelay], mailer, pri[, relay], dsn
    /// [, reply], stat`.
    @_transparent
    static func keys(after field: Field?, inReceived: Bool) -> ExpectedKeys {
        if inReceived {
            switch field {
            case .from?: return ExpectedKeys("size", .size)
            case .size?: return ExpectedKeys("class", .msgClass)
            case .msgClass?: return ExpectedKeys("nrcpts", .nrcpts)
            case .nrcpts?: return ExpectedKeys("msgid", .msgid, or: "proto", .proto)
            case .msgid?: return ExpectedKeys("proto", .proto, or: "relay", .relay)
            case .bodytype?: return ExpectedKeys("proto", .proto)
            case .proto?: return ExpectedKeys("daemon", .daemon)
            case .daemon?: return ExpectedKeys("relay", .relay)
            default: return ExpectedKeys()
            }
        }
        switch field {
        case .to?: return ExpectedKeys("ctladdr", .ctladdr, or: "delay", .delay)
        case .ctladdr?: return ExpectedKeys("delay", .delay)
        case .delay?: return ExpectedKeys("xdelay", .xdelay, or: "mailer", .mailer)
        case .xdelay?: return ExpectedKeys("mailer", .mailer)
        case .mailer?: return ExpectedKeys("pri", .pri)
        case .pri?: return ExpectedKeys("relay", .relay, or: "dsn", .dsn)
        case .relay?: return ExpectedKeys("dsn", .dsn)
        case .dsn?: return ExpectedKeys("stat", .stat, or: "reply", .reply)
        case .reply?: return ExpectedKeys("stat", .stat)
        default: return ExpectedKeys()
        }
    }

    // MARK: notices and clones

    /// `NEWQID: DSN: REASON` (and `return to sender:`, `sender notify:`, `postmaster notify:`),
    /// `NEWQID: clone: owner=OWNER` — the line's own id is the original envelope.
    @usableFromInline
    mutating func parseNotice(_ s: Int) -> Bool {
        guard s >= 0 else { return false }
        var tokenEnd = s
        let limit = min(t.end, s + 24)
        var tokenEnded = false
        while tokenEnd + 8 <= limit {
            // Eight bytes at a time (most lines that get here are no notice and stop early).
            let word = UInt64(littleEndian: t.base.loadUnaligned(fromByteOffset: tokenEnd, as: UInt64.self))
            let nonID = QueueIDShape.byteClasses(word).nonID
            if nonID != 0 {
                tokenEnd += nonID.trailingZeroBitCount >> 3
                tokenEnded = true
                break
            }
            tokenEnd += 8
        }
        while !tokenEnded && tokenEnd < limit, QueueIDShape.isIDByte(t.base[tokenEnd]) { tokenEnd += 1 }
        guard tokenEnd - s >= 8, t.has(": ", at: tokenEnd),
            QueueIDShape.isStrict(t, s, tokenEnd)
                || (QueueIDShape.isFallback(t, s, tokenEnd) && !QueueIDShape.isReservedWord(t, s, tokenEnd))
        else { return false }
        let k = tokenEnd + 2
        let reasonStart: Int
        switch t[k] {
        case UInt8(ascii: "D") where t.has("DSN: ", at: k):
            out.notice = .dsn
            reasonStart = k + 5
        case UInt8(ascii: "r") where t.has("return to sender: ", at: k):
            out.notice = .returnToSender
            reasonStart = k + 18
        case UInt8(ascii: "s") where t.has("sender notify: ", at: k):
            out.notice = .senderNotify
            reasonStart = k + 15
        case UInt8(ascii: "p") where t.has("postmaster notify: ", at: k):
            out.notice = .postmasterNotify
            reasonStart = k + 19
        case UInt8(ascii: "c") where t.has("clone: owner=", at: k):
            out.kind = .clone
            set(.newQid, s, tokenEnd)
            set(.owner, k + 13, t.end)
            return true
        default:
            return false
        }
        out.kind = .notice
        set(.newQid, s, tokenEnd)
        set(.reason, reasonStart, t.end)
        return true
    }

    /// Up to 8.11: `NEWQID: clone OLDQID, owner=OWNER` (the line's id is the clone).
    @usableFromInline
    mutating func parseOldClone(_ s: Int) -> Bool {
        let idStart = s + 6
        guard let comma = t.find(", owner=", from: idStart),
            QueueIDShape.isStrict(t, idStart, comma) || QueueIDShape.isFallback(t, idStart, comma)
        else { return false }
        out.kind = .clone
        set(.newQid, out.qid)
        out.qid = ByteRange(idStart, comma)
        set(.owner, comma + 8, t.end)
        return true
    }

    // MARK: split and done

    /// `split: [maxrcpts=N, rcpts=N, ]count=N, id[s]=A; B` — ids run to the end of the line.
    @usableFromInline
    mutating func parseSplit(_ s: Int) -> Bool {
        out.kind = .split
        var i = s + 7
        while let eq = t.keyEnd(at: i) {
            let v = eq + 1
            let isIDs = t.keyIs(i, eq, "ids") || t.keyIs(i, eq, "id")
            let valueEnd = isIDs ? t.end : t.valueEnd(from: v)
            store(isIDs ? .ids : nil, key: i, eq, value: v, valueEnd)
            guard valueEnd < t.end else { break }
            i = valueEnd + 2
        }
        return true
    }

    /// `done; delay=D, ntries=N`.
    @usableFromInline
    mutating func parseDone(_ s: Int) -> Bool {
        out.kind = .done
        var i = s + 6
        var nextKey = t.keyEnd(at: i)
        var knownKeyWord: UInt64 = 0  // the key's `keyWord` when the last value's end read it
        while let eq = nextKey {
            let v = eq + 1
            let keyWord = knownKeyWord != 0 ? knownKeyWord : t.keyWord(i, eq)
            // (Skipping a plain start also ends the short last value, `ntries=1`, by one word.)
            let (valueEnd, nextKeyEnd, nextKeyWord) = t.shortFieldEndAndKey(from: v, skippingPlainStart: true)
            knownKeyWord = nextKeyWord
            let field: Field?
            switch keyWord {
            case ByteText.keyWord("delay"): field = .delay
            case ByteText.keyWord("ntries"): field = .ntries
            default: field = nil
            }
            store(field, key: i, eq, value: v, valueEnd)
            guard valueEnd < t.end else { break }
            i = valueEnd + 2
            nextKey = nextKeyEnd >= 0 ? nextKeyEnd : t.keyEnd(at: i)
        }
        return true
    }
}
