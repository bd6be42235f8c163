/// Parses the message part of a sendmail syslog line (everything after `tag[pid]: `) into a
/// `ParsedLine`, or says it is not a sendmail message shape.
///
/// It needs only the line bytes and a `SyslogHeader` whose `message` range marks the message, so
/// it can be used (and tested) without the syslog header parser. It never allocates and never
/// reads outside `header.message`.
public struct SendmailMessageParser {
    public init() {}

    /// Parses `header.message` of `line`.
    public func parse(_ line: LineBytes, header: SyslogHeader) -> SendmailMessage {
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
            return body.parse(from: prefix.bodyStart) ? .understood(body.out) : .notUnderstood
        case .queueID:
            body.out.qid = prefix.id
            if body.parse(from: prefix.bodyStart) { return .understood(body.out) }
            guard prefix.fallbackOnly else { return .notUnderstood }
            // The token was a plain word, not an id: read the whole text as a no-id message.
            var retry = MessageBodyParser(text: text, line: line, header: header)
            return retry.parse(from: start) ? .understood(retry.out) : .notUnderstood
        case .none:
            return body.parse(from: start) ? .understood(body.out) : .notUnderstood
        }
    }

    /// Skips a Solaris `[ID 801593 mail.info] ` token in case the header parser left it.
    @inlinable
    static func skipVendorTag(_ t: ByteText, from i: Int) -> Int {
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

    /// Classifies the body at `s`; false when it is no known sendmail shape.
    @usableFromInline
    mutating func parse(from s: Int) -> Bool {
        guard s < t.end else { return false }
        if parseNotice(s) { return true }
        switch t[s] {
        case UInt8(ascii: "f"):
            if t.has("from=", at: s) { return parseReceived(s) }
        case UInt8(ascii: "t"):
            if t.has("to=", at: s) { return parseDelivery(s) }
            if t.has("tcpwrappers (", at: s), parseTCPWrappers(s) { return true }
        case UInt8(ascii: "S"):
            if t.has("STARTTLS", at: s) { return parseStartTLS(s) }
            if t.has("SYSERR", at: s), parseSyserr(s) { return true }
        case UInt8(ascii: "A"):
            if t.has("AUTH", at: s), parseAuth(s) { return true }
        case UInt8(ascii: "r"):
            if t.has("ruleset=", at: s) { return parseRuleset(s) }
        case UInt8(ascii: "M"):
            if t.has("Milter", at: s), parseMilterLine(s) { return true }
        case UInt8(ascii: "m"):
            if t.has("milter=", at: s) { return parseNamedMilter(s) }
        case UInt8(ascii: "d"):
            if t.has("done; ", at: s) { return parseDone(s) }
            if t.isExactly("discarded", from: s) {
                out.kind = .discarded
                return true
            }
        case UInt8(ascii: "c"):
            if t.has("clone ", at: s), parseOldClone(s) { return true }
        case UInt8(ascii: "s"):
            if t.has("split: ", at: s) { return parseSplit(s) }
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
        if parseQueueTrouble(s) { return true }
        if parseSession(s) { return true }
        if parseInfo(s) { return true }
        if parsePeerFirst(s) { return true }
        if parseUserError(s) { return true }
        return parseInfoConversionFirst(s)
    }
}
