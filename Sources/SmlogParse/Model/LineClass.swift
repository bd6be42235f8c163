/// Accounting class of one input line. Every line read is exactly one of these, so
/// lines read = sendmail + foreign + unrecognized, always.
public enum LineClass: UInt8, Sendable, CaseIterable {
    /// A sendmail line the parser understood (including `last message repeated` after one).
    case sendmail
    /// A line of another program (dovecot, postfix, kernel, …), or a syslog-only line.
    case foreign
    /// A line that looks like sendmail's (tag or shape) but whose message is not understood,
    /// or a line without a readable syslog header.
    case unrecognized
}
