/// Parses the message part of a sendmail syslog line (everything after `tag[pid]: `) into a
/// `ParsedLine`, or says it is not a sendmail message shape.
///
/// It needs only the line bytes and a `SyslogHeader` whose `message` range marks the message, so
/// it can be used (and tested) without the syslog header parser. It never allocates and never
/// reads outside `header.message`.
public struct SendmailMessageParser {
    public init() {}

    /// Parses `header.message` of `line`; an understood message is handed to `handle` (the view
    /// is valid only during the call). It copies nothing from the line.
    public func parse(
        _ line: LineBytes, header: SyslogHeader, _ handle: (borrowing ParsedLine) -> Void
    ) -> SendmailVerdict {
        var body = MessageBodyParser(text: ByteText(line.base, end: 0), line: line, header: header)
        let verdict = fill(&body, line, header)
        if case .understood = verdict { handle(body.out) }
        return verdict
    }

    /// The per-line form of `parse`: fills `body.out`, a `ParsedLine` the caller keeps from line
    /// to line, instead of building a new one (a 480-byte struct built, cleared and copied per
    /// line cost ~140 instructions). `body.out` is valid when the verdict is `.understood`.
    @usableFromInline
    func fill(_ body: inout MessageBodyParser, _ line: LineBytes, _ header: SyslogHeader) -> SendmailVerdict {
        let message = header.message
        guard message.lower >= 0, Int(message.upper) <= line.count, !message.isEmpty else {
            return .notUnderstood
        }
        let full = ByteText(line.base, end: Int(message.upper))
        let text = ByteText(line.base, end: full.trimTrailing(Int(message.lower), Int(message.upper)))
        let start = Self.skipVendorTag(text, from: text.skipSpaces(Int(message.lower)))
        guard start < text.end else { return .notUnderstood }

        let prefix = IDPrefix.read(text, at: start)
        if prefix.part > 0 {
            return .splitPart(Self.splitPart(text, prefix))
        }
        body.reset(text: text, line: line, header: header)
        switch prefix.kind {
        case .noQueue:
            body.out.noQueue = true
            guard body.parse(from: prefix.bodyStart) else { return .notUnderstood }
        case .queueID:
            body.out.qid = prefix.id
            if !body.parse(from: prefix.bodyStart) {
                guard prefix.fallbackOnly else { return .notUnderstood }
                // The token was a plain word, not an id: read the whole text as a no-id message.
                body.reset(text: text, line: line, header: header)
                guard body.parse(from: start) else { return .notUnderstood }
            }
        case .none:
            guard body.parse(from: start) else { return .notUnderstood }
        }
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

/// Fills one `ParsedLine` from the text after the id prefix. One parser is reused from line
/// to line (`reset`), so it remembers which field slots it wrote.
@usableFromInline
struct MessageBodyParser {
    @usableFromInline var t: ByteText
    @usableFromInline var out: ParsedLine
    /// One bit per `Field` slot written since the last clear (`Field.slotCount` is below 64).
    @usableFromInline var writtenFields: UInt64 = 0
    /// False at `ParseDetail.envelope`: STARTTLS and AUTH summaries are read by their leading
    /// words only.
    @usableFromInline var readsSecurityFields = true

    @inlinable
    init(text: ByteText, line: LineBytes, header: SyslogHeader) {
        t = text
        out = ParsedLine(bytes: line, header: header, kind: .info)
    }

    /// A parser with no line yet (the one a `LogLineParser` keeps between lines).
    @usableFromInline
    static func idle() -> MessageBodyParser {
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        let header = SyslogHeader(
            time: .zero, format: .rfc3164, host: .empty, tag: .empty, pid: -1, message: .empty)
        return MessageBodyParser(text: ByteText(none, end: 0), line: LineBytes(none), header: header)
    }

    /// Readies the parser for a new line: `out` becomes what `ParsedLine(bytes:header:kind: .info)`
    /// would be, clearing only the field slots the previous line wrote.
    @inlinable
    mutating func reset(text: ByteText, line: LineBytes, header: SyslogHeader) {
        t = text
        out.bytes = line
        out.header = header
        out.qid = .empty
        out.noQueue = false
        resetFields()
    }

    /// Forgets what a family parser filled in before it gave up (the id prefix stays).
    @inlinable @inline(__always)
    mutating func resetFields() {
        out.kind = .info
        out.session = .none
        out.notice = .dsn
        out.rejectAction = .none
        out.side = .none
        out.authOutcome = .none
        out.moreRecipients = false
        var written = writtenFields
        while written != 0 {
            out.fields[written.trailingZeroBitCount] = .empty
            written &= written &- 1
        }
        writtenFields = 0
        var k = 0
        while k < min(out.extraCount, 4) {
            out.extraKeys[k] = .empty
            out.extraValues[k] = .empty
            k += 1
        }
        out.extraCount = 0
    }

    @inlinable @inline(__always)
    mutating func set(_ field: Field, _ lower: Int, _ upper: Int) {
        set(field, ByteRange(lower, max(lower, upper)))
    }

    @inlinable @inline(__always)
    mutating func set(_ field: Field, _ range: ByteRange) {
        out[field] = range
        writtenFields |= 1 << UInt64(truncatingIfNeeded: field.rawValue)
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
            if t.has("from=", at: s) { return parseReceived(s) }
        case UInt8(ascii: "t"):
            if t.has("to=", at: s) { return parseDelivery(s) }
            // Literals split to at most 16 bytes each: those compare inline in two words. (The
            // common `tls_` lines before the rare `tcpwrappers (`.)
            if t.has("tls_", at: s), t.has("clt_features=", at: s + 4) || t.has("srv_features=", at: s + 4) {
                return acceptInfo(s)
            }
            if t.has("tcpwrappers (", at: s), parseTCPWrappers(s) { return true }
        case UInt8(ascii: "S"):
            if t.has("STARTTLS", at: s), parseStartTLS(s) { return true }
            if t.has("SYSERR", at: s), parseSyserr(s) { return true }
            if t.has("SMTP outgoing co", at: s), t.has("nnect on ", at: s + 16) { return acceptInfo(s) }
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
