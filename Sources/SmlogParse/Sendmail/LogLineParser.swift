/// The parse stage's entry point: one raw line in, its accounting class out, and for
/// understood sendmail lines a `ParsedLine` handed to `handle`.
///
/// Classification:
/// - no readable syslog header: `.unrecognized` when the line still names a sendmail program
///   (`sendmail[…]`, `sm-mta[…]`), else `.foreign`;
/// - `last message repeated N times` (no tag): the class of the previous line, no `handle` call;
/// - rsyslog `message repeated N times: [ … ]`: the inner message, parsed once and handed over
///   with `header.repeatCount == N`;
/// - tag `sendmail`, `sendmail-…` or `sm-…`: `.sendmail` when the message is understood,
///   `.unrecognized` otherwise;
/// - any other tag: `.foreign`, unless the message is a sendmail envelope line (a strict queue
///   id, then `from=`, `to=` or a DSN/bounce notice) and the tag is not another mail program's
///   (milters, Postfix, opendkim, … log sendmail queue ids too).
///
/// Lines that sendmail split itself (`ID[1]: … ...`, `ID[2]: …`) each count as `.sendmail`; the
/// joined line is handed over once, when its last part arrives.
public struct LogLineParser {
    private var headerParser = SyslogHeaderParser()
    private let messageParser = SendmailMessageParser()
    private var joiner = SplitLineJoiner()
    /// The parsed line, reused from line to line (between lines it points at no valid bytes and
    /// is never read).
    private var body = MessageBodyParser.idle()
    private var previousClass: LineClass = .foreign
    /// Lines read so far that had no readable syslog header; a file made only of such lines
    /// is not a log (binary data, another format), which the caller tells the user.
    public private(set) var linesWithoutHeader = 0
    /// Replaces the syslog header parser (tests of this type's own logic).
    var headerOverride: ((LineBytes) -> SyslogHeader?)? = nil

    public init() {}

    /// A parser that fills in only what `detail` asks for (see `ParseDetail`); every line
    /// gets the same `LineClass` at every detail.
    public init(detail: ParseDetail) {
        body.readsSecurityFields = detail == .full
    }

    /// Call before the lines of each input file.
    public mutating func beginFile(yearReference: YearReference) {
        headerParser.setYearReference(yearReference)
        previousClass = .foreign
    }

    /// Classifies `line` (without its line terminator) and, for an understood sendmail line,
    /// calls `handle` with the parsed view. A part of a sendmail-split long line
    /// (`qid[1]: … ...`) is held until its last part arrives; the joined line is then handed
    /// over once and every part line counts as `.sendmail`. The parsed line is handed `inout`
    /// only so that it goes by address (a borrowed one was copied, 480 bytes a line); `handle`
    /// must not change it.
    public mutating func parse(
        _ line: UnsafeRawBufferPointer, _ handle: (inout ParsedLine) -> Void
    ) -> LineClass {
        let bytes = LineBytes(line)
        let parsedHeader: SyslogHeader?
        let canKeepTagMemo = headerOverride == nil
        if let override = headerOverride {
            parsedHeader = override(bytes)
        } else {
            parsedHeader = headerParser.parse(bytes)
        }
        guard let header = parsedHeader else {
            linesWithoutHeader &+= 1
            previousClass = SendmailTag.mentionsSendmail(line) ? .unrecognized : .foreign
            return previousClass
        }
        if header.tag.isEmpty && header.repeatCount > 0 {
            // "last message repeated N times" repeats the previous line; it has no message.
            return previousClass
        }
        // The sendmail tag test is kept with the syslog prefix the line repeated (lines of one
        // program repeat their prefix): one load for most lines.
        let memo = canKeepTagMemo ? headerParser.tagMemo : 0
        let isSendmail = memo != 0 ? memo == Self.sendmailTagMemo : isSendmailTag(bytes, header.tag, keep: canKeepTagMemo)
        previousClass = classify(bytes, header, isSendmail: isSendmail, handle)
        return previousClass
    }

    /// `SendmailTag.isSendmail`, kept for the next lines that repeat this line's syslog prefix
    /// when `keep` is set (out of line: most lines find it kept).
    @inline(never)
    private mutating func isSendmailTag(_ line: LineBytes, _ tag: ByteRange, keep: Bool) -> Bool {
        let isSendmail = SendmailTag.isSendmail(line, tag)
        if keep { headerParser.keepTagMemo(isSendmail ? Self.sendmailTagMemo : Self.otherTagMemo) }
        return isSendmail
    }

