import SmlogCorrelate
import SmlogParse

/// The columns of `smlog records`, in output order. These names are a public interface
/// (scripts read them): add new ones at the end, never rename.
public enum RecordField: String, CaseIterable, Sendable {
    case recipient, sender, status, kind, notice, qids, parent_qid, msgid, host, size
    case received, completed, attempts, deferrals, relay, mailer, dsn, delay, xdelay, stat
    case reply, client_relay, proto, downstream_qid
}

/// Receives a record's fields one by one, in `RecordField.allCases` order, each with the kind
/// of value it holds (nil: no value). The writers and their length bounds share this one
/// list, so a field cannot be written in one format and forgotten in another.
protocol RecordFieldVisitor {
    mutating func text(_ field: RecordField, _ value: String?)
    /// A fixed name (a status, a kind): plain lowercase ASCII that needs no escaping or guard.
    mutating func word(_ field: RecordField, _ value: StaticString?)
    mutating func number(_ field: RecordField, _ value: Int?)
    mutating func time(_ field: RecordField, _ value: LogTime?)
    mutating func list(_ field: RecordField, _ values: [String])
}

extension DeliveryRecord {
    /// Hands every field to `visitor`, in column order.
    @inline(__always)
    func visitFields<Visitor: RecordFieldVisitor>(_ visitor: inout Visitor) {
        visitor.text(.recipient, recipient)
        visitor.text(.sender, sender)
        // Fixed names as static text: a `rawValue` String costs a release call and the
        // escaping tests each record.
        visitor.word(.status, status.recordWord)
        visitor.word(.kind, kind.recordWord)
        visitor.word(.notice, noticeKind?.recordWord)
        visitor.list(.qids, qids)
        visitor.text(.parent_qid, parentQid)
        visitor.text(.msgid, msgid)
        visitor.text(.host, host)
        visitor.number(.size, size)
        visitor.time(.received, received)
        visitor.time(.completed, completed)
        visitor.number(.attempts, attempts)
        visitor.number(.deferrals, deferrals)
        visitor.text(.relay, relay)
        visitor.text(.mailer, mailer)
        visitor.text(.dsn, dsn)
        visitor.number(.delay, delay)
        visitor.number(.xdelay, xdelay)
        visitor.text(.stat, stat)
        visitor.text(.reply, reply)
        visitor.text(.client_relay, clientRelay)
        visitor.text(.proto, proto)
        visitor.text(.downstream_qid, downstreamQid)
    }
}

extension NoticeKind {
    /// Name used in records and reports.
    public var recordName: String { recordWord.description }

    /// `recordName` as static text.
    @inline(__always)
    var recordWord: StaticString {
        switch self {
        case .dsn: "dsn"
        case .returnToSender: "return_to_sender"
        case .senderNotify: "sender_notify"
        case .postmasterNotify: "postmaster_notify"
        }
    }
}

extension DeliveryStatus {
    /// `rawValue` as static text (tested equal).
    @inline(__always)
    var recordWord: StaticString {
        switch self {
        case .delivered: "delivered"
        case .bounced: "bounced"
        case .pending: "pending"
        case .discarded: "discarded"
        case .quarantined: "quarantined"
        case .rejected: "rejected"
        case .relayed: "relayed"
        case .incomplete: "incomplete"
        }
    }
}

extension MessageKind {
    /// `rawValue` as static text (tested equal).
    @inline(__always)
    var recordWord: StaticString {
        switch self {
        case .mail: "mail"
        case .dsn: "dsn"
        }
    }
}
