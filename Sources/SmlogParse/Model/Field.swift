/// Named fields a parsed sendmail line can carry. Each line kind uses a subset; unused
/// slots stay `.empty`. Values are byte ranges without the `key=` part and without the
/// `, ` separator (angle brackets and parentheses stay as written).
public enum Field: Int, Sendable, CaseIterable {
    // from= line
    case from, size, msgClass, nrcpts, msgid, bodytype, proto, daemon
    // shared by several kinds
    case relay
    // to= line
    case to, ctladdr, delay, xdelay, mailer, pri, dsn, reply, stat, quarantine, ntries
    // notice / clone / split
    case newQid, reason, owner, ids
    // ruleset / milter
    case ruleset, arg1, arg2, reject, milter
    // TLS / AUTH
    case version, verify, cipher, bits, authid, mech
    // session lines
    case clientHost, clientAddress
    /// Free text of the line kind (SYSERR text, session detail, info text, …).
    case text
    /// Where in the transaction a milter acted (`data`, `from`, `to`, `helo`, `connect`, or the
    /// `action=` of a `milter=NAME` line), and the `stage=` of a to= line (FFR builds).
    case stage

    public static let slotCount = 40
}
