import Testing
import SmlogParse

/// from=, to=, notices, clone, split, done and discarded lines (format catalog §4.1–§4.5).
@Suite struct SendmailEnvelopeLineTests {
    static let received: [LineCase] = [
        LineCase(
            sm("62SA01aB004101: from=<ann@example.org>, size=2048, class=0, nrcpts=2, msgid=<20260303.1@example.org>, proto=ESMTPS, daemon=MTA-v4, relay=mail.example.org [198.51.100.7]"),
            Expect(kind: .received, qid: "62SA01aB004101", fields: [
                .from: "<ann@example.org>", .size: "2048", .msgClass: "0", .nrcpts: "2",
                .msgid: "<20260303.1@example.org>", .proto: "ESMTPS", .daemon: "MTA-v4",
                .relay: "mail.example.org [198.51.100.7]",
            ], extras: [])),
        // Command-line submission: bare user, no proto/daemon, relay user@localhost.
        LineCase(
            sm("62SA01aC004102: from=bob, size=120, class=0, nrcpts=1, msgid=<202603031000.62SA01aC004102@mx1.example>, relay=bob@localhost", tag: "sendmail", pid: 4102),
            Expect(kind: .received, qid: "62SA01aC004102", fields: [
                .from: "bob", .nrcpts: "1", .relay: "bob@localhost",
                .msgid: "<202603031000.62SA01aC004102@mx1.example>",
            ])),
        // Null sender, no msgid (DATA not completed), forged relay: relay runs to the end.
        LineCase(
            sm("62SA01aD004103: from=<>, size=5622, class=0, nrcpts=1, proto=ESMTP, daemon=MTA, relay=dyn-9.example.net [203.0.113.9] (may be forged)"),
            Expect(kind: .received, qid: "62SA01aD004103", fields: [
                .from: "<>", .size: "5622", .relay: "dyn-9.example.net [203.0.113.9] (may be forged)",
            ])),
        LineCase(
            sm("62SA01aE004104: from=<NONE>, size=0, class=0, nrcpts=0, proto=SMTP, daemon=MTA, relay=[192.0.2.44]"),
            Expect(kind: .received, qid: "62SA01aE004104", fields: [
                .from: "<NONE>", .nrcpts: "0", .proto: "SMTP", .relay: "[192.0.2.44]",
            ])),
        // 8.7: pri= on the from= line is not a from= field (kept as an extra), 8-char id.
        LineCase(
            sm("BAB01234: from=<old@example.edu>, size=10, class=0, pri=30010, nrcpts=1, msgid=<1996.x@example.edu>, proto=SMTP, relay=gw.example.edu [192.0.2.1]", tag: "sendmail", pid: 1234),
            Expect(kind: .received, qid: "BAB01234", fields: [
                .from: "<old@example.edu>", .nrcpts: "1", .relay: "gw.example.edu [192.0.2.1]",
            ], extras: ["pri=30010"])),
        // _FFR_LOG_MORE1 fields before relay are extras.
        LineCase(
            sm("62SA01aF004105: from=<c@example.com>, size=9, class=0, nrcpts=1, msgid=<m@c>, bodytype=8BITMIME, proto=ESMTPSA, daemon=MSA, tls_verify=OK, tls_version=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, auth=PLAIN, relay=laptop.example.com [IPv6:2001:db8::25]"),
            Expect(kind: .received, qid: "62SA01aF004105", fields: [
                .bodytype: "8BITMIME", .proto: "ESMTPSA", .daemon: "MSA",
                .relay: "laptop.example.com [IPv6:2001:db8::25]",
            ], extras: ["tls_verify=OK", "tls_version=TLSv1.3", "cipher=TLS_AES_256_GCM_SHA384", "auth=PLAIN"])),
        // A msgid containing ", " stays whole (no key= follows the comma).
        LineCase(
            sm("62SA01aG004106: from=<d@example.com>, size=1, class=0, nrcpts=1, msgid=<odd, id@example.com>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]"),
            Expect(kind: .received, qid: "62SA01aG004106", fields: [
                .msgid: "<odd, id@example.com>", .proto: "ESMTP",
            ])),
        // from= cut at 200 characters inside the angle brackets.
        LineCase(
            sm("62SA01aH004107: from=<" + String(repeating: "x", count: 199) + ", size=1, class=0, nrcpts=1, proto=ESMTP, daemon=MTA, relay=[192.0.2.5]"),
            Expect(kind: .received, qid: "62SA01aH004107", fields: [
                .from: "<" + String(repeating: "x", count: 199), .size: "1", .relay: "[192.0.2.5]",
            ])),
        // Relay as written after a trailing space is trimmed.
        LineCase(
            sm("62SA01aI004108: from=<>, size=1871, class=0, nrcpts=0, proto=ESMTP, daemon=MTA, relay=gw [10.11.12.13] "),
            Expect(kind: .received, qid: "62SA01aI004108", fields: [.relay: "gw [10.11.12.13]"])),
    ]

