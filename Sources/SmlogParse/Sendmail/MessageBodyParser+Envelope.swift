/// The envelope line families: from= (received), to= (delivery), DSN/bounce notices, clone,
/// split and done.
extension MessageBodyParser {
    /// Stores the value of `key` (`keyLower..<keyUpper`) under its field, or as an extra.
    @inlinable
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
    @usableFromInline
    mutating func parseReceived(_ s: Int) -> Bool {
        out.kind = .received
        var i = s
        var nextKey = t.keyEnd(at: i)
        var knownKeyWord: UInt64 = 0  // the key's `keyWord` when the last value's end read it
        while let eq = nextKey {
            let v = eq + 1
            let field: Field?
            let valueEnd: Int
            switch knownKeyWord != 0 ? knownKeyWord : t.keyWord(i, eq) {
            case ByteText.keyWord("from"): field = .from
            case ByteText.keyWord("size"): field = .size
            case ByteText.keyWord("class"): field = .msgClass
            case ByteText.keyWord("nrcpts"): field = .nrcpts
            case ByteText.keyWord("msgid"): field = .msgid
            case ByteText.keyWord("bodytype"): field = .bodytype
            case ByteText.keyWord("proto"): field = .proto
            case ByteText.keyWord("daemon"): field = .daemon
            case ByteText.keyWord("relay"): field = .relay
            default: field = nil
            }
            var nextKeyEnd = -1
            knownKeyWord = 0
            if field == .relay {
                valueEnd = t.end
            } else {
                (valueEnd, nextKeyEnd, knownKeyWord) = t.shortFieldEndAndKey(from: v)
            }
            store(field, key: i, eq, value: v, valueEnd)
            guard valueEnd < t.end else { break }
            i = valueEnd + 2
            nextKey = nextKeyEnd >= 0 ? nextKeyEnd : t.keyEnd(at: i)
        }
        return true
    }

    // MARK: to=

    /// `to=RCPTS[ [more]], [ctladdr=…, ]delay=…[, xdelay=…][, mailer=…][, pri=…][, relay=…]
    /// [, dsn=…][, …][, reply=…], stat=TEXT` — stat is last and runs to the end of the line,
    /// reply runs up to `, stat=`.
    @usableFromInline
    mutating func parseDelivery(_ s: Int) -> Bool {
        out.kind = .delivery
        var i = s
        var nextKey = t.keyEnd(at: i)
        var knownKeyWord: UInt64 = 0  // the key's `keyWord` when the last value's end read it
        while let eq = nextKey {
            let v = eq + 1
            let field: Field?
            let valueEnd: Int
            switch knownKeyWord != 0 ? knownKeyWord : t.keyWord(i, eq) {
            case ByteText.keyWord("to"): field = .to
            case ByteText.keyWord("ctladdr"): field = .ctladdr
            case ByteText.keyWord("delay"): field = .delay
            case ByteText.keyWord("xdelay"): field = .xdelay
            case ByteText.keyWord("mailer"): field = .mailer
            case ByteText.keyWord("pri"): field = .pri
            case ByteText.keyWord("relay"): field = .relay
            case ByteText.keyWord("dsn"): field = .dsn
            case ByteText.keyWord("reply"): field = .reply
            case ByteText.keyWord("stat"): field = .stat
            case ByteText.keyWord("ntries"): field = .ntries
            case ByteText.keyWord("stage"): field = .stage
            default: field = t.keyIs(i, eq, "quarantine") ? .quarantine : nil
            }
            var nextKeyEnd = -1
            knownKeyWord = 0
            switch field {
            case .stat?:
                valueEnd = t.end
            case .reply?:
                valueEnd = t.find(", stat=", from: v) ?? t.valueEnd(from: v)
            default:
                // (Skipping a plain start: `relay=host. [ip]` is not scanned twice, ~50 instructions.)
                (valueEnd, nextKeyEnd, knownKeyWord) = t.shortFieldEndAndKey(from: v, skippingPlainStart: true)
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
            nextKey = nextKeyEnd >= 0 ? nextKeyEnd : t.keyEnd(at: i)
        }
        return true
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
