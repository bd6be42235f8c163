/// Connection-level lines of the SMTP server (`EventKind.session`), queue-file trouble and SYSERR.
extension MessageBodyParser {
    @inlinable
    mutating func session(_ event: SessionEvent) {
        out.kind = .session
        out.session = event
    }

    /// Stores a peer description (`host [ip] (may be forged)`) as clientHost/clientAddress;
    /// false when the text is not one.
    @inlinable
    mutating func setClient(_ range: ByteRange) -> Bool {
        guard let spec = ClientSpec.parse(t, Int(range.lower), Int(range.upper)) else { return false }
        set(.clientHost, spec.host)
        set(.clientAddress, spec.address)
        return true
    }

    @usableFromInline
    mutating func parseSession(_ s: Int) -> Bool {
        var c = ShapeCaptures()
        switch t[s] {
        case UInt8(ascii: "c"):
            if t.has("connect from ", at: s) {
                session(.connect)
                set(.text, s + 13, t.end)
                _ = setClient(ByteRange(s + 13, t.end))
                return true
            }
            if t.has("collect: ", at: s) { return parseCollect(s) }
        case UInt8(ascii: "l"):
            if t.matches("lost input channel from * to * after *", from: s, captures: &c) {
                session(.lostInputChannel)
                _ = setClient(c[0])
                set(.daemon, c[1])
                set(.text, c[2])
                return true
            }
        case UInt8(ascii: "t"):
            if t.matches("timeout waiting for input from * during *", from: s, captures: &c) {
                session(.timeoutWaiting)
                _ = setClient(c[0])
                set(.text, c[1])
                return true
            }
        case UInt8(ascii: "r"):
            if t.matches("rejecting commands from * due to pre-greeting traffic*", from: s, captures: &c) {
                session(.preGreetingTraffic)
                _ = setClient(c[0])
                set(.text, s, t.end)
                return true
            }
            if t.matches("rejecting * from * due to traffic before response", from: s, captures: &c) {
                session(.protocolViolation)
                _ = setClient(c[1])
                set(.text, c[0])
                return true
            }
        case UInt8(ascii: "i"):
            if t.matches("invalid domain name (*) from *", from: s, captures: &c) {
                session(.invalidHelo)
                set(.text, c[0])
                _ = setClient(c[1])
                return true
            }
        case UInt8(ascii: "m"):
            if t.matches("message size (*) exceeds maximum (*)", from: s, captures: &c) {
                session(.sizeExceeded)
                set(.size, c[0])
                set(.text, s, t.end)
                return true
            }
        case UInt8(ascii: "h"):
            if t.matches("headers too large (* max) from * during message collect", from: s, captures: &c) {
                session(.protocolViolation)
                _ = setClient(c[1])
                set(.text, s, t.end)
                return true
            }
            if t.matches("header overflow from * during message collect", from: s, captures: &c) {
                session(.protocolViolation)
                _ = setClient(c[0])
                set(.text, s, t.end)
                return true
            }
        case UInt8(ascii: "B"):
            if t.isExactly("Bare linefeed (LF) not allowed", from: s) {
                session(.protocolViolation)
                set(.text, s, t.end)
                return true
            }
        case UInt8(ascii: "u"):
            if t.has("unauthorized PIPELINING, sleeping, relay=", at: s) {
                session(.protocolViolation)
                _ = setClient(ByteRange(s + 41, t.end))
                set(.text, s, t.end)
                return true
            }
        case UInt8(ascii: "P"):
            if t.matches("POSSIBLE ATTACK from *: newline in string *", from: s, captures: &c) {
                session(.possibleAttack)
                _ = setClient(c[0])
                set(.text, s, t.end)
                return true
            }
        case UInt8(ascii: "\""):
            if t.matches("\"*\" command from * (*)", from: s, captures: &c) {
                session(.possibleAttack)
                set(.text, c[0])
                set(.clientHost, c[1])
                set(.clientAddress, c[2])
                return true
            }
        default:
            break
        }
        return false
    }

    /// `collect: premature EOM: T`, `collect: T on connection from H, sender=S`,
    /// `collect: relay=H, from=S, info=T` (8.17).
    @usableFromInline
    mutating func parseCollect(_ s: Int) -> Bool {
        var c = ShapeCaptures()
        let k = s + 9
        if t.has("premature EOM: ", at: k) {
            session(.collectError)
            set(.text, k + 15, t.end)
            return true
        }
        if t.matches("relay=*, from=*, info=*", from: k, captures: &c) {
            session(.collectError)
            _ = setClient(c[0])
            set(.from, c[1])
            set(.text, c[2])
            return true
        }
        if t.matches("* on connection from *, sender=*", from: k, captures: &c) {
            session(.collectError)
            set(.text, c[0])
            _ = setClient(c[1])
            set(.from, c[2])
            return true
        }
        return false
    }