    private static var sendmailTagMemo: UInt8 { 1 }
    private static var otherTagMemo: UInt8 { 2 }

    /// End of input: every held part line whose split line never completed (or whose joined
    /// line was not understood) was already reported as `.sendmail`; each is handed to
    /// `unjoined` so the caller can move it to the unrecognized count (and write it to
    /// `--unrecognized`).
    public mutating func finish(unjoined: (UnsafeRawBufferPointer) -> Void) {
        joiner.finish(unjoined: unjoined)
    }

    /// True when part lines already reported as `.sendmail` turned out to belong to no
    /// understood message (a part out of sequence, a message given up). Cheap: check it after
    /// each line and call `takeUnjoined` when set.
    public var hasUnjoined: Bool { joiner.hasOrphans }

    /// Like `finish`, for the part lines known so far to belong to no understood message, so
    /// that they are not held until the end of the input (a log of stray parts would otherwise
    /// keep every one in memory). Pending messages are left alone. Returns at once when there
    /// are none, so it may be called after any line without checking `hasUnjoined` first.
    public mutating func takeUnjoined(_ unjoined: (UnsafeRawBufferPointer) -> Void) {
        joiner.takeOrphans(unjoined)
    }

    /// Bytes of split-line parts held (for tests of the memory bound).
    var heldSplitBytes: Int { joiner.heldBytes }

    @inline(__always)  // one caller; inlined, the header is not copied again (~30 instructions)
    private mutating func classify(
        _ line: LineBytes, _ header: SyslogHeader, isSendmail: Bool, _ handle: (inout ParsedLine) -> Void
    ) -> LineClass {
        if !isSendmail {
            guard Self.mayBeOtherTagsEnvelopeLine(line, header) else { return .foreign }
        }
        let verdict = messageParser.fill(&body, line, header)
        switch verdict {
        case .understood:
            guard isSendmail || Self.isEnvelopeKind(body.out) else { return .foreign }
            handle(&body.out)
            return .sendmail
        case .splitPart(let part):
            guard isSendmail else { return .foreign }
            addSplitPart(part, line, header, handle)
            return .sendmail
        case .notUnderstood:
            return isSendmail ? .unrecognized : .foreign
        }
    }

    /// Holds a part of a split line; the joined line goes to `handle` when it completes.
    /// (Out of line, like the other rare paths, so the per-line path stays small.)
    @inline(never)
    private mutating func addSplitPart(
        _ part: SplitPart, _ line: LineBytes, _ header: SyslogHeader,
        _ handle: (inout ParsedLine) -> Void
    ) {
        let parser = messageParser
        joiner.add(part, line: line, header: header) { joinedLine, joinedHeader in
            parser.parse(joinedLine, header: joinedHeader) { parsed in
                var joined = copy parsed
                handle(&joined)
            } == .understood
        }
    }

    /// Whether a line of another program's tag may still be a sendmail envelope line.
    @inline(never)
    private static func mayBeOtherTagsEnvelopeLine(_ line: LineBytes, _ header: SyslogHeader) -> Bool {
        !header.tag.isEmpty && !SendmailTag.isOtherMailProgram(line, header.tag)
            && mayBeEnvelopeLine(line, header)
    }

    /// Cheap test before parsing another program's line: a strict queue id, then `from=`,
    /// `to=` or a second id (a notice).
    private static func mayBeEnvelopeLine(_ line: LineBytes, _ header: SyslogHeader) -> Bool {
        let text = ByteText(line.base, end: Int(header.message.upper))
        let start = SendmailMessageParser.skipVendorTag(text, from: Int(header.message.lower))
        let prefix = IDPrefix.parse(text, from: start)
        guard prefix.kind == .queueID, !prefix.fallbackOnly, prefix.part == 0 else { return false }
        let body = prefix.bodyStart
        return text.has("from=", at: body) || text.has("to=", at: body) || QueueIDShape.isIDByte(text[body])
    }

    private static func isEnvelopeKind(_ parsed: borrowing ParsedLine) -> Bool {
        guard !parsed.qid.isEmpty, !parsed.noQueue else { return false }
        switch parsed.kind {
        case .received, .delivery, .notice: return true
        default: return false
        }
    }
}
