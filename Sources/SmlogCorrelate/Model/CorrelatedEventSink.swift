/// Takes what the correlator finds, one method per kind of event.
///
/// The same events as `CorrelatedEvent`, handed over without wrapping them in the enum: the
/// enum is as large as its largest payload (a `DeliveryRecord`, over 300 bytes), and building
/// one per event and taking the payload back out cost two copies of it (~70 instructions a
/// line in `smlog report`). A consumer that wants the enum uses the closure form of
/// `Correlator.consume(_:emit:)`.
public protocol CorrelatedEventSink {
    /// One recipient's final outcome (or pending/incomplete at the end or at the horizon).
    mutating func record(_ record: DeliveryRecord)
    /// One logical message, once, after its records.
    mutating func message(_ message: MessageSummary)
    /// One `to=` line.
    mutating func attempt(_ attempt: AttemptEvent)
    /// sendmail generated a notice (DSN, return to sender, …).
    mutating func notice(_ notice: NoticeEvent)
    /// A ruleset or milter refused, discarded or quarantined something at SMTP time.
    mutating func reject(_ reject: RejectEvent)
    /// A connection-level event.
    mutating func session(_ session: SessionRecord)
    /// A STARTTLS summary line.
    mutating func tls(_ tls: TLSRecord)
    /// An AUTH line.
    mutating func auth(_ auth: AuthRecord)
    /// A SYSERR or queue-file problem.
    mutating func systemError(_ error: SystemErrorRecord)
}

/// Hands every event to a closure as a `CorrelatedEvent` (the closure forms of
/// `Correlator.consume` and `finish`, and callers that want the enum).
public struct EventForwarder: CorrelatedEventSink {
    let emit: (CorrelatedEvent) -> Void

    public init(emit: @escaping (CorrelatedEvent) -> Void) {
        self.emit = emit
    }

    public mutating func record(_ record: DeliveryRecord) { emit(.record(record)) }
    public mutating func message(_ message: MessageSummary) { emit(.message(message)) }
    public mutating func attempt(_ attempt: AttemptEvent) { emit(.attempt(attempt)) }
    public mutating func notice(_ notice: NoticeEvent) { emit(.notice(notice)) }
    public mutating func reject(_ reject: RejectEvent) { emit(.reject(reject)) }
    public mutating func session(_ session: SessionRecord) { emit(.session(session)) }
    public mutating func tls(_ tls: TLSRecord) { emit(.tls(tls)) }
    public mutating func auth(_ auth: AuthRecord) { emit(.auth(auth)) }
    public mutating func systemError(_ error: SystemErrorRecord) { emit(.systemError(error)) }
}

/// A sink that takes records only (`smlog records`, with a correlator whose
/// `emitsLineEvents` is false): every other kind of event is dropped. Only a type that says
/// so gets these empty methods; other sinks must take every kind.
public protocol DeliveryRecordSink: CorrelatedEventSink {}

extension DeliveryRecordSink {
    public mutating func message(_ message: MessageSummary) {}
    public mutating func attempt(_ attempt: AttemptEvent) {}
    public mutating func notice(_ notice: NoticeEvent) {}
    public mutating func reject(_ reject: RejectEvent) {}
    public mutating func session(_ session: SessionRecord) {}
    public mutating func tls(_ tls: TLSRecord) {}
    public mutating func auth(_ auth: AuthRecord) {}
    public mutating func systemError(_ error: SystemErrorRecord) {}
}