    @Test("from= lines", arguments: received)
    func receivedLines(_ c: LineCase) { check(c) }

    static let deliveries: [LineCase] = [
        // MSP hand-off to the local MTA: display name kept, relay [ip] [ip].
        LineCase(
            sm("72DAbCdE004241: to=Sam Ray <sam@example.com>, ctladdr=sam (1000/1000), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=30127, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (72DAbCdE004242 Message accepted for delivery)", tag: "sendmail", pid: 4241),
            Expect(kind: .delivery, qid: "72DAbCdE004241", fields: [
                .to: "Sam Ray <sam@example.com>", .ctladdr: "sam (1000/1000)", .delay: "00:00:00",
                .xdelay: "00:00:00", .mailer: "relay", .pri: "30127", .relay: "[127.0.0.1] [127.0.0.1]",
                .dsn: "2.0.0", .stat: "Sent (72DAbCdE004242 Message accepted for delivery)",
            ], extras: [])),
        LineCase(
            sm("72DAbCdE004242: to=<sam@example.com>, ctladdr=<sam@mx1.example> (1000/1000), delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30364, relay=mx.example.com. [IPv6:2001:db8:400c::1b], dsn=5.0.0, stat=Service unavailable"),
            Expect(kind: .delivery, qid: "72DAbCdE004242", fields: [
                .ctladdr: "<sam@mx1.example> (1000/1000)", .relay: "mx.example.com. [IPv6:2001:db8:400c::1b]",
                .dsn: "5.0.0", .stat: "Service unavailable",
            ])),
        // Days in delay, relay without [ip] (no connection made).
        LineCase(
            sm("p879AR6l014283: to=<help@example.net>, ctladdr=<www-data@web1> (33/33), delay=1+17:52:54, xdelay=00:00:00, mailer=esmtp, pri=22620571, relay=example.net., dsn=4.0.0, stat=Deferred: Connection timed out with example.net."),
            Expect(kind: .delivery, qid: "p879AR6l014283", fields: [
                .delay: "1+17:52:54", .relay: "example.net.", .dsn: "4.0.0",
                .stat: "Deferred: Connection timed out with example.net.",
            ])),
        // Several recipients; Exchange reply with brackets and commas inside stat.
        LineCase(
            sm("qADMh0cd016570: to=<a@corp.example>,<b@corp.example>,<c@corp.example>, delay=00:09:09, xdelay=00:00:09, mailer=esmtp, pri=4437228, relay=mail.protection.example. [192.0.2.22], dsn=2.0.0, stat=Sent (<00b601cd$4d50$e7f1@example.com> [InternalId=14475985, Hostname=EX01.corp.example] Queued mail for delivery)"),
            Expect(kind: .delivery, qid: "qADMh0cd016570", fields: [
                .to: "<a@corp.example>,<b@corp.example>,<c@corp.example>",
                .stat: "Sent (<00b601cd$4d50$e7f1@example.com> [InternalId=14475985, Hostname=EX01.corp.example] Queued mail for delivery)",
            ])),
        // Queued without an attempt: no relay, no xdelay.
        LineCase(
            sm("p592kBc0012753: to=<es@example.org>, delay=00:00:11, mailer=esmtp, pri=304741, dsn=4.4.3, stat=queued", tag: "sendmail", pid: 12753),
            Expect(kind: .delivery, qid: "p592kBc0012753", fields: [
                .to: "<es@example.org>", .mailer: "esmtp", .dsn: "4.4.3", .stat: "queued",
            ])),
        LineCase(
            sm("221820LG031423: to=<trev@example.org>, delay=00:00:00, xdelay=00:00:00, mailer=local, pri=30597, relay=local, dsn=2.0.0, stat=Sent"),
            Expect(kind: .delivery, qid: "221820LG031423", fields: [.relay: "local", .mailer: "local", .stat: "Sent"])),
        // 8.7 prog mailer: quotes, spaces, '|', '#' and a comma inside the quoted address.
        LineCase(
            sm("CAA26881: to=\"<u>|IFS=' ' && exec /usr/bin/procmail -f- || exit 75 #p, q\"@ok.example, ctladdr=phil (251/30), delay=00:00:11, mailer=prog, stat=Sent", tag: "sendmail", pid: 26888),
            Expect(kind: .delivery, qid: "CAA26881", fields: [
                .to: "\"<u>|IFS=' ' && exec /usr/bin/procmail -f- || exit 75 #p, q\"@ok.example",
                .ctladdr: "phil (251/30)", .mailer: "prog", .stat: "Sent",
            ])),
        LineCase(
            sm("JAB14995: to=/home/mail/archive/list, delay=00:00:00, xdelay=00:00:00, mailer=*file*, stat=Sent", tag: "sendmail", pid: 14995),
            Expect(kind: .delivery, qid: "JAB14995", fields: [.to: "/home/mail/archive/list", .mailer: "*file*"])),
        // The recipient list continues on the next to= line.
        LineCase(
            sm("72DAbCdF004243: to=<a@example.com>,<b@example.com> [more], delay=00:00:02, xdelay=00:00:02, mailer=esmtp, pri=120000, relay=mx.example.com. [192.0.2.30], dsn=2.0.0, stat=Sent (ok)"),
            Expect(kind: .delivery, qid: "72DAbCdF004243", more: true, fields: [
                .to: "<a@example.com>,<b@example.com>", .delay: "00:00:02", .stat: "Sent (ok)",
            ])),
        // Server-side refusal of the recipients (no mailer/relay/xdelay): still a to= line.
        LineCase(
            sm("qADMh0cd016571: to=<u@corp.example>, delay=00:00:00, pri=30747, stat=Mail Rejected: high volume mailings not allowed. Contact support@example.net for more information."),
            Expect(kind: .delivery, qid: "qADMh0cd016571", fields: [
                .to: "<u@corp.example>", .pri: "30747",
                .stat: "Mail Rejected: high volume mailings not allowed. Contact support@example.net for more information.",
            ])),
        // reply= runs up to ", stat=" even with commas inside.
        LineCase(
            sm("6AUFrJ0M002851: to=<t@example.org>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=35159, relay=smart.example. [127.0.0.1], dsn=4.5.0, reply=421 4.3.2 smart.example Service not available, closing transmission channel, stat=Deferred: 421 4.3.2 smart.example Service not available, closing transmission channel"),
            Expect(kind: .delivery, qid: "6AUFrJ0M002851", fields: [
                .reply: "421 4.3.2 smart.example Service not available, closing transmission channel",
                .stat: "Deferred: 421 4.3.2 smart.example Service not available, closing transmission channel",
            ])),
        // Shortened (head...tail) and quoted relays are kept as written.
        LineCase(
            sm("72DAbCdG004244: to=<x@example.co.uk>, delay=00:00:03, xdelay=00:00:03, mailer=esmtp, pri=1, relay=mailhost.internet....ise.example.co.uk [192.0.2.8], dsn=2.0.0, stat=Sent (ok)"),
            Expect(kind: .delivery, qid: "72DAbCdG004244", fields: [.relay: "mailhost.internet....ise.example.co.uk [192.0.2.8]"])),
        LineCase(
            sm("p8UJto7v003923: to=<m@example.com>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=120443, relay='smtp.example.com', dsn=5.1.2, stat=Host unknown (Name server: 'smtp.example.com': host not found)"),
            Expect(kind: .delivery, qid: "p8UJto7v003923", fields: [
                .relay: "'smtp.example.com'", .dsn: "5.1.2",
                .stat: "Host unknown (Name server: 'smtp.example.com': host not found)",
            ])),
        // FFR ntries=/stage= are fields; an unknown key is an extra.
        LineCase(
            sm("72DAbCdH004245: to=<y@example.com>, delay=00:10:00, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx.example.com. [192.0.2.9], dsn=4.0.0, ntries=3, stage=RCPT, tls_verify=FAIL, stat=Deferred"),
            Expect(kind: .delivery, qid: "72DAbCdH004245", fields: [
                .ntries: "3", .stage: "RCPT", .stat: "Deferred", .dsn: "4.0.0",
            ], extras: ["tls_verify=FAIL"])),
        // Nested parentheses and a historic from= inside stat.
        LineCase(
            sm("GAA01612: to=a@example.edu,b@example.org, delay=00:00:06, mailer=smtp, relay=mom.example.edu. [192.0.2.90], stat=Sent (OK ; Job SMTP-NETMAIL (queue MULTINET_SMTP, entry 942) started on SMTP_MOM)", tag: "sendmail", pid: 1614),
            Expect(kind: .delivery, qid: "GAA01612", fields: [
                .to: "a@example.edu,b@example.org",
                .stat: "Sent (OK ; Job SMTP-NETMAIL (queue MULTINET_SMTP, entry 942) started on SMTP_MOM)",
            ])),
        LineCase(
            sm("DAA29033: to=<n@example.org>, delay=00:00:04, mailer=fidogate, stat=Deferred: 451 collect: unexpected close, from=<p@example.com>: Host is unreachable", tag: "sendmail", pid: 29035),
            Expect(kind: .delivery, qid: "DAA29033", fields: [
                .mailer: "fidogate", .stat: "Deferred: 451 collect: unexpected close, from=<p@example.com>: Host is unreachable",
            ])),
        LineCase(
            sm("72DAbCdI004246: to=<q@example.com>, delay=00:00:01, mailer=esmtp, pri=30100, quarantine=held for review, dsn=2.0.0, stat=quarantined"),
            Expect(kind: .delivery, qid: "72DAbCdI004246", fields: [.quarantine: "held for review", .stat: "quarantined"])),
        // A hand-edited sample lost the comma after relay: the relay value keeps the rest.
        LineCase(
            sm("jB4JCnPo019367: to=<u@example.com>, delay=3+13:01:56, xdelay=00:00:00, mailer=esmtp, pri=45751020, relay=relay_id dsn=4.0.0, stat=Deferred: Connection timed out with example.com.", tag: "sendmail", pid: 13960),
            Expect(kind: .delivery, qid: "jB4JCnPo019367", fields: [
                .relay: "relay_id dsn=4.0.0", .delay: "3+13:01:56",
                .stat: "Deferred: Connection timed out with example.com.",
            ])),
        // A quoted display name with a comma, then a second recipient.
        LineCase(
            sm("72DAbCdJ004247: to=\"Doe, Jane\" <jane@example.com>,<k@example.com>, delay=00:00:00, mailer=relay, pri=1, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (72DAbCdJ004248 Message accepted for delivery)", tag: "sendmail", pid: 4247),
            Expect(kind: .delivery, qid: "72DAbCdJ004247", fields: [.to: "\"Doe, Jane\" <jane@example.com>,<k@example.com>"])),
        LineCase(
            sm("72DAbCdK004249: to=<z@example.com>, delay=00:00:-5, xdelay=00:00:00, mailer=esmtp, pri=1, relay=mx.example.com. [192.0.2.3], dsn=2.0.0, stat=Sent (ok)"),
            Expect(kind: .delivery, qid: "72DAbCdK004249", fields: [.delay: "00:00:-5"])),
        // Solaris vendor tag between "tag[pid]:" and the id.
        LineCase(
            sm("[ID 801593 mail.info] kBC502520512: to=root, ctladdr=root (0/1), delay=00:00:01, xdelay=00:00:01, mailer=local, pri=120301, relay=local, dsn=2.0.0, stat=Sent", tag: "sendmail", pid: 20514),
            Expect(kind: .delivery, qid: "kBC502520512", fields: [.to: "root", .relay: "local"])),
    ]

