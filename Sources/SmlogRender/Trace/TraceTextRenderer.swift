import SmlogAnalyze
import SmlogCorrelate
import SmlogParse

/// `smlog trace` as text: per message, a header (Message-ID, sender, size, receipt, every queue
/// id with its host, program and role), each recipient's final status, a timeline of every
/// line with what it means, and with `--raw` the original lines. Meant to be read by a person
/// and pasted into a ticket. Everything taken from the log is made visible-safe.
public struct TraceTextRenderer: Sendable {
    public var includeRaw: Bool

    public init(includeRaw: Bool = false) {
        self.includeRaw = includeRaw
    }

    public func render(_ trace: Trace) -> String {
        var out = ""
        let what = Self.describe(trace.query)
        guard !trace.messages.isEmpty else {
            return "No message found for \(what).\n"
        }
        let count = trace.messages.count
        out += "Trace of \(what): \(count == 1 ? "1 message" : "\(count) messages")"
        if let end = trace.endOfInput { out += " (input ends \(ISO8601Time.format(end)))" }
        out += "\n"
        for (index, message) in trace.messages.enumerated() {
            out += "\n"
            render(message, number: index + 1, of: count, into: &out)
        }
        return out
    }

    static func describe(_ query: TraceQuery) -> String {
        let text = TerminalText.escape(query.text)
        switch query.kind {
        case .qid: return "queue id \(text)"
        case .msgid: return "Message-ID <\(text)>"
        case .address: return "address \(text)"
        case .msgidOrAddress: return "\(text) (as Message-ID or address)"
        }
    }

    private func render(_ message: TraceMessage, number: Int, of count: Int, into out: inout String) {
        out += "Message \(number) of \(count): \(Self.stateLine(message))\n"
        var facts: [(String, String)] = []
        if let msgid = message.msgid { facts.append(("Message-ID", msgid)) }
        if let sender = message.sender { facts.append(("Sender", sender)) }
        if let size = message.size { facts.append(("Size", "\(size) bytes")) }
        var receipt = ISO8601Time.format(message.received ?? message.firstSeen)
        if let client = message.client {
            receipt += message.proto == nil && client.contains("@") ? ", submitted by \(client)" : " from \(client)"
        }
        if let proto = message.proto { receipt += " over \(proto)" }
        facts.append((message.received == nil ? "First seen" : "Received", receipt))
        if message.state == .queued, let error = message.lastError { facts.append(("Last error", error)) }
        let labelWidth = max(10, facts.map { $0.0.count }.max() ?? 0)
        for (label, value) in facts {
            out += "  " + Self.padded(label, labelWidth) + "  " + TerminalText.escape(value) + "\n"
        }

        out += "  " + Self.padded("Queue ids", labelWidth) + "  "
        let hopRows = message.hops.map { hop in
            [TerminalText.escape(hop.qid), TerminalText.escape(hop.host), TerminalText.escape(hop.programs.joined(separator: ", ")), Self.role(hop)]
        }
        let hopLines = Self.table(hopRows)
        for (i, line) in hopLines.enumerated() {
            if i > 0 { out += String(repeating: " ", count: labelWidth + 4) }
            out += line + "\n"
        }

        out += "\nRecipients\n"
        if message.recipients.isEmpty {
            out += "  (none known: the lines that would tell are not in the input)\n"
        } else {
            let rows = message.recipients.map { r in
                [TerminalText.escape(r.address), r.status.rawValue, TerminalText.escape(Self.recipientDetail(r))]
            }
            for line in Self.table(rows) { out += "  " + line + "\n" }
        }

        out += "\nTimeline\n"
        let start = message.firstSeen
        let rows = message.events.map { event -> [String] in
            var who = TerminalText.escape(event.program)
            if let pid = event.pid { who += "[\(pid)]" }
            return [
                ISO8601Time.format(event.time),
                "+" + TraceDurationText.format(event.time.seconds - start.seconds),
                TerminalText.escape(event.qid ?? "-"),
                TerminalText.escape(event.host) + " " + who,
                TerminalText.escape(TraceEventText.describe(event)),
            ]
        }
        for line in Self.table(rows) { out += "  " + line + "\n" }

        if includeRaw {
            out += "\nLog lines\n"
            for line in message.rawLines { out += "  " + TerminalText.escape(bytes: line) + "\n" }
        }
    }

    static func stateLine(_ message: TraceMessage) -> String {
        let mail = message.recipients.filter { $0.kind == .mail }
        let counted = mail.isEmpty ? message.recipients : mail
        var tally: [(DeliveryStatus, Int)] = []
        for status in DeliveryStatus.allCases {
            let n = counted.filter { $0.status == status }.count
            if n > 0 { tally.append((status, n)) }
        }
        let summary = tally.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        switch message.state {
        case .finished:
            return "finished (\(summary))"
        case .queued:
            var s = "still queued (\(summary))"
            if let age = message.age { s += ", \(TraceDurationText.format(age)) since receipt when the input ends" }
            return s
        case .unknown:
            return "outcome unknown"
        }
    }

    static func role(_ hop: TraceHop) -> String {
        let parent = hop.parentQid.map(TerminalText.escape)
        var s: String
        switch hop.role {
        case .submission:
            s = "submission program (MSP)"
        case .mta:
            s = parent.map { "MTA, from \($0)" } ?? "MTA"
        case .notice:
            s = TraceEventText.noticeName(hop.noticeKind) + (parent.map { " about \($0)" } ?? "")
        case .clone:
            s = "clone" + (parent.map { " of \($0)" } ?? "")
        case .split:
            s = "split" + (parent.map { " from \($0)" } ?? "")
        case .relay:
            return "next hop's queue id" + (parent.map { ", from \($0)" } ?? "") + " (its log is not in the input)"
        }
        if !hop.logged { s += " (no lines of it in the input)" }
        return s
    }

    static func recipientDetail(_ r: TraceRecipient) -> String {
        var parts: [String] = []
        if r.kind == .dsn { parts.append(TraceEventText.noticeName(r.noticeKind)) }
        if !r.qid.isEmpty { parts.append("at \(r.qid)") }
        if let latency = r.latencySeconds {
            parts.append("after \(TraceDurationText.format(latency))")
        }
        if r.attempts > 1 || r.deferrals > 0 {
            parts.append("\(r.attempts) attempts (\(r.deferrals) deferred)")
        }
        var s = parts.joined(separator: ", ")
        switch r.status {
        case .delivered:
            if let relay = r.relay {
                s += " via \(relay)"
            } else if let mailer = r.mailer {
                s += " by mailer \(mailer)"
            }
            if let next = r.downstreamQid { s += ", accepted as \(next)" }
        case .relayed:
            s += ": handed to an MTA whose log is not in the input"
        default:
            var reason = r.stat ?? ""
            if let reply = r.reply, !reply.isEmpty, !reason.contains(reply) {
                reason += reason.isEmpty ? reply : " (reply: \(reply))"
            }
            if reason.hasPrefix("Deferred: ") { reason = String(reason.dropFirst(10)) }
            if r.isUnfinished { reason = "last: " + (reason.isEmpty ? "not attempted yet" : reason) }
            if !reason.isEmpty { s += ": " + reason }
            if let dsn = r.dsn { s += " [\(dsn)]" }
        }
        return s
    }

    /// Left-aligned columns separated by two spaces (the last column is not padded).
    static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() where i < columns - 1 { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                line += i == row.count - 1 ? cell : padded(cell, widths[i])
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
