import SmlogAnalyze
import SmlogCorrelate
import SmlogParse

/// Hand-made events for the aggregator tests. Times are seconds after `base`
/// (2026-11-30T15:00:00Z).
enum Fixture {
    static let base: Int64 = 1_796_050_800

    static func time(_ offset: Int64, utcOffset: Int32 = 0) -> LogTime {
        LogTime(seconds: base + offset, utcOffset: utcOffset)
    }

    static func record(
        _ recipient: String = "<bob@example.org>", status: DeliveryStatus, kind: MessageKind = .mail,
        sender: String? = "<alice@corp.example>", qid: String = "Q1", host: String = "mx",
        size: Int? = 1000, received: Int64? = 0, completed: Int64? = 10, attempts: Int = 1,
        relay: String? = "smarthost.lab.example. [127.0.0.1]", mailer: String? = "relay",
        dsn: String? = nil, delay: Int? = nil, stat: String? = nil
    ) -> CorrelatedEvent {
        .record(DeliveryRecord(
            recipient: recipient, sender: sender, status: status, kind: kind, qids: [qid], msgid: nil,
            host: host, size: size, received: received.map { time($0) },
            completed: status == .pending ? nil : completed.map { time($0) },
            attempts: attempts, deferrals: 0, relay: relay, mailer: mailer, dsn: dsn, delay: delay,
            xdelay: nil, stat: stat
        ))
    }

    static func message(
        sender: String? = "<alice@corp.example>", qid: String = "Q1", host: String = "mx", size: Int? = 1000,
        recipients: Int = 1, kind: MessageKind = .mail, hasFromLine: Bool = true, received: Int64? = 0,
        clientRelay: String? = "localhost [127.0.0.1]"
    ) -> CorrelatedEvent {
        .message(MessageSummary(
            kind: kind, qids: [qid], host: host, sender: sender, msgid: nil, size: size, nrcpts: recipients,
            recipients: recipients, hasFromLine: hasFromLine, received: received.map { time($0) },
            clientRelay: clientRelay, proto: "ESMTP"
        ))
    }

    static func attempt(
        _ outcome: AttemptOutcome, at offset: Int64 = 5, qid: String = "Q1", host: String = "mx",
        recipients: Int = 1, relay: String? = "smarthost.lab.example. [127.0.0.1]", mailer: String? = "relay",
        dsn: String? = nil, stat: String? = nil, reply: String? = nil, xdelay: Int? = nil,
        handoff: Bool = false, notice: Bool = false
    ) -> CorrelatedEvent {
        .attempt(AttemptEvent(
            time: time(offset), host: host, qid: qid, outcome: outcome, recipientCount: recipients,
            relay: relay, mailer: mailer, dsn: dsn, stat: stat, reply: reply, delay: nil, xdelay: xdelay,
            isHandoff: handoff, isNotice: notice
        ))
    }

    static func build(_ events: [CorrelatedEvent], options: ReportOptions = ReportOptions(),
                      input: InputAccounting = InputAccounting(lastTimestamp: time(3600))) -> Report {
        var builder = ReportBuilder(options: options)
        for e in events { builder.add(e) }
        return builder.finish(input: input)
    }
}
