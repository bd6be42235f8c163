import SmlogCorrelate
import SmlogParse

/// The columns of `smlog records`, in output order. These names are a public interface
/// (scripts read them): add new ones at the end, never rename.
public enum RecordField: String, CaseIterable, Sendable {
    case recipient, sender, status, kind, notice, qids, parent_qid, msgid, host, size
    case received, completed, attempts, deferrals, relay, mailer, dsn, delay, xdelay, stat
    case reply, client_relay, proto, downstream_qid
}

/// A record value as JSON/CSV need it.
enum RecordValue {
    case text(String)
    case number(Int)
    case list([String])
    case time(LogTime)
    case null
}

extension DeliveryRecord {
    func value(_ field: RecordField) -> RecordValue {
        switch field {
        case .recipient: .text(recipient)
        case .sender: sender.map(RecordValue.text) ?? .null
        case .status: .text(status.rawValue)
        case .kind: .text(kind.rawValue)
        case .notice: noticeKind.map { .text($0.recordName) } ?? .null
        case .qids: .list(qids)
        case .parent_qid: parentQid.map(RecordValue.text) ?? .null
        case .msgid: msgid.map(RecordValue.text) ?? .null
        case .host: .text(host)
        case .size: size.map(RecordValue.number) ?? .null
        case .received: received.map(RecordValue.time) ?? .null
        case .completed: completed.map(RecordValue.time) ?? .null
        case .attempts: .number(attempts)
        case .deferrals: .number(deferrals)
        case .relay: relay.map(RecordValue.text) ?? .null
        case .mailer: mailer.map(RecordValue.text) ?? .null
        case .dsn: dsn.map(RecordValue.text) ?? .null
        case .delay: delay.map(RecordValue.number) ?? .null
        case .xdelay: xdelay.map(RecordValue.number) ?? .null
        case .stat: stat.map(RecordValue.text) ?? .null
        case .reply: reply.map(RecordValue.text) ?? .null
        case .client_relay: clientRelay.map(RecordValue.text) ?? .null
        case .proto: proto.map(RecordValue.text) ?? .null
        case .downstream_qid: downstreamQid.map(RecordValue.text) ?? .null
        }
    }
}

extension NoticeKind {
    /// Name used in records and reports.
    public var recordName: String {
        switch self {
        case .dsn: "dsn"
        case .returnToSender: "return_to_sender"
        case .senderNotify: "sender_notify"
        case .postmasterNotify: "postmaster_notify"
        }
    }
}
