import Testing
import SmlogParse

/// A plain-value copy of a `ParsedLine` (or of the parser's verdict), safe to keep and compare.
struct ParsedSnapshot: Sendable, Equatable, CustomStringConvertible {
    enum Verdict: Sendable, Equatable { case understood, part, notUnderstood }
    var verdict: Verdict
    var kind: EventKind = .info
    var session: SessionEvent = .none
    var notice: NoticeKind = .dsn
    var rejectAction: RejectAction = .none
    var side: Side = .none
    var authOutcome: AuthOutcome = .none
    var moreRecipients = false
    var noQueue = false
    var qid = ""
    var fields: [Field: String] = [:]
    var extras: [String] = []
    var extraCount = 0
    var part: SplitPart? = nil
    var partID = ""
    var partBody = ""

    subscript(_ field: Field) -> String? { fields[field] }

    var description: String {
        switch verdict {
        case .notUnderstood: return "notUnderstood"
        case .part: return "part \(part?.number ?? 0) id=\(partID) body=\(partBody)"
        case .understood:
            let f = fields.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key)=\($0.value)" }
            return "\(kind) session=\(session) notice=\(notice) action=\(rejectAction) side=\(side) "
                + "auth=\(authOutcome) qid=\(qid) noQueue=\(noQueue) more=\(moreRecipients) \(f) extras=\(extras)"
        }
    }

    init(verdict: Verdict) { self.verdict = verdict }

    init(_ line: borrowing ParsedLine) {
        verdict = .understood
        kind = line.kind
        session = line.session
        notice = line.notice
        rejectAction = line.rejectAction
        side = line.side
        authOutcome = line.authOutcome
        moreRecipients = line.moreRecipients
        noQueue = line.noQueue
        qid = line.bytes.string(line.qid)
        for field in Field.allCases where line.has(field) {
            fields[field] = line.bytes.string(line[field])
        }
        extraCount = line.extraCount
        for k in 0..<min(line.extraCount, 4) {
            extras.append(line.bytes.string(line.extraKeys[k]) + "=" + line.bytes.string(line.extraValues[k]))
        }
    }
}

/// A small stand-in for the syslog header parser, only for tests of the message parser: it
/// knows `Mmm dd hh:mm:ss host tag[pid]: `, an RFC 3339 timestamp in place of the first three
/// tokens, a FreeBSD `<fac.pri>` token before the host, header-less `tag[pid]: ` and a bare
/// message (then the tag is empty and the whole line is the message).
enum TestHeader {
    static func header(_ bytes: UnsafeRawBufferPointer) -> SyslogHeader {
        let b = Array(bytes)
        let whole = SyslogHeader(
            time: .zero, format: .rfc3164, host: .empty, tag: .empty, pid: -1,
            message: ByteRange(0, b.count))
        // Find "tag[pid]: " — the first "]: " whose "[" follows a tag-like word.
        var i = 0
        while i + 2 < b.count {
            if b[i] == UInt8(ascii: "]"), b[i + 1] == UInt8(ascii: ":"), b[i + 2] == UInt8(ascii: " ") {
                var open = i - 1
                while open > 0, b[open] != UInt8(ascii: "[") { open -= 1 }
                let digits = b[(open + 1)..<i]
                if open > 0, !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    var tagStart = open
                    while tagStart > 0, b[tagStart - 1] != UInt8(ascii: " ") { tagStart -= 1 }
                    let pid = Int32(String(decoding: digits, as: UTF8.self)) ?? -1
                    var hostEnd = tagStart
                    while hostEnd > 0, b[hostEnd - 1] == UInt8(ascii: " ") { hostEnd -= 1 }
                    var hostStart = hostEnd
                    while hostStart > 0, b[hostStart - 1] != UInt8(ascii: " ") { hostStart -= 1 }
                    return SyslogHeader(
                        time: .zero, format: .rfc3164, host: ByteRange(hostStart, hostEnd),
                        tag: ByteRange(tagStart, open), pid: pid, message: ByteRange(i + 3, b.count))
                }
                if open == 0, b[0] == UInt8(ascii: "[") { return whole }
            }
            i += 1
        }
        return whole
    }
}

