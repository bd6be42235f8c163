/// Parses the message part of a sendmail syslog line (everything after `tag[pid]: `) into a
/// `ParsedLine`, or says it is not a sendmail message shape.
///
/// It needs only the line bytes and a `SyslogHeader` whose `message` range marks the message, so
/// it can be used (and tested) without the syslog header parser. It never allocates and never
/// reads outside `header.message`.
public struct SendmailMessageParser {
    public init() {}

    /// Parses `header.message` of `line`; an understood message is handed to `handle` (the view
    /// is valid only during the call). This is the hot-path form: it copies nothing.
    public func parse(
        _ line: LineBytes, header: SyslogHeader, _ handle: (borrowing ParsedLine) -> Void
    ) -> SendmailVerdict {
        let message = header.message
        guard message.lower >= 0, Int(message.upper) <= line.count, !message.isEmpty else {
            return .notUnderstood
        }
        let full = ByteText(line.base, end: Int(message.upper))
        let text = ByteText(line.base, end: full.trimTrailing(Int(message.lower), Int(message.upper)))
        let start = Self.skipVendorTag(text, from: text.skipSpaces(Int(message.lower)))
        guard start < text.end else { return .notUnderstood }

        let prefix = IDPrefix.parse(text, from: start)
        if prefix.part > 0 {
            return .splitPart(Self.splitPart(text, prefix))
        }
        var body = MessageBodyParser(text: text, line: line, header: header)
        switch prefix.kind {
        case .noQueue:
            body.out.noQueue = true
            guard body.parse(from: prefix.bodyStart) else { return .notUnderstood }
        case .queueID:
            body.out.qid = prefix.id
            if !body.parse(from: prefix.bodyStart) {
                guard prefix.fallbackOnly else { return .notUnderstood }
                // The token was a plain word, not an id: read the whole text as a no-id message.
                body = MessageBodyParser(text: text, line: line, header: header)
                guard body.parse(from: start) else { return .notUnderstood }
            }
        case .none:
            guard body.parse(from: start) else { return .notUnderstood }
        }
        handle(body.out)
        return .understood
    }

    /// Parses `header.message` of `line` and returns a copy of the result (convenient outside
    /// the per-line hot path).
    public func parse(_ line: LineBytes, header: SyslogHeader) -> SendmailMessage {
        var understood: SendmailMessage = .notUnderstood
        switch parse(line, header: header, { understood = .understood(copy $0) }) {
        case .understood: return understood
        case .splitPart(let part): return .splitPart(part)
        case .notUnderstood: return .notUnderstood
        }
    }

    /// Skips a Solaris `[ID 801593 mail.info] ` token in case the header parser left it.
    @inlinable @inline(__always)
    static func skipVendorTag(_ t: ByteText, from i: Int) -> Int {
        // Nearly no message starts with `[`: test that byte inline, call out only for one.
        t[i] == 0x5B ? skipVendorTagAfterBracket(t, from: i) : i
    }

    @usableFromInline
    static func skipVendorTagAfterBracket(_ t: ByteText, from i: Int) -> Int {
        guard t.has("[ID ", at: i) else { return i }
        let digits = t.digitRun(at: i + 4)
        guard digits > 0, t[i + 4 + digits] == 0x20,
            let close = t.index(of: 0x5D, from: i + 5 + digits, to: min(t.end, i + 64)),
            t[close + 1] == 0x20
        else { return i }
        return close + 2
    }

    static func splitPart(_ t: ByteText, _ prefix: IDPrefix) -> SplitPart {
        var bodyEnd = t.end
        let continues = bodyEnd - prefix.bodyStart >= 4 && t.has(" ...", at: bodyEnd - 4)
        if continues { bodyEnd -= 4 }
        let terminal = prefix.part >= 999 && t.isExactly("log terminated, too many parts", from: prefix.bodyStart)
        return SplitPart(
            id: prefix.id, noQueue: prefix.kind == .noQueue, number: prefix.part,
            body: ByteRange(prefix.bodyStart, max(prefix.bodyStart, bodyEnd)), continues: continues,
            terminatesTooManyParts: terminal)
    }
}

