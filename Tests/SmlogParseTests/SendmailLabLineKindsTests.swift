import Testing
import SmlogParse

/// The 95 kinds of line a real sendmail 8.17.1.9 wrote in the lab run
/// (shared/samples/real-sendmail-lab/line-kinds.txt, one example each): every one is
/// understood, semantic kinds get their EventKind, diagnostics are `.info`.
@Suite struct SendmailLabLineKindsTests {
    static let kinds: [LineCase] = [
        LineCase(
            "Nov 30 15:49:09 vm sendmail[1409]: AUTH: available mech=SCRAM-SHA-512 SCRAM-SHA-384 SCRAM-SHA-256 SCRAM-SHA-224 SCRAM-SHA-1 DIGEST-MD5 CRAM-MD5 NTLM PLAIN LOGIN ANONYMOUS, allowed mech=PLAIN LOGIN",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:06 vm sendmail[1398]: engine=(null), path=(null), ispre=1, pre=0, initialized=0",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: done; delay=00:00:00, ntries=1",
            Expect(kind: .done, qid: "6AUFn9IP001409", fields: [.ntries: "1"])),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: STARTTLS=client, relay=smarthost.lab.example., version=TLSv1.3, verify=FAIL, cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
            Expect(kind: .tls, side: .client, fields: [.version: "TLSv1.3"])),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1409]: 6AUFn9IP001409: from=<monitoring@corp.example>, size=1547, class=0, nrcpts=3, msgid=<20261130154909.547546.d55xbdh9@appsrv01.corp.example>, proto=ESMTP, daemon=MTA-v4, relay=localhost [127.0.0.1]",
            Expect(kind: .received, qid: "6AUFn9IP001409", fields: [.from: "<monitoring@corp.example>", .relay: "localhost [127.0.0.1]"])),
        LineCase(
            "Nov 30 15:49:09 vm sendmail[1409]: 6AUFn9IP001409: Milter: no active filter",
            Expect(kind: .info, qid: "6AUFn9IP001409")),
        LineCase(
            "Nov 30 15:49:09 vm sendmail[1409]: NOQUEUE: connect from localhost [127.0.0.1]",
            Expect(kind: .session, noQueue: true, session: .connect)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: SMTP outgoing connect on localhost",
            Expect(kind: .info, qid: "6AUFn9IP001409")),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: to=<eva.dubois@example.org>,<eva.khan@example.org>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=91733, relay=smarthost.lab.example. [127.0.0.1], dsn=2.0.0, stat=Sent (Ok: queued as 1ECEAF44C9)",
            Expect(kind: .delivery, qid: "6AUFn9IP001409", fields: [.stat: "Sent (Ok: queued as 1ECEAF44C9)", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:49:06 vm sendmail[1399]: STARTTLS: CRLFile missing",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: STARTTLS=client, init=1",
            Expect(kind: .info, side: .client)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: tls_clt_features=(null), relay=smarthost.lab.example [127.0.0.1]",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: tls_clt_features=empty, stat=0, relay=smarthost.lab.example [127.0.0.1]",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: STARTTLS=client, start=ok",
            Expect(kind: .info, side: .client)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: AUTH=client, relay=smarthost.lab.example., mech=, bits=0",
            Expect(kind: .auth, side: .client, auth: .none)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: STARTTLS: TLS cert verify: depth=0 /CN=smarthost.lab.example, state=0, reason=self-signed certificate",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: STARTTLS=client, cert-subject=/CN=smarthost.lab.example, cert-issuer=/CN=smarthost.lab.example, verifymsg=self-signed certificate",
            Expect(kind: .info, side: .client)),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: STARTTLS=client, SSL_shutdown failed: -1",
            Expect(kind: .info, side: .client)),
        LineCase(
            "Nov 30 15:49:16 vm sendmail[1537]: 6AUFnFMH001537: to=nina.silva@example.com, ctladdr=alice (1001/1001), delay=00:00:01, xdelay=00:00:01, mailer=relay, pri=33250, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (6AUFnFi8001538 Message accepted for delivery)",
            Expect(kind: .delivery, qid: "6AUFnFMH001537", fields: [.stat: "Sent (6AUFnFi8001538 Message accepted for delivery)", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:49:15 vm sendmail[1537]: 6AUFnFMH001537: from=alice, size=3250, class=0, nrcpts=1, msgid=<20261130154915.146679.m7dkt7kt@vm.lab.example>, relay=alice@localhost",
            Expect(kind: .received, qid: "6AUFnFMH001537", fields: [.from: "alice", .relay: "alice@localhost"])),
        LineCase(
            "Nov 30 15:49:16 vm sendmail[1538]: tls_srv_features=(null), relay=localhost [127.0.0.1]",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:16 vm sendmail[1538]: tls_srv_features=empty, stat=0, relay=localhost [127.0.0.1]",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:16 vm sendmail[1538]: STARTTLS=server, relay=localhost [127.0.0.1], version=TLSv1.3, verify=NOT, cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
            Expect(kind: .tls, side: .server, fields: [.version: "TLSv1.3"])),
        LineCase(
            "Nov 30 15:49:16 vm sendmail[1538]: STARTTLS=server, cert-subject=, cert-issuer=, verifymsg=ok",
            Expect(kind: .info, side: .server)),
        LineCase(
            "Nov 30 15:49:16 vm sendmail[1538]: ruleset=trust_auth, arg1=alice@vm.lab.example, relay=localhost [127.0.0.1], reject=550 5.7.1 <alice@vm.lab.example>... not authenticated",
            Expect(kind: .reject, action: .reject, fields: [.ruleset: "trust_auth", .reject: "550 5.7.1 <alice@vm.lab.example>... not authenticated"])),
        LineCase(
            "Nov 30 15:50:50 vm sendmail[1816]: 6AUFondi001813: to=<li.garcia@example.org>,<john.silva@example.com>,<eva.meyer@partner.example>, ctladdr=<batch@vm.lab.example> (1004/1004), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=92791, relay=smarthost.lab.example. [127.0.0.1], dsn=4.4.1, stat=Deferred: Connection refused by smarthost.lab.example.",
            Expect(kind: .delivery, qid: "6AUFondi001813", fields: [.stat: "Deferred: Connection refused by smarthost.lab.example.", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:49:10 vm sendmail[1430]: 6AUFn9IP001409: to=<bob@vm.lab.example>, delay=00:00:00, xdelay=00:00:00, mailer=local, pri=91733, dsn=2.0.0, stat=Sent",
            Expect(kind: .delivery, qid: "6AUFn9IP001409", fields: [.stat: "Sent", .mailer: "local"])),
        LineCase(
            "Nov 30 15:49:25 vm sendmail[1577]: 6AUFnOhc001571: to=<full.sara.khan@example.org>, ctladdr=<bob@vm.lab.example> (1002/1002), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=34815, relay=smarthost.lab.example. [127.0.0.1], dsn=4.2.2, reply=452 4.2.2 <full.sara.khan@example.org>: Mailbox full, stat=Deferred: 452 4.2.2 <full.sara.khan@example.org>: Mailbox full",
            Expect(kind: .delivery, qid: "6AUFnOhc001571", fields: [.stat: "Deferred: 452 4.2.2 <full.sara.khan@example.org>: Mailbox full", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:49:32 vm sendmail[1601]: 6AUFnUhL001596: to=<anna.rossi@example.net>, ctladdr=<root@vm.lab.example> (0/0), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=32414, relay=smarthost.lab.example. [127.0.0.1], dsn=5.7.1, reply=554 5.7.1 Message rejected as spam, stat=Service unavailable",
            Expect(kind: .delivery, qid: "6AUFnUhL001596", fields: [.stat: "Service unavailable", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:50:50 vm sendmail[1816]: 6AUFondi001813: makeconnection (smarthost.lab.example. [127.0.0.1].2525 (2)) failed: Connection refused by smarthost.lab.example.",
            Expect(kind: .info, qid: "6AUFondi001813")),
        LineCase(
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFte6D004322: alias postmaster => root",
            Expect(kind: .info, qid: "6AUFte6D004322")),
        LineCase(
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFte6D004322: alias root => alice",
            Expect(kind: .info, qid: "6AUFte6D004322")),
        LineCase(
            "Nov 30 15:55:23 vm sendmail[3593]: 6AUFt2br003591: to=<nina.berg@example.org>, delay=00:00:20, xdelay=00:00:20, mailer=relay, pri=34237, relay=smarthost.lab.example. [127.0.0.1], dsn=4.4.2, stat=Deferred: Connection timed out with smarthost.lab.example.",
            Expect(kind: .delivery, qid: "6AUFt2br003591", fields: [.stat: "Deferred: Connection timed out with smarthost.lab.example.", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:56:47 vm sendmail[4877]: 6AUFulV2004877: to=nightly-reports,kim.khan@partner.example,nina.weber@example.net,bob, ctladdr=root (0/0), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=123797, relay=[127.0.0.1] [127.0.0.1], dsn=4.4.1, stat=Deferred: Connection refused by [127.0.0.1]",
            Expect(kind: .delivery, qid: "6AUFulV2004877", fields: [.stat: "Deferred: Connection refused by [127.0.0.1]", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:49:32 vm sendmail[1601]: 6AUFnUhL001596: 6AUFnWhK001601: DSN: Service unavailable",
            Expect(kind: .notice, qid: "6AUFnUhL001596", notice: .dsn, fields: [.newQid: "6AUFnWhK001601", .reason: "Service unavailable"])),
        LineCase(
            "Nov 30 15:59:00 vm sendmail[5163]: 6AUFwRDh005017: to=<greylist.raj.silva@example.com>, ctladdr=<bob@vm.lab.example> (1002/1002), delay=00:00:31, xdelay=00:00:00, mailer=relay, pri=124127, relay=smarthost.lab.example., dsn=4.7.0, stat=Deferred",
            Expect(kind: .delivery, qid: "6AUFwRDh005017", fields: [.stat: "Deferred", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:52:37 vm sendmail[2505]: 6AUFqHIu002339: to=<greylist.sara.ito@example.org>, ctladdr=<root@vm.lab.example> (0/0), delay=00:00:19, xdelay=00:00:00, mailer=relay, pri=452026, relay=smarthost.lab.example. [127.0.0.1], dsn=4.3.0, reply=451 4.3.0 <greylist.sara.ito@example.org>: Temporary lookup failure, stat=Deferred: 451 4.3.0 <greylist.sara.ito@example.org>: Temporary lookup failure",
            Expect(kind: .delivery, qid: "6AUFqHIu002339", fields: [.stat: "Deferred: 451 4.3.0 <greylist.sara.ito@example.org>: Temporary lookup failure", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:49:06 vm sendmail[1349]: gethostbyaddr(192.0.2.2) failed: 1",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:50:06 vm sendmail[1687]: 6AUFo5YV001680: to=<unknown.raj.weber@example.com>, ctladdr=<root@vm.lab.example> (0/0), delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=212866, relay=smarthost.lab.example. [127.0.0.1], dsn=5.1.1, reply=550 5.1.1 <unknown.raj.weber@example.com>: Recipient address rejected: User unknown in virtual mailbox table, stat=User unknown",
            Expect(kind: .delivery, qid: "6AUFo5YV001680", fields: [.stat: "User unknown", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:49:46 vm sendmail[1639]: 6AUFnj6B001639: <nosuchuser@vm.lab.example>... User unknown",
            Expect(kind: .session, qid: "6AUFnj6B001639", session: .userError)),
        LineCase(
            "Nov 30 15:50:06 vm sendmail[1687]: 6AUFo5YV001680: 6AUFo6YU001687: DSN: User unknown",
            Expect(kind: .notice, qid: "6AUFo5YV001680", notice: .dsn, fields: [.newQid: "6AUFo6YU001687", .reason: "User unknown"])),
        LineCase(
            "Nov 30 15:53:46 vm sendmail[2998]: 6AUFriYc002993: to=<li.rossi@example.org>, ctladdr=<batch@vm.lab.example> (1004/1004), delay=00:00:01, xdelay=00:00:01, mailer=relay, pri=32335, relay=smarthost.lab.example. [127.0.0.1], dsn=4.3.0, reply=451 4.3.0 Error: queue file write error, stat=Deferred: 451 4.3.0 Error: queue file write error",
            Expect(kind: .delivery, qid: "6AUFriYc002993", fields: [.stat: "Deferred: 451 4.3.0 Error: queue file write error", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:50:03 vm sendmail[1675]: 6AUFo19Y001671: to=<greylist.nina.garcia@example.net>, ctladdr=<batch@vm.lab.example> (1004/1004), delay=00:00:01, xdelay=00:00:01, mailer=relay, pri=91538, relay=smarthost.lab.example. [127.0.0.1], dsn=4.7.1, reply=450 4.7.1 <greylist.nina.garcia@example.net>: Recipient address rejected: Greylisted, please try again later, stat=Deferred: 450 4.7.1 <greylist.nina.garcia@example.net>: Recipient address rejected: Greylisted, please try again later",
            Expect(kind: .delivery, qid: "6AUFo19Y001671", fields: [.stat: "Deferred: 450 4.7.1 <greylist.nina.garcia@example.net>: Recipient address rejected: Greylisted, please try again later", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFte6D004322: alias MAILER-DAEMON => postmaster",
            Expect(kind: .info, qid: "6AUFte6D004322")),
        LineCase(
            "Nov 30 15:49:32 vm sendmail[1601]: 6AUFnUhL001596: alias <root@vm.lab.example> => alice",
            Expect(kind: .info, qid: "6AUFnUhL001596")),
        LineCase(
            "Nov 30 15:55:23 vm sendmail[3593]: 6AUFt2br003591: timeout waiting for input from smarthost.lab.example. during client greeting",
            Expect(kind: .session, qid: "6AUFt2br003591", session: .timeoutWaiting)),
        LineCase(
            "Nov 30 15:55:40 vm sendmail[4322]: 6AUFte6D004322: 6AUFte6E004322: return to sender: Service unavailable",
            Expect(kind: .notice, qid: "6AUFte6D004322", notice: .returnToSender, fields: [.newQid: "6AUFte6E004322", .reason: "Service unavailable"])),
        LineCase(
            "Nov 30 15:59:00 vm sendmail[5163]: STARTTLS=client, error: connect failed=-1, reason=sslv3 alert handshake failure, SSL_error=1, errno=0, retry=-1",
            Expect(kind: .info, side: .client)),
        LineCase(
            "Nov 30 15:59:00 vm sendmail[5163]: STARTTLS=client: error:0A000410:SSL routines::sslv3 alert handshake failure:../ssl/record/rec_layer_s3.c:1601:SSL alert number 40",
            Expect(kind: .info, side: .client)),
        LineCase(
            "Nov 30 15:59:00 vm sendmail[5163]: ruleset=tls_server, arg1=SOFTWARE, relay=smarthost.lab.example, reject=454 4.7.0 TLS handshake failed.",
            Expect(kind: .reject, action: .tempfail, fields: [.ruleset: "tls_server", .reject: "454 4.7.0 TLS handshake failed."])),
        LineCase(
            "Nov 30 15:59:00 vm sendmail[5163]: 6AUFwRDb005017: to=<greylist.raj.dubois@partner.example>, ctladdr=<appsvc@vm.lab.example> (1003/1003), delay=00:00:31, xdelay=00:00:00, mailer=relay, pri=121773, relay=smarthost.lab.example. [127.0.0.1], dsn=4.7.0, stat=Deferred: 454 4.7.0 TLS handshake failed.",
            Expect(kind: .delivery, qid: "6AUFwRDb005017", fields: [.stat: "Deferred: 454 4.7.0 TLS handshake failed.", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:52:37 vm sendmail[2505]: 6AUFnOhc001571: 6AUFqb9O002505: sender notify: Warning: could not send message for past 3 minutes",
            Expect(kind: .notice, qid: "6AUFnOhc001571", notice: .senderNotify, fields: [.newQid: "6AUFqb9O002505", .reason: "Warning: could not send message for past 3 minutes"])),
        LineCase(
            "Nov 30 15:50:27 vm sendmail[1761]: 6AUFoRXJ001761: Authentication-Warning: vm.lab.example: batch set sender to noreply@corp.example using -f",
            Expect(kind: .info, qid: "6AUFoRXJ001761")),
        LineCase(
            "Nov 30 15:57:36 vm sendmail[4945]: 6AUFvabw004945: to=mary.meyer@example.org, delay=00:00:00, mailer=esmtp, pri=31017, dsn=4.4.3, stat=queued",
            Expect(kind: .delivery, qid: "6AUFvabw004945", fields: [.stat: "queued", .mailer: "esmtp"])),
        LineCase(
            "Nov 30 15:49:06 vm sendmail[1398]: error: safesasl(/etc/sasl2/Sendmail.conf) failed: No such file or directory",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:51:56 vm sendmail[2175]: 6AUFpsaM002169: alias <nightly-reports@vm.lab.example> => appsvc, reports-archive@corp.example",
            Expect(kind: .info, qid: "6AUFpsaM002169")),
        LineCase(
            "Nov 30 15:53:20 vm sendmail[2873]: 6AUFrJ0M002851: to=<tom.meyer@example.org>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=35159, relay=smarthost.lab.example. [127.0.0.1], dsn=4.5.0, reply=421 4.3.2 smarthost.lab.example Service not available, closing transmission channel, stat=Deferred: 421 4.3.2 smarthost.lab.example Service not available, closing transmission channel",
            Expect(kind: .delivery, qid: "6AUFrJ0M002851", fields: [.stat: "Deferred: 421 4.3.2 smarthost.lab.example Service not available, closing transmission channel", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:49:39 vm sendmail[1618]: 6AUFnbWU001618: collect: premature EOM: unexpected close",
            Expect(kind: .session, qid: "6AUFnbWU001618", session: .collectError)),
        LineCase(
            "Nov 30 15:49:39 vm sendmail[1618]: 6AUFnbWU001618: collect: relay=localhost, from=<app@corp.example>, info=unexpected close",
            Expect(kind: .session, qid: "6AUFnbWU001618", session: .collectError)),
        LineCase(
            "Nov 30 15:58:46 vm sendmail[5149]: 6AUFwjSZ005144: to=<ines.garcia@example.org>, delay=00:00:00, xdelay=00:00:00, mailer=relay, pri=33892, relay=smarthost.lab.example, dsn=5.1.2, stat=Host unknown (Name server: smarthost.lab.example: host not found)",
            Expect(kind: .delivery, qid: "6AUFwjSZ005144", fields: [.stat: "Host unknown (Name server: smarthost.lab.example: host not found)", .mailer: "relay"])),
        LineCase(
            "Nov 30 16:01:06 vm sendmail[5465]: STARTTLS=client: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:318:",
            Expect(kind: .info, side: .client)),
        LineCase(
            "Nov 30 16:01:06 vm sendmail[5465]: STARTTLS=client: error:0A000197:SSL routines::shutdown while in init:../ssl/ssl_lib.c:2242:",
            Expect(kind: .info, side: .client)),
        LineCase(
            "Nov 30 15:57:31 vm sendmail[4933]: 6AUFvUTP004933: ruleset=check_mail, arg1=<app@corp.example>, relay=localhost [127.0.0.1], reject=451 4.1.8 Domain of sender address app@corp.example does not resolve",
            Expect(kind: .reject, qid: "6AUFvUTP004933", action: .tempfail, fields: [.ruleset: "check_mail", .reject: "451 4.1.8 Domain of sender address app@corp.example does not resolve"])),
        LineCase(
            "Nov 30 15:57:54 vm sendmail[4955]: 6AUFnOhc001571: 6AUFvsqE004955: sender notify: Cannot send message for 8 minutes",
            Expect(kind: .notice, qid: "6AUFnOhc001571", notice: .senderNotify, fields: [.newQid: "6AUFvsqE004955", .reason: "Cannot send message for 8 minutes"])),
        LineCase(
            "Nov 30 15:49:13 vm sendmail[1433]: 6AUFnCRE001433: localhost [127.0.0.1] did not issue MAIL/EXPN/VRFY/ETRN during connection to MTA-v4",
            Expect(kind: .session, qid: "6AUFnCRE001433", session: .didNotIssueMail)),
        LineCase(
            "Nov 30 15:53:54 vm sendmail[3024]: 6AUFrrCZ003023: alias <ops@vm.lab.example> => alice, bob, ops-oncall@partner.example",
            Expect(kind: .info, qid: "6AUFrrCZ003023")),
        LineCase(
            "Nov 30 15:57:31 vm sm-msp-queue[4931]: 6AUFvNYE004924: SYSERR(root): timeout writing message to [127.0.0.1]",
            Expect(kind: .syserr, qid: "6AUFvNYE004924")),
        LineCase(
            "Nov 30 15:57:31 vm sm-msp-queue[4931]: 6AUFvNYE004924: to=batch, ctladdr=alice (1001/1001), delay=00:00:08, xdelay=00:00:01, mailer=relay, pri=181701, relay=[127.0.0.1] [127.0.0.1], dsn=4.4.2, stat=Deferred: Name server: [127.0.0.1]: host name lookup failure",
            Expect(kind: .delivery, qid: "6AUFvNYE004924", fields: [.stat: "Deferred: Name server: [127.0.0.1]: host name lookup failure", .mailer: "relay"])),
        LineCase(
            "Nov 30 15:57:31 vm sendmail[4932]: STARTTLS=write: error:0A000126:SSL routines::unexpected eof while reading:../ssl/record/rec_layer_s3.c:318:",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:57:31 vm sendmail[4932]: STARTTLS: write error=generic SSL error (-1), errno=0, get_error=error:00000000:lib(0)::reason(0), retry=99, ssl_err=1",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:58:46 vm sendmail[5149]: 6AUFwjSZ005144: 6AUFwkSZ005149: DSN: Host unknown (Name server: smarthost.lab.example: host not found)",
            Expect(kind: .notice, qid: "6AUFwjSZ005144", notice: .dsn, fields: [.newQid: "6AUFwkSZ005149", .reason: "Host unknown (Name server: smarthost.lab.example: host not found)"])),
        LineCase(
            "Nov 30 15:55:21 vm sendmail[4022]: 6AUFtJXE003877: alias <dbadmins@vm.lab.example> => bob, dba-team@corp.example, unknown-dba@example.org",
            Expect(kind: .info, qid: "6AUFtJXE003877")),
        LineCase(
            "Nov 30 15:55:21 vm sendmail[4022]: 6AUFtJXE003877: 6AUFtLXD004022: clone: owner=alice",
            Expect(kind: .clone, qid: "6AUFtJXE003877", fields: [.newQid: "6AUFtLXD004022", .owner: "alice"])),
        LineCase(
            "Nov 30 15:55:46 vm sendmail[4340]: 6AUFtkjQ004340: Authentication-Warning: vm.lab.example: appsvc set sender to batch-jobs@corp.example using -f",
            Expect(kind: .info, qid: "6AUFtkjQ004340")),
        LineCase(
            "Nov 30 15:58:46 vm sendmail[5149]: 6AUFwkSZ005149: 6AUFwkSa005149: return to sender: Host unknown (Name server: smarthost.lab.example: host not found)",
            Expect(kind: .notice, qid: "6AUFwkSZ005149", notice: .returnToSender, fields: [.newQid: "6AUFwkSa005149", .reason: "Host unknown (Name server: smarthost.lab.example: host not found)"])),
        LineCase(
            "Nov 30 15:49:06 vm sendmail[1399]: starting daemon (8.17.1.9): SMTP",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:06 vm sendmail[1399]: STARTTLS=server, Diffie-Hellman init, key=2048 bit (/)",
            Expect(kind: .info, side: .server)),
        LineCase(
            "Nov 30 15:49:06 vm sendmail[1399]: STARTTLS=server, init=1",
            Expect(kind: .info, side: .server)),
        LineCase(
            "Nov 30 15:49:06 vm sendmail[1399]: started as: /usr/sbin/sendmail -bd",
            Expect(kind: .info)),
        LineCase(
            "Nov 30 15:49:25 vm sendmail[1572]: 6AUFnPAm001572: rejecting commands from localhost [127.0.0.1] due to pre-greeting traffic after 0 seconds",
            Expect(kind: .session, qid: "6AUFnPAm001572", session: .preGreetingTraffic)),
        LineCase(
            "Nov 30 15:49:46 vm sendmail[1639]: 6AUFnj6B001639: localhost [127.0.0.1]: Possible SMTP RCPT flood, throttling.",
            Expect(kind: .session, qid: "6AUFnj6B001639", session: .rcptFlood)),
        LineCase(
            "Nov 30 15:49:52 vm sendmail[1645]: NOQUEUE: connect from [127.0.0.2]",
            Expect(kind: .session, noQueue: true, session: .connect)),
        LineCase(
            "Nov 30 15:50:18 vm sendmail[1604]: 6AUFnWmL001604: timeout waiting for input from localhost during server cmd read",
            Expect(kind: .session, qid: "6AUFnWmL001604", session: .timeoutWaiting)),
        LineCase(
            "Nov 30 15:50:18 vm sendmail[1604]: 6AUFnWmL001604: lost input channel from localhost [127.0.0.1] to MTA-v4 after mail",
            Expect(kind: .session, qid: "6AUFnWmL001604", session: .lostInputChannel)),
        LineCase(
            "Nov 30 15:56:09 vm sendmail[4503]: 6AUFtRcI004137: 6AUFu8B9004503: postmaster notify: Service unavailable",
            Expect(kind: .notice, qid: "6AUFtRcI004137", notice: .postmasterNotify, fields: [.newQid: "6AUFu8B9004503", .reason: "Service unavailable"])),
        LineCase(
            "Nov 30 15:56:42 vm sendmail[1399]: NOQUEUE: stopping daemon, reason=signal",
            Expect(kind: .info, noQueue: true)),
        LineCase(
            "Nov 30 15:49:20 vm sendmail[1568]: 6AUFnJl5001568: localhost [127.0.0.1]: VRFY root [rejected]",
            Expect(kind: .session, qid: "6AUFnJl5001568", session: .vrfyExpn)),
        LineCase(
            "Nov 30 15:49:20 vm sendmail[1568]: 6AUFnJl5001568: localhost [127.0.0.1]: EXPN ops [rejected]",
            Expect(kind: .session, qid: "6AUFnJl5001568", session: .vrfyExpn)),
        LineCase(
            "Nov 30 15:49:53 vm sendmail[1645]: 6AUFnqu3001645: ruleset=check_rcpt, arg1=<victim@example.com>, relay=[127.0.0.2], reject=550 5.7.1 <victim@example.com>... Relaying denied. IP name lookup failed [127.0.0.2]",
            Expect(kind: .reject, qid: "6AUFnqu3001645", action: .reject, fields: [.ruleset: "check_rcpt", .reject: "550 5.7.1 <victim@example.com>... Relaying denied. IP name lookup failed [127.0.0.2]"])),
        LineCase(
            "Nov 30 15:49:59 vm sendmail[1664]: ruleset=check_relay, arg1=[127.0.0.3], arg2=127.0.0.3, relay=[127.0.0.3], reject=550 5.7.1 Access denied",
            Expect(kind: .reject, action: .reject, fields: [.ruleset: "check_relay", .reject: "550 5.7.1 Access denied"])),
        LineCase(
            "Nov 30 15:50:06 vm sendmail[1682]: 6AUFo5u4001682: ruleset=check_mail, arg1=<someone@nonexistent.invalid>, relay=localhost [127.0.0.1], reject=553 5.1.8 <someone@nonexistent.invalid>... Domain of sender address someone@nonexistent.invalid does not exist",
            Expect(kind: .reject, qid: "6AUFo5u4001682", action: .reject, fields: [.ruleset: "check_mail", .reject: "553 5.1.8 <someone@nonexistent.invalid>... Domain of sender address someone@nonexistent.invalid does not exist"])),
        LineCase(
            "Nov 30 15:50:06 vm sendmail[1682]: 6AUFo5u4001682: ruleset=check_mail, arg1=<spammer@bad.example>, relay=localhost [127.0.0.1], reject=550 5.7.1 <spammer@bad.example>... Access denied",
            Expect(kind: .reject, qid: "6AUFo5u4001682", action: .reject, fields: [.ruleset: "check_mail", .reject: "550 5.7.1 <spammer@bad.example>... Access denied"])),
        LineCase(
            "Nov 30 15:50:06 vm sendmail[1682]: 6AUFo5u4001682: ruleset=check_rcpt, arg1=<user@blocked.example>, relay=localhost [127.0.0.1], reject=550 5.2.1 <user@blocked.example>... Mailbox disabled for this recipient",
            Expect(kind: .reject, qid: "6AUFo5u4001682", action: .reject, fields: [.ruleset: "check_rcpt", .reject: "550 5.2.1 <user@blocked.example>... Mailbox disabled for this recipient"])),
        LineCase(
            "Nov 30 15:50:40 vm sendmail[1788]: 6AUFodLA001788: message size (5602379) exceeds maximum (5000000)",
            Expect(kind: .session, qid: "6AUFodLA001788", session: .sizeExceeded)),
        LineCase(
            "Nov 30 15:50:40 vm sendmail[1788]: 6AUFodLA001788: to=<mary.chen@example.org>, delay=00:00:00, pri=5632379, stat=Message exceeds maximum fixed size (5000000)",
            Expect(kind: .delivery, qid: "6AUFodLA001788", fields: [.stat: "Message exceeds maximum fixed size (5000000)"])),
    ]

    @Test("every lab line kind", arguments: kinds)
    func labKind(_ c: LineCase) { check(c) }

    @Test func tableCoversAllNinetyFiveKinds() {
        #expect(Self.kinds.count == 95)
        #expect(Set(Self.kinds.map(\.line)).count == 95)
    }

    /// The whole lab log: every line must be understood (skips when the samples are absent).
    @Test(.enabled(if: SharedSamples.lines("real-sendmail-lab/maillog") != nil))
    func everyLabLineIsUnderstood() throws {
        let lines = try #require(SharedSamples.lines("real-sendmail-lab/maillog"))
        #expect(lines.count == 8349)
        var kinds: [EventKind: Int] = [:]
        for line in lines {
            let parsed = parseSendmail(line)
            #expect(parsed.verdict == .understood, "\(line)")
            kinds[parsed.kind, default: 0] += 1
        }
        // Figures from the lab's own accounting: 361 SMTP + 214 MSP from= lines, 411 done lines.
        #expect(kinds[.received] == 575)
        #expect(kinds[.done] == 411)
        #expect(kinds[.clone] == 3)
    }
}