    /// Lines that start with the peer: `PEER did not issue MAIL/EXPN/VRFY/ETRN during connection
    /// to DAEMON`, `PEER: possible SMTP attack: …`, `PEER: probable open proxy: …`,
    /// `PEER: Possible SMTP RCPT flood, …`, `PEER: SMTP violation, …`, `PEER: EXPN|VRFY x[ [rejected]]`,
    /// `PEER: ETRN x`.
    @usableFromInline
    mutating func parsePeerFirst(_ s: Int) -> Bool {
        if let at = t.find(" did not issue MAIL/EXPN/VRFY/ETRN during connection to ", from: s) {
            guard setClient(ByteRange(s, at)) else { return false }
            session(.didNotIssueMail)
            set(.daemon, at + 56, t.end)
            return true
        }
        guard let colon = t.find(": ", from: s) else { return false }
        let k = colon + 2
        let event: SessionEvent
        var detail = ByteRange(k, t.end)
        switch t[k] {
        case UInt8(ascii: "p") where t.has("possible SMTP attack: command=", at: k):
            event = .possibleAttack
            let commandStart = k + 30
            let commandEnd = t.findLast(", count=", from: commandStart) ?? t.end
            detail = ByteRange(commandStart, commandEnd)
        case UInt8(ascii: "p") where t.has("probable open proxy: command=", at: k):
            event = .openProxy
            detail = ByteRange(k + 29, t.end)
        case UInt8(ascii: "P") where t.has("Possible SMTP RCPT flood, ", at: k):
            event = .rcptFlood
        case UInt8(ascii: "S") where t.has("SMTP violation, ", at: k):
            event = .protocolViolation
        default:
            if t.hasIgnoringCase("EXPN", at: k) || t.hasIgnoringCase("VRFY", at: k)
                || t.hasIgnoringCase("ETRN", at: k), t[k + 4] == 0x20 || k + 4 == t.end
            {
                event = .vrfyExpn
            } else {
                return false
            }
        }
        guard setClient(ByteRange(s, colon)) else { return false }
        session(event)
        set(.text, detail)
        return true
    }

    /// sendmail's error text for a rejected command, logged without to=:
    /// `<ADDR>... User unknown`, `ADDR... No such user here`.
    @usableFromInline
    mutating func parseUserError(_ s: Int) -> Bool {
        let addressEnd: Int
        if t[s] == UInt8(ascii: "<") {
            guard let close = t.find(">... ", from: s) else { return false }
            addressEnd = close + 1
        } else {
            guard let dots = t.find("... ", from: s), dots > s,
                t.index(of: 0x20, from: s, to: dots) == nil
            else { return false }
            addressEnd = dots
        }
        session(.userError)
        set(.arg1, s, addressEnd)
        set(.text, addressEnd + 4, t.end)
        return true
    }

    // MARK: queue files and SYSERR

    /// `Saved message in PATH`, `Losing QF: REASON`, `bogus queue file, …`, `low on space (…)`,
    /// `queueup: cannot create|lock …`.
    @usableFromInline
    mutating func parseQueueTrouble(_ s: Int) -> Bool {
        switch t[s] {
        case UInt8(ascii: "S"): guard t.has("Saved message in ", at: s) else { return false }
        case UInt8(ascii: "L"): guard t.has("Losing ", at: s) else { return false }
        case UInt8(ascii: "b"): guard t.has("bogus queue file", at: s) else { return false }
        case UInt8(ascii: "l"): guard t.has("low on space (", at: s) else { return false }
        case UInt8(ascii: "q"): guard t.has("queueup: cannot ", at: s) else { return false }
        default: return false
        }
        out.kind = .queueTrouble
        set(.text, s, t.end)
        return true
    }

    /// `SYSERR(USER): TEXT` and `SYSERR: putoutmsg (…): …`.
    @usableFromInline
    mutating func parseSyserr(_ s: Int) -> Bool {
        var k = s + 6
        if t[k] == UInt8(ascii: "(") {
            guard let close = t.find("): ", from: k) else { return false }
            k = close + 3
        } else if t.has(": ", at: k) {
            k += 2
        } else {
            return false
        }
        out.kind = .syserr
        set(.text, k, t.end)
        return true
    }
}
