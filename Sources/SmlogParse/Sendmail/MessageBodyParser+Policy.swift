/// Policy decisions: `ruleset=` checks and milter verdicts.
///
/// A `reject=` whose SMTP code starts with 4 is reported as `.tempfail` (the client may retry);
/// 5xx (or no code) is `.reject`. Milter lines set `Field.milter` (the filter's name, or the word
/// `Milter` itself when the line names none) and `Field.stage` (where the milter acted), so
/// `has(.milter)` tells milter verdicts from ruleset verdicts.
extension MessageBodyParser {
    @inlinable
    mutating func setReject(_ lower: Int, _ upper: Int) {
        set(.reject, lower, upper)
        out.rejectAction = t[lower] == UInt8(ascii: "4") ? .tempfail : .reject
    }

    // MARK: ruleset=

    /// `ruleset=R, arg1=A[, arg2=B][, relay=H], reject=TEXT | discard | quarantine=TEXT | status=TEXT`.
    @usableFromInline
    mutating func parseRuleset(_ s: Int) -> Bool {
        let nameStart = s + 8
        guard let comma = t.find(", ", from: nameStart), comma > nameStart else { return false }
        out.kind = .reject
        set(.ruleset, nameStart, comma)
        var i = comma + 2
        while i < t.end {
            if t.isExactly("discard", from: i) {
                out.rejectAction = .discard
                return true
            }
            guard let eq = t.keyEnd(at: i) else { break }
            let v = eq + 1
            switch eq - i {
            case 6 where t.has("reject", at: i):
                setReject(v, t.end)
                return true
            case 10 where t.has("quarantine", at: i):
                set(.quarantine, v, t.end)
                out.rejectAction = .quarantine
                return true
            case 6 where t.has("status", at: i):
                set(.text, v, t.end)
                out.rejectAction = .status
                return true
            default:
                break
            }
            // The short and plain-start scans first (`arg1=user@host`, `relay=host [ip]`), ~150
            // instructions less per value than the full scan.
            let valueEnd = t.shortFieldEndAndKey(from: v, skippingPlainStart: true, stopAtDiscard: true).valueEnd
            let field: Field?
            switch t.keyWord(i, eq) {  // one word compare per key (a `keyIs` call cost ~100)
            case ByteText.keyWord("arg1"): field = .arg1
            case ByteText.keyWord("arg2"): field = .arg2
            case ByteText.keyWord("relay"): field = .relay
            default: field = nil
            }
            store(field, key: i, eq, value: v, valueEnd)
            guard valueEnd < t.end else { break }
            i = valueEnd + 2
        }
        // No verdict (a cut line): not a complete ruleset line.
        resetFields()
        return false
    }

    // MARK: Milter: …

    /// `Milter: STAGE[=VALUE], reject=TEXT | discard`, `Milter: connect: host=H, addr=A, …`;
    /// every other `Milter…` line of sendmail is a diagnostic (`.info`).
    @usableFromInline
    mutating func parseMilterLine(_ s: Int) -> Bool {
        guard t.has("Milter: ", at: s) else { return parseInfo(s) }
        // From here every other `Milter: ` line is the info shape `Milter: *` (no earlier shape
        // of the table can match it), so it is accepted without walking the table.
        let k = s + 8
        if t.has("connect: host=", at: k) { return parseMilterConnect(s, k) }
        // "Milter: data, reject=…" / "Milter: from=<a>, discard" / "Milter: cmd=data, reject=…"
        var stageEnd = k
        while ByteText.isKeyByte(t[stageEnd]) { stageEnd += 1 }
        guard stageEnd > k else { return acceptInfo(s) }
        var afterStage = stageEnd
        var argument = ByteRange.empty
        if t[stageEnd] == UInt8(ascii: "=") {
            let valueEnd = t.valueEnd(from: stageEnd + 1, stopAtDiscard: true)
            argument = ByteRange(stageEnd + 1, valueEnd)
            afterStage = valueEnd
        }
        guard t.has(", ", at: afterStage) else { return acceptInfo(s) }
        let v = afterStage + 2
        if t.has("reject=", at: v) {
            setReject(v + 7, t.end)
        } else if t.isExactly("discard", from: v) {
            out.rejectAction = .discard
        } else {
            return acceptInfo(s)
        }
        out.kind = .reject
        set(.milter, s, s + 6)
        set(.stage, k, stageEnd)
        set(.arg1, argument)
        return true
    }

    /// `Milter: connect: host=H, addr=A, reject=T | shutdown[=T] | rejecting commands |
    /// temp failing commands[=T]`.
    @usableFromInline
    mutating func parseMilterConnect(_ s: Int, _ k: Int) -> Bool {
        let hostStart = k + 14
        guard let addrKey = t.find(", addr=", from: hostStart) else { return parseInfo(s) }
        let addrStart = addrKey + 7
        let addrEnd = t.find(", ", from: addrStart) ?? t.end
        let v = min(t.end, addrEnd + 2)
        if t.has("reject=", at: v) {
            setReject(v + 7, t.end)
        } else if t.has("rejecting commands", at: v) || t.has("shutdown", at: v) {
            out.rejectAction = .reject
            set(.text, v, t.end)
        } else if t.has("temp failing commands", at: v) {
            out.rejectAction = .tempfail
            set(.text, v, t.end)
        } else {
            return parseInfo(s)
        }
        out.kind = .reject
        set(.milter, s, s + 6)
        set(.stage, k, k + 7)
        set(.clientHost, hostStart, addrKey)
        set(.clientAddress, addrStart, addrEnd)
        return true
    }

    // MARK: milter=NAME

    /// `milter=NAME, [action=A, ]reject=TEXT | reject | discard | tempfail | quarantine=TEXT`;
    /// `accepted`/`continue`/`skip` verdicts are `.info`.
    @usableFromInline
    mutating func parseNamedMilter(_ s: Int) -> Bool {
        let nameStart = s + 7
        guard let comma = t.find(", ", from: nameStart), comma > nameStart else { return false }
        set(.milter, nameStart, comma)
        var v = comma + 2
        if t.has("action=", at: v) {
            let actionEnd = t.find(", ", from: v + 7) ?? t.end
            set(.stage, v + 7, actionEnd)
            v = min(t.end, actionEnd + 2)
        }
        out.kind = .reject
        if t.has("reject=", at: v) {
            setReject(v + 7, t.end)
        } else if t.isExactly("reject", from: v) {
            out.rejectAction = .reject
        } else if t.isExactly("discard", from: v) {
            out.rejectAction = .discard
        } else if t.isExactly("tempfail", from: v) {
            out.rejectAction = .tempfail
        } else if t.has("quarantine=", at: v) {
            out.rejectAction = .quarantine
            set(.quarantine, v + 11, t.end)
        } else if t.isExactly("accepted", from: v) || t.isExactly("continue", from: v)
            || t.isExactly("skip", from: v)
        {
            out.kind = .info
            set(.text, v, t.end)
        } else {
            resetFields()
            return false
        }
        return true
    }

    // MARK: tcpwrappers

    /// `tcpwrappers (HOST, ADDR) rejection`: the connection was refused by hosts.allow/deny;
    /// reported as a reject whose ruleset is the word `tcpwrappers`.
    @usableFromInline
    mutating func parseTCPWrappers(_ s: Int) -> Bool {
        var c = ShapeCaptures()
        guard t.matches("tcpwrappers (*, *) rejection", from: s, captures: &c) else { return false }
        out.kind = .reject
        out.rejectAction = .reject
        set(.ruleset, s, s + 11)
        set(.clientHost, c[0])
        set(.clientAddress, c[1])
        return true
    }
}
