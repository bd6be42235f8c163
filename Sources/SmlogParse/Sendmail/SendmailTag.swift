/// Which syslog tags (program names) are sendmail's.
///
/// sendmail logs as `sendmail` unless started with `-L label`; distributions use `sm-mta`,
/// `sm-msp-queue`, `sm-mta-queue`, … and corrupted idents such as `sm-acceptingconnections`
/// occur. Milters and other mail programs (milter-greylist, clamav-milter, opendkim, …) log
/// sendmail queue ids under their own tags and are never sendmail.
enum SendmailTag {
    /// `sendmail`, `sendmail-…`, or `sm-` followed by at least one character (not `sm-notify`).
    @inline(__always)
    static func isSendmail(_ line: LineBytes, _ tag: ByteRange) -> Bool {
        let t = ByteText(line.base, end: Int(tag.upper))
        let lo = Int(tag.lower)
        let n = tag.count
        guard lo >= 0, n >= 4 else { return false }
        if n >= 8, t.has("sendmail", at: lo) {
            return n == 8 || t[lo + 8] == UInt8(ascii: "-")
        }
        // nfs-utils' sm-notify is the one common non-sendmail "sm-" program.
        return n >= 4 && t.has("sm-", at: lo) && !(n == 9 && t.has("sm-notify", at: lo))
    }

    /// Other mail software whose lines must stay foreign even when they carry sendmail queue ids.
    static func isOtherMailProgram(_ line: LineBytes, _ tag: ByteRange) -> Bool {
        let t = ByteText(line.base, end: Int(tag.upper))
        let lo = Int(tag.lower)
        var i = lo
        while i < t.end {
            if t.hasIgnoringCase("milter", at: i) || t.hasIgnoringCase("postfix", at: i)
                || t.hasIgnoringCase("dkim", at: i) || t.hasIgnoringCase("dmarc", at: i)
                || t.hasIgnoringCase("mimedefang", at: i) || t.hasIgnoringCase("spamd", at: i)
                || t.hasIgnoringCase("amavis", at: i) || t.hasIgnoringCase("clam", at: i)
                || t.hasIgnoringCase("dovecot", at: i) || t.hasIgnoringCase("exim", at: i)
            {
                return true
            }
            i += 1
        }
        return false
    }

    /// A line without a readable syslog header that still names a sendmail program
    /// (`sendmail[`, `sm-mta[`, `sm-…[`).
    static func mentionsSendmail(_ raw: UnsafeRawBufferPointer) -> Bool {
        let t = ByteText(raw, end: raw.count)
        var i = 0
        while i < t.end {
            if t[i] == UInt8(ascii: "s") {
                if t.has("sendmail[", at: i) { return true }
                if t.has("sm-", at: i) {
                    var k = i + 3
                    while ByteText.isAlnum(t[k]) || t[k] == UInt8(ascii: "-") { k += 1 }
                    if k > i + 3, t[k] == UInt8(ascii: "["), ByteText.isDigit(t[k + 1]) { return true }
                }
            }
            i += 1
        }
        return false
    }
}
