/// The parts of a report, by the name users type (`--section deferrals`, `--no-section tls`).
///
/// The order of the cases is the order of the text report: the short headline first, then
/// problems (deferrals, relay errors, the queue, bounces, rejects) before volumes.
public enum ReportSectionName: String, Sendable, CaseIterable, Hashable {
    /// Headline totals, the recipient equation, notices, system errors.
    case summary
    /// Deferred recipient attempts by reason class, overall and by relay.
    case deferrals
    /// Per next hop: delivered, deferrals, bounced, error classes, delay.
    case relays
    /// Recipients still pending at the end of the input, by age and destination domain.
    case queue
    /// Bounced recipients by DSN code and reason, with top recipients and senders.
    case bounces
    /// SMTP-time rejects by ruleset and reason, and connection-level session events.
    case rejects
    /// Delivery delay, transaction time (xdelay) and attempts per recipient.
    case latency
    /// Received / delivered / deferred / bounced per hour of day (and per day).
    case traffic
    /// Top senders, recipients, domains and inbound client relays.
    case top
    /// STARTTLS protocol versions and verify results; AUTH mechanisms and failures.
    case tls
    /// Lines that looked like sendmail's but were not understood, by shape.
    case unrecognized

    /// The sections whose data is always computed, because the JSON contract requires
    /// their keys (`totals`, `latency`, `relays`, `deferral_reasons`).
    public static let alwaysComputed: Set<ReportSectionName> = [.summary, .deferrals, .relays, .latency]

    /// Parses a comma-separated list of section names (`"relays,queue"`); nil when a name
    /// is unknown (the CLI reports the bad name).
    public static func parseList(_ text: String) -> [ReportSectionName]? {
        var result: [ReportSectionName] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingASCIISpaces()
            guard !name.isEmpty else { continue }
            guard let section = ReportSectionName(rawValue: name.lowercased()) else { return nil }
            if !result.contains(section) { result.append(section) }
        }
        return result
    }
}

extension Substring {
    func trimmingASCIISpaces() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