    @Test("to= lines", arguments: deliveries)
    func deliveryLines(_ c: LineCase) { check(c) }

    static let notices: [LineCase] = [
        LineCase(
            sm("v9PCoLiO006667: v9PCoLiP006667: DSN: Service unavailable"),
            Expect(kind: .notice, qid: "v9PCoLiO006667", notice: .dsn, fields: [.newQid: "v9PCoLiP006667", .reason: "Service unavailable"])),
        LineCase(
            sm("v9PDh53r007087: v9PDh53s007087: return to sender: User unknown"),
            Expect(kind: .notice, qid: "v9PDh53r007087", notice: .returnToSender, fields: [.newQid: "v9PDh53s007087", .reason: "User unknown"])),
        LineCase(
            sm("mAO2tx04010773: mB26PuEl004811: sender notify: Cannot send message for 5 days"),
            Expect(kind: .notice, qid: "mAO2tx04010773", notice: .senderNotify, fields: [.newQid: "mB26PuEl004811", .reason: "Cannot send message for 5 days"])),
        LineCase(
            sm("6AUFtRcI004137: 6AUFu8B9004503: postmaster notify: Service unavailable"),
            Expect(kind: .notice, qid: "6AUFtRcI004137", notice: .postmasterNotify, fields: [.newQid: "6AUFu8B9004503"])),
        // 8.10/8.11 ids and wording.
        LineCase(
            sm("e6EKWRO24933: e6H401o10016: DSN: Cannot send message within 2 days", tag: "sendmail", pid: 10016),
            Expect(kind: .notice, qid: "e6EKWRO24933", notice: .dsn, fields: [.newQid: "e6H401o10016", .reason: "Cannot send message within 2 days"])),
        LineCase(
            sm("0AU4NVat063189: 0AU4NVas063191: DSN: Host unknown (Name server: 192.0.2.2: host not found)", tag: "sendmail", pid: 63191),
            Expect(kind: .notice, qid: "0AU4NVat063189", notice: .dsn, fields: [.reason: "Host unknown (Name server: 192.0.2.2: host not found)"])),
        LineCase(
            sm("6AUFtJXE003877: 6AUFtLXD004022: clone: owner=alice"),
            Expect(kind: .clone, qid: "6AUFtJXE003877", fields: [.newQid: "6AUFtLXD004022", .owner: "alice"])),
        // Up to 8.11 the line's own id is the clone and the original follows "clone".
        LineCase(
            sm("DAA29008: clone DAA29007, owner=list-owner", tag: "sendmail", pid: 24788),
            Expect(kind: .clone, qid: "DAA29007", fields: [.newQid: "DAA29008", .owner: "list-owner"])),
        LineCase(
            sm("62SA01aJ004109: split: maxrcpts=100, rcpts=250, count=3, ids=62SA01aK004109; 62SA01aL004109"),
            Expect(kind: .split, qid: "62SA01aJ004109", fields: [.ids: "62SA01aK004109; 62SA01aL004109"],
                   extras: ["maxrcpts=100", "rcpts=250", "count=3"])),
        LineCase(
            sm("62SA01aJ004110: split: count=2, id=62SA01aM004110"),
            Expect(kind: .split, qid: "62SA01aJ004110", fields: [.ids: "62SA01aM004110"], extras: ["count=2"])),
        LineCase(
            sm("u31FFPtp032300: done; delay=00:00:00, ntries=2", tag: "sendmail", pid: 32302),
            Expect(kind: .done, qid: "u31FFPtp032300", fields: [.delay: "00:00:00", .ntries: "2"], extras: [])),
        LineCase(sm("62SA01aN004111: discarded"), Expect(kind: .discarded, qid: "62SA01aN004111")),
    ]

    @Test("notice, clone, split, done and discarded lines", arguments: notices)
    func noticeLines(_ c: LineCase) { check(c) }
}
