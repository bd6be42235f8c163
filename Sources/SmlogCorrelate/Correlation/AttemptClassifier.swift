/// Decides what one `to=` line means for its recipients.
enum AttemptClassifier {
    /// - Parameters:
    ///   - stat: the `stat=` text.
    ///   - dsn: the `dsn=` code (may be empty: sendmail ≤ 8.9 and some server-side lines).
    ///   - hasMailer: false for the lines srvrsmtp.c logs for recipients of a message it
    ///     refused or that was aborted while being received (no mailer, no relay).
    static func outcome(stat: UnsafeRawBufferPointer, dsn: UnsafeRawBufferPointer, hasMailer: Bool) -> AttemptOutcome {
        if startsWith(stat, "Sent") { return .sent }
        if startsWith(stat, "queued") { return .queued }
        if startsWith(stat, "quarantined") { return .quarantined }
        if startsWith(stat, "discarded") { return .discarded }
        if !hasMailer { return .rejected }
        if startsWith(stat, "Deferred") { return .deferred }
        if let first = dsn.first {
            switch first {
            case UInt8(ascii: "2"): return .sent
            case UInt8(ascii: "4"): return .deferred
            case UInt8(ascii: "5"): return .bounced
            default: break
            }
        }
        // No dsn= (old sendmail): a milter tempfail is a deferral, anything else permanent.
        if startsWith(stat, "Please try again later") { return .deferred }
        return .bounced
    }

    /// True when a Sent text reports expiry in the queue ("Cannot send message for 5 days",
    /// 8.10/8.11 "Cannot send message within 2 days").
    static func isQueueTimeout(_ reason: UnsafeRawBufferPointer) -> Bool {
        startsWith(reason, "Cannot send message")
    }

    /// Inlined: with the literal known, the compare is unrolled (a call with a byte loop
    /// cost ~60 instructions a to= line).
    @inline(__always)
    static func startsWith(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let p = prefix.utf8Start
        for i in 0..<n where bytes[i] != p[i] { return false }
        return true
    }
}