/// Fills one `ParsedLine` from the text after the id prefix.
@usableFromInline
struct MessageBodyParser {
    @usableFromInline let t: ByteText
    @usableFromInline var out: ParsedLine

    @inlinable
    init(text: ByteText, line: LineBytes, header: SyslogHeader) {
        t = text
        out = ParsedLine(bytes: line, header: header, kind: .info)
    }

    @inlinable
    mutating func set(_ field: Field, _ lower: Int, _ upper: Int) {
        out[field] = ByteRange(lower, max(lower, upper))
    }

    @inlinable
    mutating func set(_ field: Field, _ range: ByteRange) {
        out[field] = range
    }

    /// An `InfoShapes` line found by its leading words (what `parseInfo` would conclude).
    @inlinable
    mutating func acceptInfo(_ s: Int) -> Bool {
        out.kind = .info
        set(.text, s, t.end)
        return true
    }

    /// Classifies the body at `s`; false when it is no known sendmail shape.
    @usableFromInline
    mutating func parse(from s: Int) -> Bool {
        guard s < t.end else { return false }
        // Each family is tried only when its literal prefix is there, and a family that gives
        // up lets the others try (an old-style id can start like a keyword).
        switch t[s] {
        case UInt8(ascii: "f"):
            if t.has("from=", at: s), parseReceived(s) { return true }
        case UInt8(ascii: "t"):
            if t.has("to=", at: s), parseDelivery(s) { return true }
            if t.has("tcpwrappers (", at: s), parseTCPWrappers(s) { return true }
            if t.has("tls_clt_features=", at: s) || t.has("tls_srv_features=", at: s) { return acceptInfo(s) }
        case UInt8(ascii: "S"):
            if t.has("STARTTLS", at: s), parseStartTLS(s) { return true }
            if t.has("SYSERR", at: s), parseSyserr(s) { return true }
            if t.has("SMTP outgoing connect on ", at: s) { return acceptInfo(s) }
        case UInt8(ascii: "A"):
            if t.has("AUTH", at: s), parseAuth(s) { return true }
        case UInt8(ascii: "r"):
            if t.has("ruleset=", at: s), parseRuleset(s) { return true }
        case UInt8(ascii: "M"):
            if t.has("Milter", at: s), parseMilterLine(s) { return true }
        case UInt8(ascii: "m"):
            if t.has("milter=", at: s), parseNamedMilter(s) { return true }
        case UInt8(ascii: "d"):
            if t.has("done; ", at: s), parseDone(s) { return true }
            if t.isExactly("discarded", from: s) {
                out.kind = .discarded
                return true
            }
        case UInt8(ascii: "c"):
            if t.has("clone ", at: s), parseOldClone(s) { return true }
            if t.has("connect from ", at: s) { return parseSession(s) }
        case UInt8(ascii: "e"):
            if t.has("engine=", at: s) { return acceptInfo(s) }
        case UInt8(ascii: "s"):
            if t.has("split: ", at: s), parseSplit(s) { return true }
        case UInt8(ascii: "q"):
            if t.has("quarantine=", at: s) {
                out.kind = .reject
                out.rejectAction = .quarantine
                set(.quarantine, s + 11, t.end)
                return true
            }
        default:
            break
        }
        // The chain below costs ~600 instructions; the commonest lines it would end in are
        // routed above (`engine=`, `tls_*_features=`, `SMTP outgoing connect on `: info;
        // `connect from `: session). That is safe because no notice (a token of 8+ id bytes
        // then `: `), queue-trouble or earlier session shape can start with those words.
        if parseNotice(s) { return true }
        if parseQueueTrouble(s) { return true }
        if parseSession(s) { return true }
        if parseInfo(s) { return true }
        if parsePeerFirst(s) { return true }
        if parseUserError(s) { return true }
        return parseInfoConversionFirst(s)
    }
}
