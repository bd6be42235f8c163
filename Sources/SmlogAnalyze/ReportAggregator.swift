import SmlogCorrelate
import SmlogParse

/// One concern of the report (GoAccess-style: one module per panel). It sees every event
/// that passed the report's filters, once, in log order, through the `add` method of the
/// event's kind (the others default to doing nothing), and at the end writes its part of
/// the `Report`. Adding a section is a new aggregator file, a new model file and a field
/// in `ReportBuilder` (which calls each aggregator for the event kinds it counts). `add` runs per event: keep it to counter and dictionary updates (no
/// sorting, no scanning of tables); rank and cut in `finish`.
///
/// One method per event kind, rather than one taking `CorrelatedEvent`, so the builder
/// unpacks each event once and aggregators borrow its payload instead of each copying it.
protocol ReportAggregator {
    mutating func add(message: MessageSummary)
    mutating func add(record: DeliveryRecord)
    mutating func add(attempt: AttemptEvent)
    mutating func add(notice: NoticeEvent)
    mutating func add(reject: RejectEvent)
    mutating func add(session: SessionRecord)
    mutating func add(tls: TLSRecord)
    mutating func add(auth: AuthRecord)
    mutating func add(systemError: SystemErrorRecord)
    func finish(into report: inout Report, context: ReportContext)
}

extension ReportAggregator {
    mutating func add(message: MessageSummary) {}
    mutating func add(record: DeliveryRecord) {}
    mutating func add(attempt: AttemptEvent) {}
    mutating func add(notice: NoticeEvent) {}
    mutating func add(reject: RejectEvent) {}
    mutating func add(session: SessionRecord) {}
    mutating func add(tls: TLSRecord) {}
    mutating func add(auth: AuthRecord) {}
    mutating func add(systemError: SystemErrorRecord) {}
}

/// What an aggregator may read when it finishes.
struct ReportContext {
    var options: ReportOptions
    var input: InputAccounting
    /// Latest time of any event the report kept (a fallback when the input accounting has
    /// no last timestamp).
    var latestEventTime: LogTime?
}