/// Parses `text` as one log line with `SendmailMessageParser` and the test header.
func parseSendmail(_ text: String) -> ParsedSnapshot {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBytes { raw in
        let buffer = UnsafeRawBufferPointer(raw)
        let line = LineBytes(buffer)
        let header = TestHeader.header(buffer)
        return snapshot(SendmailMessageParser().parse(line, header: header), line)
    }
}

/// Parses raw bytes (any content) with the test header.
func parseSendmail(bytes: [UInt8]) -> ParsedSnapshot {
    bytes.withUnsafeBytes { buffer in
        let line = LineBytes(buffer)
        let header = TestHeader.header(buffer)
        return snapshot(SendmailMessageParser().parse(line, header: header), line)
    }
}

func snapshot(_ message: SendmailMessage, _ line: LineBytes) -> ParsedSnapshot {
    switch message {
    case .understood(let parsed):
        return ParsedSnapshot(parsed)
    case .splitPart(let part):
        var s = ParsedSnapshot(verdict: .part)
        s.part = part
        s.partID = line.string(part.id)
        s.partBody = line.string(part.body)
        return s
    case .notUnderstood:
        return ParsedSnapshot(verdict: .notUnderstood)
    }
}

/// Where the shared reference samples live (tests that read them skip when absent).
enum SharedSamples {
    static let root = "/work/shared/samples"

    static func lines(_ relativePath: String) -> [String]? {
        guard let data = readFile(root + "/" + relativePath) else { return nil }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65536, file) }
            if n <= 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a test expects of one parsed line.
struct Expect: Sendable {
    var kind: EventKind
    var qid = ""
    var noQueue = false
    var session: SessionEvent = .none
    var notice: NoticeKind? = nil
    var action: RejectAction = .none
    var side: Side = .none
    var auth: AuthOutcome = .none
    var more = false
    var fields: [Field: String] = [:]
    /// Unknown key=value pairs in order, as "key=value"; nil = not checked.
    var extras: [String]? = nil
}

/// One line and what parsing it must give.
struct LineCase: Sendable, CustomTestStringConvertible {
    let line: String
    let expect: Expect
    var testDescription: String { line }

    init(_ line: String, _ expect: Expect) {
        self.line = line
        self.expect = expect
    }
}

/// A line as sendmail's syslog would write it (RFC 3164 header, host mx1).
func sm(_ message: String, tag: String = "sm-mta", pid: Int = 4101) -> String {
    "Mar  3 10:00:01 mx1 \(tag)[\(pid)]: \(message)"
}

/// Checks every expectation of `c` against the parse of its line.
func check(_ c: LineCase, sourceLocation: SourceLocation = #_sourceLocation) {
    let got = parseSendmail(c.line)
    let e = c.expect
    guard got.verdict == .understood else {
        Issue.record("not understood: \(c.line)", sourceLocation: sourceLocation)
        return
    }
    #expect(got.kind == e.kind, "kind", sourceLocation: sourceLocation)
    #expect(got.qid == e.qid, "qid", sourceLocation: sourceLocation)
    #expect(got.noQueue == e.noQueue, "noQueue", sourceLocation: sourceLocation)
    #expect(got.session == e.session, "session", sourceLocation: sourceLocation)
    if let notice = e.notice { #expect(got.notice == notice, "notice", sourceLocation: sourceLocation) }
    #expect(got.rejectAction == e.action, "rejectAction", sourceLocation: sourceLocation)
    #expect(got.side == e.side, "side", sourceLocation: sourceLocation)
    #expect(got.authOutcome == e.auth, "authOutcome", sourceLocation: sourceLocation)
    #expect(got.moreRecipients == e.more, "moreRecipients", sourceLocation: sourceLocation)
    for (field, value) in e.fields {
        #expect(got[field] == value, "field \(field)", sourceLocation: sourceLocation)
    }
    if let extras = e.extras {
        #expect(got.extras == extras, "extras", sourceLocation: sourceLocation)
    }
}
