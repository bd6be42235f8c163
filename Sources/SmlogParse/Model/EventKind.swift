/// What a sendmail line means. One case per line family of `../shared/docs/sendmail-log-format.md`.
public enum EventKind: UInt8, Sendable, CaseIterable {
    /// `from=`: a message was accepted (fields: from, size, class, nrcpts, msgid, bodytype, proto, daemon, relay).
    case received
    /// `to=`: one delivery attempt for one or more recipients (fields: to, ctladdr, delay, xdelay,
    /// mailer, pri, relay, dsn, reply, stat, quarantine, ntries; `more` flag for ` [more]`).
    case delivery
    /// `qid: newqid: DSN:|return to sender:|sender notify:|postmaster notify: REASON`
    /// (fields: newQid, reason; `noticeKind`).
    case notice
    /// `qid: newqid: clone: owner=X` (8.12+) and `newqid: clone qid, owner=X` (≤ 8.11)
    /// (fields: newQid, owner). For the old form `qid` is the original and `newQid` the clone.
    case clone
    /// `qid: split: …, id[s]=A; B` (field: ids; other fields as extras).
    case split
    /// `qid: done; delay=…, ntries=N` (fields: delay, ntries).
    case done
    /// `qid: discarded`.
    case discarded
    /// `ruleset=R, arg1=…, [arg2=…,] [relay=…,] reject=…|discard|quarantine=…|status=…`, and milter
    /// rejects `Milter: …, reject=…` / `milter=NAME, action=…, reject=…` (fields: ruleset, arg1, arg2,
    /// relay, reject, quarantine; `rejectAction`).
    case reject
    /// Connection and SMTP-server events; see `SessionEvent` (fields: clientHost, clientAddress, text).
    case session
    /// `STARTTLS=server|client, relay=…, version=…, verify=…, cipher=…, bits=…` (fields: relay, version,
    /// verify, cipher, bits; `tlsSide`). Other STARTTLS lines (errors, cert-subject, init) are `.info`.
    case tls
    /// `AUTH=server|client, relay=…, [authid=…,] mech=…, bits=…` and `AUTH failure (MECH): …`
    /// (fields: relay, authid, mech, bits, text; `authOutcome`).
    case auth
    /// `SYSERR(user): text` (field: text).
    case syserr
    /// Queue file trouble: `Saved message in …`, `Losing ./qf…`, `bogus queue file`, `low on space` (field: text).
    case queueTrouble
    /// A sendmail line that is understood but changes no delivery state (daemon start/stop, alias
    /// expansion, `SMTP outgoing connect`, `Milter: no active filter`, TLS/AUTH diagnostics, …).
    case info
}

/// The four kinds of notification sendmail generates (savemail.c returntosender()).
public enum NoticeKind: UInt8, Sendable, CaseIterable {
    case dsn                // "DSN:"
    case returnToSender     // "return to sender:"
    case senderNotify       // "sender notify:" (delay warning, or the final timeout of an already-warned envelope)
    case postmasterNotify   // "postmaster notify:"
}

/// Connection-level events (`EventKind.session`).
public enum SessionEvent: UInt8, Sendable, CaseIterable {
    case none
    case connect                // NOQUEUE: connect from HOST [IP]
    case lostInputChannel       // lost input channel from HOST [IP] to DAEMON after CMD
    case didNotIssueMail        // HOST [IP] did not issue MAIL/EXPN/VRFY/ETRN during connection to DAEMON
    case timeoutWaiting         // timeout waiting for input from HOST during PHASE
    case preGreetingTraffic     // rejecting commands from HOST [IP] due to pre-greeting traffic
    case possibleAttack         // HOST [IP]: possible SMTP attack: command=…, count=N
    case openProxy              // HOST [IP]: probable open proxy: command=…
    case rcptFlood              // HOST [IP]: Possible SMTP RCPT flood, throttling.
    case collectError           // collect: premature EOM / unexpected close / I/O error / read timeout
    case sizeExceeded           // message size (N) exceeds maximum (N)
    case userError              // <ADDR>... User unknown (RCPT-time error, no to= line)
    case vrfyExpn               // [IP]: EXPN|VRFY x [rejected], ETRN
    case invalidHelo            // invalid domain name (NAME) from HOST [IP]
    case protocolViolation      // SMTP violation, headers too large, Bare linefeed
}

/// What a ruleset or milter line did with the transaction (`EventKind.reject`).
public enum RejectAction: UInt8, Sendable {
    case none, reject, discard, quarantine, tempfail, status
}

/// Which side of a TLS/AUTH exchange a line describes.
public enum Side: UInt8, Sendable {
    case none, server, client
}

/// Outcome of an AUTH line (`EventKind.auth`).
public enum AuthOutcome: UInt8, Sendable {
    case none, success, failure
}
