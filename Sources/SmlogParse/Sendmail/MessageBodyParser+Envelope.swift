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
        while let eq = nextKey {
            let v = eq + 1
            let field: Field?
            let valueEnd: Int
            switch eq - i {
            case 4 where t.has("from", at: i): field = .from
            case 4 where t.has("size", at: i): field = .size
            case 5 where t.has("class", at: i): field = .msgClass
            case 6 where t.has("nrcpts", at: i): field = .nrcpts
            case 5 where t.has("msgid", at: i): field = .msgid
            case 8 where t.has("bodytype", at: i): field = .bodytype
            case 5 where t.has("proto", at: i): field = .proto
            case 6 where t.has("daemon", at: i): field = .daemon
            case 5 where t.has("relay", at: i): field = .relay
            default: field = nil
            }
            var nextKeyEnd = -1
            if field == .relay {
                valueEnd = t.end
            } else {
                (valueEnd, nextKeyEnd) = t.fieldEnd(from: v)
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
        while let eq = nextKey {
            let v = eq + 1
            let field: Field?
            let valueEnd: Int
            switch eq - i {
            case 2 where t.has("to", at: i): field = .to
            case 7 where t.has("ctladdr", at: i): field = .ctladdr
            case 5 where t.has("delay", at: i): field = .delay
            case 6 where t.has("xdelay", at: i): field = .xdelay
            case 6 where t.has("mailer", at: i): field = .mailer
            case 3 where t.has("pri", at: i): field = .pri
            case 5 where t.has("relay", at: i): field = .relay
            case 3 where t.has("dsn", at: i): field = .dsn
            case 5 where t.has("reply", at: i): field = .reply
            case 4 where t.has("stat", at: i): field = .stat
            case 10 where t.has("quarantine", at: i): field = .quarantine
            case 6 where t.has("ntries", at: i): field = .ntries
            case 5 where t.has("stage", at: i): field = .stage
            default: field = nil
            }
            var nextKeyEnd = -1
            switch field {
            case .stat?:
                valueEnd = t.end
            case .reply?:
                valueEnd = t.find(", stat=", from: v) ?? t.valueEnd(from: v)
            default:
                (valueEnd, nextKeyEnd) = t.fieldEnd(from: v)
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
        while let eq = nextKey {
            let v = eq + 1
            let (valueEnd, nextKeyEnd) = t.fieldEnd(from: v)
            let field: Field? =
                t.keyIs(i, eq, "delay") ? .delay : t.keyIs(i, eq, "ntries") ? .ntries : nil
            store(field, key: i, eq, value: v, valueEnd)
            guard valueEnd < t.end else { break }
            i = valueEnd + 2
            nextKey = nextKeyEnd >= 0 ? nextKeyEnd : t.keyEnd(at: i)
        }
        return true
    }
}
