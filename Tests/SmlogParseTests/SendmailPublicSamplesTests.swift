import Testing
@testable import SmlogParse

/// Real lines from public sources (shared/samples/public/*, read at test time; skipped when the
/// folder is absent). Every non-comment line has an expected verdict, decided line by line
/// (PROVENANCE notes: some lines are hand-edited or lost their syslog header; those keep the
/// verdict their message deserves): `kind[/sub-kind]` for sendmail messages, `foreign` for
/// other programs' lines (in.identd, vmunix, su, sshd).
@Suite struct SendmailPublicSamplesTests {
    static let expected: [String: [String]] = [
        "public/fail2ban/sendmail-reject": [
            "reject/reject", "reject/reject", "reject/reject", "reject/reject", "reject/reject", "reject/reject",
            "reject/reject", "reject/reject", "reject/reject", "reject/reject", "reject/tempfail", "reject/tempfail",
            "reject/tempfail", "reject/tempfail", "session/preGreetingTraffic", "session/preGreetingTraffic",
            "reject/reject", "reject/reject", "reject/reject", "reject/tempfail", "session/vrfyExpn",
            "session/vrfyExpn", "session/vrfyExpn", "session/vrfyExpn", "session/vrfyExpn", "reject/reject",
            "session/userError", "session/userError", "session/userError", "session/userError", "session/userError",
            "received", "session/userError", "received", "session/userError", "received", "session/didNotIssueMail",
            "session/didNotIssueMail", "session/didNotIssueMail", "session/didNotIssueMail",
            "session/didNotIssueMail", "session/didNotIssueMail", "session/didNotIssueMail",
            "session/lostInputChannel", "reject/tempfail",
        ],
        "public/fail2ban/sendmail-auth": [
            "session/possibleAttack", "session/possibleAttack", "session/possibleAttack", "session/possibleAttack",
            "session/possibleAttack", "session/possibleAttack", "auth/server/failure", "auth/server/failure",
            "auth/server/failure", "auth/server/failure", "auth/server/failure", "auth/server/failure",
            "auth/server/failure",
        ],
        "public/misc-excerpts/excerpts.log": [
            "delivery", "notice/dsn", "received", "delivery", "delivery", "delivery", "delivery", "reject/tempfail",
            "reject/reject", "reject/tempfail", "notice/postmasterNotify", "notice/dsn", "notice/dsn", "notice/dsn",
            "reject/tempfail", "reject/reject", "reject/reject", "received", "delivery", "received", "received",
            "received", "session/timeoutWaiting", "delivery", "notice/senderNotify", "delivery",
            "notice/returnToSender", "delivery", "delivery", "notice/dsn", "delivery", "delivery", "delivery",
            "delivery", "delivery", "delivery", "delivery", "received", "delivery", "delivery", "delivery",
            "received", "received", "delivery", "delivery", "session/openProxy", "session/didNotIssueMail",
            "session/timeoutWaiting", "session/didNotIssueMail", "reject/discard", "delivery", "info", "received",
            "session/userError", "session/lostInputChannel", "session/userError", "session/collectError",
            "session/collectError", "session/lostInputChannel", "info",
        ],
        "public/ossec-docs/sendmail_log_samples.log": [
            "reject/reject", "reject/reject", "reject/reject", "reject/reject", "reject/reject", "reject/tempfail",
            "session/preGreetingTraffic", "queueTrouble",
        ],
        "public/ossec-docs/solaris_log_samples.log": [
            "received", "delivery", "foreign",
        ],
        "public/ossec-docs/aix_and_embedded_header_samples.log": [
            "foreign", "foreign", "foreign", "foreign", "foreign", "foreign", "foreign", "foreign", "foreign",
            "foreign", "foreign", "foreign", "foreign", "foreign", "foreign", "foreign", "foreign", "foreign",
            "foreign", "foreign", "foreign", "foreign",
        ],
        "public/wazuh-ruleset/sendmail_decoder_examples.log": [
            "reject/reject", "delivery", "reject/reject", "session/preGreetingTraffic", "session/preGreetingTraffic",
            "received", "received", "received",
        ],
        "public/cpan-SyslogScan/good_syslog": [
            "received", "received", "delivery", "delivery", "foreign", "received", "delivery", "delivery",
            "received", "delivery", "delivery", "received", "clone", "delivery", "delivery", "received", "foreign",
            "delivery", "delivery", "received", "delivery", "received", "delivery", "received", "delivery",
            "delivery", "received", "delivery",
        ],
    ]

    static var available: Bool { SharedSamples.lines("public/fail2ban/sendmail-reject") != nil }

    /// `kind[/sub-kind]` of the message parser's verdict.
    static func code(_ s: ParsedSnapshot) -> String {
        guard s.verdict == .understood else { return "-" }
        var code = "\(s.kind)"
        if s.session != .none { code += "/\(s.session)" }
        if s.kind == .notice { code += "/\(s.notice)" }
        if s.rejectAction != .none { code += "/\(s.rejectAction)" }
        if s.kind == .auth { code += "/\(s.side)/\(s.authOutcome)" }
        return code
    }

    @Test(.enabled(if: available), arguments: expected.keys.sorted())
    func sampleFile(_ path: String) throws {
        let lines = try #require(SharedSamples.lines(path)).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let codes = try #require(Self.expected[path])
        #expect(lines.count == codes.count, "\(path): line count")
        var parser = LogLineParser()
        parser.headerOverride = { TestHeader.header($0.base) }
        for (line, want) in zip(lines, codes) {
            var bytes = Array(line.utf8)
            let hasTag = bytes.withUnsafeBytes { !TestHeader.header($0).tag.isEmpty }
            var handled = 0
            let lineClass = bytes.withUnsafeMutableBytes { raw in
                parser.parse(UnsafeRawBufferPointer(raw)) { _ in handled += 1 }
            }
            if want == "foreign" {
                #expect(lineClass == .foreign, "\(line)")
                #expect(handled == 0)
                continue
            }
            #expect(Self.code(parseSendmail(line)) == want, "\(line)")
            if hasTag {
                #expect(lineClass == .sendmail, "\(line)")
                #expect(handled == 1, "\(line)")
            }
        }
    }
}
