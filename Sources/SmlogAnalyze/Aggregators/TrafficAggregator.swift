import SmlogCorrelate
import SmlogParse

/// Received, delivered, deferred and bounced per hour of day and per calendar day, in
/// each event's own local time.
struct TrafficAggregator: ReportAggregator {
    private struct Counts {
        var received = 0, delivered = 0, deferred = 0, bounced = 0
    }

    private var hours = [Counts](repeating: Counts(), count: 24)
    private var days: [Int64: Counts] = [:]
    /// The day being counted: events come in time order, so nearly every event falls on
    /// the same day as the one before, and adding to this beats hashing the day number.
    private var currentDay: Int64?
    private var currentCounts = Counts()
    /// The local hour being counted, as local seconds [hourStart, hourEnd) and its hour of
    /// day: an event inside it needs neither division (hour of day, day number), and its
    /// day is `currentDay`. Starts empty.
    private var hourStart: Int64 = 1
    private var hourEnd: Int64 = 0
    private var currentHour = 0

    @inline(__always)
    mutating func add(message m: MessageSummary) {
        guard m.isCountedMessage, let t = m.received else { return }
        bump(t) { $0.received += 1 }
    }

    @inline(__always)
    mutating func add(record r: DeliveryRecord) {
        guard r.kind == .mail, let t = r.completed ?? r.received else { return }
        if r.status == .delivered { bump(t) { $0.delivered += 1 } }
        if r.status == .bounced { bump(t) { $0.bounced += 1 } }
    }

    @inline(__always)
    mutating func add(attempt a: AttemptEvent) {
        guard a.isCountedDeferral else { return }
        let w = a.weight
        bump(a.time) { $0.deferred += w }
    }

    private mutating func bump(_ time: LogTime, _ change: (inout Counts) -> Void) {
        let local = time.seconds &+ Int64(time.utcOffset)
        if !(local >= hourStart && local < hourEnd) { enterHour(of: time, local: local) }
        if hours.indices.contains(currentHour) { change(&hours[currentHour]) }
        change(&currentCounts)
    }

    /// Makes the local hour of `time` (local seconds `local`) the current hour, and its day
    /// the current day. A local hour lies within one local day, so the day holds for every
    /// event inside the hour.
    private mutating func enterHour(of time: LogTime, local: Int64) {
        currentHour = CivilTime.localHour(time)
        hourStart = local &- (local % 3600 + 3600) % 3600
        hourEnd = hourStart &+ 3600
        let day = CivilTime.localDayNumber(time)
        if day != currentDay {
            if let currentDay { days[currentDay] = currentCounts }
            currentDay = day
            currentCounts = days[day] ?? Counts()
        }
    }

    func finish(into report: inout Report, context: ReportContext) {
        func row(_ label: String, _ c: Counts) -> TrafficRow {
            TrafficRow(label: label, received: c.received, delivered: c.delivered, deferred: c.deferred, bounced: c.bounced)
        }
        var days = self.days
        if let currentDay { days[currentDay] = currentCounts }
        let hourRows = hours.enumerated().map { row(CivilTime.padded($0.offset, 2), $0.element) }
        let dayRows = days.count > 1
            ? days.keys.sorted().map { row(CivilTime.dateLabel(dayNumber: $0), days[$0] ?? Counts()) }
            : []
        report.traffic = TrafficSection(hours: hourRows, days: dayRows)
    }
}
