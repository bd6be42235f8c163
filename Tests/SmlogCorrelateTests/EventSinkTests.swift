import SmlogCorrelate
import SmlogParse
import TestSupport
import Testing

/// `consume(_:into:)` hands a sink the very events `consume(_:emit:)` wraps in
/// `CorrelatedEvent`, in the same order: the report and `records` read the sink form.
@Suite("Correlated event sink")
struct EventSinkTests {
    /// Notes every event as its kind and payload, through the sink methods.
    struct NotingSink: CorrelatedEventSink {
        var noted: [String] = []
        mutating func record(_ record: DeliveryRecord) { noted.append("record \(record)") }
        mutating func message(_ message: MessageSummary) { noted.append("message \(message)") }
        mutating func attempt(_ attempt: AttemptEvent) { noted.append("attempt \(attempt)") }
        mutating func notice(_ notice: NoticeEvent) { noted.append("notice \(notice)") }
        mutating func reject(_ reject: RejectEvent) { noted.append("reject \(reject)") }
        mutating func session(_ session: SessionRecord) { noted.append("session \(session)") }
        mutating func tls(_ tls: TLSRecord) { noted.append("tls \(tls)") }
        mutating func auth(_ auth: AuthRecord) { noted.append("auth \(auth)") }
        mutating func systemError(_ error: SystemErrorRecord) { noted.append("systemError \(error)") }
    }

    static func noted(_ event: CorrelatedEvent) -> String {
        switch event {
        case .record(let e): "record \(e)"
        case .message(let e): "message \(e)"
        case .attempt(let e): "attempt \(e)"
        case .notice(let e): "notice \(e)"
        case .reject(let e): "reject \(e)"
        case .session(let e): "session \(e)"
        case .tls(let e): "tls \(e)"
        case .auth(let e): "auth \(e)"
        case .systemError(let e): "systemError \(e)"
        }
    }

    static let lines = LineEventsOptionTests.lines + [
        "Nov 30 15:50:20 vm sendmail[1605]: AUTH=server, relay=client.corp.example [192.0.2.7], authid=alice, mech=PLAIN, bits=0",
        "Nov 30 15:50:21 vm sendmail[1606]: 6AUFo0cc001606: SYSERR(root): timeout writing message to [127.0.0.1]",
        "Nov 30 15:50:22 vm sendmail[1607]: 6AUFo0dd001607: from=<dave@corp.example>, size=10, class=0, nrcpts=1, msgid=<r2@corp.example>, proto=ESMTP, daemon=MTA-v4, relay=client.corp.example [192.0.2.7]",
    ]

    @Test("a sink gets every event the closure form emits, in order", arguments: [true, false])
    func sinkMatchesClosure(lineEvents: Bool) {
        let options = CorrelatorOptions(emitsLineEvents: lineEvents)
        let closure = CorrelationRun(Self.lines, options: options).events.map(Self.noted)
        let sink = ProcessTimeZone.with("UTC") { () -> [String] in
            var parser = LogLineParser()
            parser.beginFile(yearReference: .fixed(2026))
            var correlator = Correlator(options: options)
            var sink = NotingSink()
            for line in Self.lines {
                var bytes = Array(line.utf8)
                _ = bytes.withUnsafeMutableBytes { raw in
                    parser.parse(UnsafeRawBufferPointer(raw)) { parsed in correlator.consume(&parsed, into: &sink) }
                }
            }
            correlator.finish(into: &sink)
            return sink.noted
        }
        #expect(sink == closure)
        // Records of both messages (one still pending at the end), and with line events on,
        // every other kind the lines hold.
        let kinds = Set(sink.map { String($0.prefix { $0 != " " }) })
        #expect(sink.filter { $0.hasPrefix("record ") }.count == 4)
        if lineEvents {
            #expect(kinds == ["record", "message", "attempt", "notice", "reject", "session", "tls", "auth", "systemError"])
        } else {
            #expect(kinds == ["record"])
        }
    }
}
