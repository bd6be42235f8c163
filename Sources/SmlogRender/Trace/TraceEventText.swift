import SmlogAnalyze
import SmlogCorrelate
import SmlogParse

/// One sentence per timeline event, saying what the line means for the message (used as is in
/// the text output and as `summary` in JSON). Log content is passed through unescaped; the
/// text renderer makes it visible-safe.
enum TraceEventText {
    static func describe(_ event: TraceEvent) -> String {
        switch event.kind {
        case .received: return received(event)
        case .attempt: return attempt(event)
        case .notice:
            let child = event.childQids.first ?? "?"
            let reason = event.text.map { ": " + $0 } ?? ""
            return "\(noticeName(event.noticeKind)) \(child) generated\(reason)"
        case .clone:
            let owner = event.text.map { " (\($0))" } ?? ""
            return "cloned as \(event.childQids.joined(separator: ", "))\(owner)"
        case .split:
            return "split into \(event.childQids.joined(separator: ", "))"
        case .done:
            var parts: [String] = []
            if let tries = event.tries { parts.append(tries == 1 ? "1 try" : "\(tries) tries") }
            if let delay = event.delay { parts.append(TraceDurationText.format(Int64(delay)) + " in the queue") }
            return "removed from the queue" + (parts.isEmpty ? "" : " after " + parts.joined(separator: ", "))
        case .discarded:
            return "discarded"
        case .reject:
            var s = "refused"
            if let ruleset = event.ruleset { s += " by \(ruleset)" }
            if let argument = event.argument { s += " for \(argument)" }
            if let text = event.text { s += ": \(text)" }
            if let client = event.client { s += " (client \(client))" }
            return s
        case .systemError:
            return "system error: " + (event.text ?? "")
        case .other:
            return "\(event.program): " + (event.text ?? "")
        case .unrecognized:
            return "(not understood) " + (event.text ?? "")
        case .session, .tls, .auth, .info:
            return event.text ?? ""
        }
    }

    private static func received(_ event: TraceEvent) -> String {
        var s = "received from \(event.sender ?? "an unknown sender")"
        var facts: [String] = []
        if let size = event.size { facts.append("\(size) bytes") }
        if let n = event.nrcpts { facts.append(n == 1 ? "1 recipient" : "\(n) recipients") }
        if !facts.isEmpty { s += " (" + facts.joined(separator: ", ") + ")" }
        if let client = event.client {
            // A command-line submission logs the submitting user as `relay=user@localhost`.
            s += event.proto == nil && client.contains("@") ? ", submitted by \(client)" : " from \(client)"
        }
        if let proto = event.proto { s += " over \(proto)" }
        return s
    }

    private static func attempt(_ event: TraceEvent) -> String {
        let who = event.recipients.isEmpty ? "?" : event.recipients.joined(separator: ", ")
        let via = event.relay.map { " via \($0)" } ?? (event.mailer.map { " (mailer \($0))" } ?? "")
        let code = event.dsn.map { " [\($0)]" } ?? ""
        switch event.outcome {
        case .sent?:
            if event.isHandoff {
                return "handed to the local MTA for \(who)" + (event.nextQid.map { ", which queued it as \($0)" } ?? "")
            }
            let next = event.nextQid.map { ", accepted as \($0)" } ?? ""
            return "delivered to \(who)\(via)\(next)"
        case .deferred?:
            let target = event.isHandoff ? " (hand-off to the local MTA)" : via
            return "deferred for \(who)\(target): \(reason(event))\(code)"
        case .bounced?:
            return "bounced for \(who)\(via): \(reason(event))\(code)"
        case .queued?:
            return "queued for \(who)" + (event.stat.map { ": \($0)" } ?? "")
        case .rejected?:
            return "refused for \(who) while the message was being received: \(reason(event))\(code)"
        case .discarded?:
            return "discarded for \(who)"
        case .quarantined?:
            return "quarantined for \(who)" + (event.stat.map { ": \($0)" } ?? "")
        case nil:
            return "delivery attempt for \(who)\(via): \(event.stat ?? "")\(code)"
        }
    }

    /// The status text without sendmail's `Deferred: ` prefix, with the remote reply when it
    /// says more than the status.
    private static func reason(_ event: TraceEvent) -> String {
        var stat = event.stat ?? ""
        if stat.hasPrefix("Deferred: ") { stat = String(stat.dropFirst(10)) }
        if stat == "Deferred" { stat = "" }
        guard let reply = event.reply, !reply.isEmpty, !stat.contains(reply) else {
            return stat.isEmpty ? "no reason given" : stat
        }
        return stat.isEmpty ? reply : "\(stat) (reply: \(reply))"
    }

    static func noticeName(_ kind: NoticeKind?) -> String {
        switch kind {
        case .dsn?: "bounce (DSN)"
        case .returnToSender?: "return to sender"
        case .senderNotify?: "sender notification"
        case .postmasterNotify?: "postmaster copy"
        case nil: "notice"
        }
    }
}
