import SmlogAnalyze
import SmlogCorrelate
import SmlogParse

/// `smlog trace --format json`: one JSON document (shape in Documentation/trace.md).
/// Key names are a public interface: add new ones, never rename.
public struct TraceJSONRenderer: Sendable {
    public var includeRaw: Bool

    public init(includeRaw: Bool = false) {
        self.includeRaw = includeRaw
    }

    public func render(_ trace: Trace) -> [UInt8] {
        var out: [UInt8] = []
        document(trace).write(into: &out)
        out.append(0x0A)
        return out
    }

    func document(_ trace: Trace) -> TraceJSONValue {
        .object([
            ("query", .object([("id", .string(trace.query.text)), ("kind", .string(Self.kindName(trace.query.kind)))])),
            ("end_of_input", .optional(trace.endOfInput.map(ISO8601Time.format))),
            ("messages", .array(trace.messages.map(message))),
        ])
    }

    static func kindName(_ kind: TraceQuery.Kind) -> String {
        switch kind {
        case .qid: "qid"
        case .msgid: "msgid"
        case .address: "address"
        case .msgidOrAddress: "msgid_or_address"
        }
    }

    private func message(_ m: TraceMessage) -> TraceJSONValue {
        var members: [(String, TraceJSONValue)] = [
            ("qids", .array(m.qids.map { .string($0) })),
            ("matched_as", .array(m.matchedAs.map { .string(Self.kindName($0)) })),
            ("state", .string(m.state.rawValue)),
            ("msgid", .optional(m.msgid)),
            ("sender", .optional(m.sender)),
            ("size", .optional(m.size)),
            ("received", .optional(m.received.map(ISO8601Time.format))),
            ("first_seen", .string(ISO8601Time.format(m.firstSeen))),
            ("last_seen", .string(ISO8601Time.format(m.lastSeen))),
            ("client_relay", .optional(m.client)),
            ("proto", .optional(m.proto)),
            ("age_seconds", .optional(m.age.map { Int(clamping: $0) })),
            ("last_error", .optional(m.lastError)),
            ("hops", .array(m.hops.map(hop))),
            ("recipients", .array(m.recipients.map(recipient))),
            ("events", .array(m.events.map(event))),
        ]
        if includeRaw {
            members.append(("raw", .array(m.rawLines.map { .string(String(decoding: $0, as: UTF8.self)) })))
        }
        return .object(members)
    }

    private func hop(_ h: TraceHop) -> TraceJSONValue {
        .object([
            ("qid", .string(h.qid)),
            ("host", .string(h.host)),
            ("programs", .array(h.programs.map { .string($0) })),
            ("role", .string(h.role.rawValue)),
            ("parent_qid", .optional(h.parentQid)),
            ("notice", .optional(h.noticeKind?.recordName)),
            ("logged", .bool(h.logged)),
            ("first_seen", .optional(h.firstSeen.map(ISO8601Time.format))),
        ])
    }

    private func recipient(_ r: TraceRecipient) -> TraceJSONValue {
        .object([
            ("address", .string(r.address)),
            ("status", .string(r.status.rawValue)),
            ("kind", .string(r.kind.rawValue)),
            ("notice", .optional(r.noticeKind?.recordName)),
            ("qid", .string(r.qid)),
            ("host", .string(r.host)),
            ("received", .optional(r.received.map(ISO8601Time.format))),
            ("completed", .optional(r.completed.map(ISO8601Time.format))),
            ("latency_seconds", .optional(r.latencySeconds.map { Int(clamping: $0) })),
            ("attempts", .int(r.attempts)),
            ("deferrals", .int(r.deferrals)),
            ("relay", .optional(r.relay)),
            ("mailer", .optional(r.mailer)),
            ("dsn", .optional(r.dsn)),
            ("stat", .optional(r.stat)),
            ("reply", .optional(r.reply)),
            ("downstream_qid", .optional(r.downstreamQid)),
        ])
    }

    private func event(_ e: TraceEvent) -> TraceJSONValue {
        var members: [(String, TraceJSONValue)] = [
            ("time", .string(ISO8601Time.format(e.time))),
            ("host", .string(e.host)),
            ("qid", .optional(e.qid)),
            ("program", .string(e.program)),
            ("pid", .optional(e.pid)),
            ("event", .string(e.kind.rawValue)),
            ("summary", .string(TraceEventText.describe(e))),
        ]
        func add(_ key: String, _ value: String?) { if let value { members.append((key, .string(value))) } }
        func add(_ key: String, _ value: Int?) { if let value { members.append((key, .int(value))) } }
        switch e.kind {
        case .received:
            add("from", e.sender)
            add("size", e.size)
            add("nrcpts", e.nrcpts)
            add("msgid", e.msgid)
            add("proto", e.proto)
            add("relay", e.client)
        case .attempt:
            add("outcome", e.outcome?.rawValue)
            members.append(("handoff", .bool(e.isHandoff)))
            members.append(("to", .array(e.recipients.map { .string($0) })))
            add("mailer", e.mailer)
            add("relay", e.relay)
            add("dsn", e.dsn)
            add("stat", e.stat)
            add("reply", e.reply)
            add("delay", e.delay)
            add("xdelay", e.xdelay)
            add("next_qid", e.nextQid)
        case .notice, .clone, .split:
            add("notice", e.noticeKind?.recordName)
            members.append(("child_qids", .array(e.childQids.map { .string($0) })))
            add("text", e.text)
        case .done:
            add("delay", e.delay)
            add("tries", e.tries)
        case .reject:
            add("ruleset", e.ruleset)
            add("arg", e.argument)
            add("relay", e.client)
            add("text", e.text)
        case .discarded:
            break
        case .session, .tls, .auth, .systemError, .info, .other, .unrecognized:
            add("text", e.text)
        }
        return .object(members)
    }
}
