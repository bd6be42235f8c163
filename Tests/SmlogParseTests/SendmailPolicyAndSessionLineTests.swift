import Testing
import SmlogParse

/// Ruleset, milter, connection, TLS, AUTH, error and queue-file lines (catalog §4.6–§4.12).
@Suite struct SendmailPolicyAndSessionLineTests {
    static let rulesets: [LineCase] = [
        LineCase(
            sm("s1NLaDQT022248: ruleset=check_rcpt, arg1=<x@example.it>, relay=int0.example.net [80.253.155.119] (may be forged), reject=550 5.7.1 <x@example.it>... Relaying denied. IP name possibly forged [80.253.155.119]"),
            Expect(kind: .reject, qid: "s1NLaDQT022248", action: .reject, fields: [
                .ruleset: "check_rcpt", .arg1: "<x@example.it>",
                .relay: "int0.example.net [80.253.155.119] (may be forged)",
                .reject: "550 5.7.1 <x@example.it>... Relaying denied. IP name possibly forged [80.253.155.119]",
            ])),
        // check_relay: no id at all, arg2 present, 4xx = tempfail.
        LineCase(
            sm("ruleset=check_relay, arg1=line-54-82.example.by, arg2=192.0.2.82, relay=line-54-82.example.by [192.0.2.82], reject=421 4.3.2 Connection rate limit exceeded.", pid: 24422),
            Expect(kind: .reject, action: .tempfail, fields: [
                .ruleset: "check_relay", .arg1: "line-54-82.example.by", .arg2: "192.0.2.82",
                .relay: "line-54-82.example.by [192.0.2.82]", .reject: "421 4.3.2 Connection rate limit exceeded.",
            ])),
        LineCase(
            sm("o5HN8IGV006308: ruleset=check_rcpt, arg1=<nobody@example.com>, relay=build3.example.com [10.57.86.36], discard", tag: "sendmail", pid: 6308),
            Expect(kind: .reject, qid: "o5HN8IGV006308", action: .discard, fields: [
                .arg1: "<nobody@example.com>", .relay: "build3.example.com [10.57.86.36]",
            ])),
        LineCase(
            sm("ruleset=tls_server, arg1=SOFTWARE, relay=smart.example, reject=403 4.7.0 TLS handshake failed.", tag: "sendmail", pid: 32283),
            Expect(kind: .reject, action: .tempfail, fields: [.ruleset: "tls_server", .arg1: "SOFTWARE", .relay: "smart.example"])),
        LineCase(
            sm("62SA01aO004112: ruleset=check_eom, arg1=<a@example.com>, quarantine=looks like spam"),
            Expect(kind: .reject, qid: "62SA01aO004112", action: .quarantine, fields: [.ruleset: "check_eom", .quarantine: "looks like spam"])),
        LineCase(
            sm("ruleset=try_tls, arg1=mx.example.com, relay=mx.example.com [192.0.2.4], status=NO"),
            Expect(kind: .reject, action: .status, fields: [.ruleset: "try_tls", .text: "NO"])),
        // arg1 with a comma inside a quoted local part.
        LineCase(
            sm("62SA01aP004113: ruleset=check_mail, arg1=<\"Smith, J\"@example.com>, relay=gw.example.com [192.0.2.6], reject=553 5.1.8 Domain of sender address does not exist"),
            Expect(kind: .reject, qid: "62SA01aP004113", action: .reject, fields: [
                .arg1: "<\"Smith, J\"@example.com>", .relay: "gw.example.com [192.0.2.6]",
            ])),
        LineCase(
            sm("6AUFnJl6001569: ruleset=trust_auth, arg1=alice@vm.example, relay=localhost [127.0.0.1], reject=550 5.7.1 <alice@vm.example>... not authenticated", tag: "sendmail", pid: 1569),
            Expect(kind: .reject, qid: "6AUFnJl6001569", action: .reject, fields: [.ruleset: "trust_auth", .arg1: "alice@vm.example"])),
        LineCase(
            sm("62SA01bi004142: tcpwrappers (dyn.example.net, 192.0.2.40) rejection"),
            Expect(kind: .reject, qid: "62SA01bi004142", action: .reject, fields: [
                .ruleset: "tcpwrappers", .clientHost: "dyn.example.net", .clientAddress: "192.0.2.40",
            ])),
    ]

    @Test("ruleset lines", arguments: rulesets)
    func rulesetLines(_ c: LineCase) { check(c) }

    static let milters: [LineCase] = [
        LineCase(
            sm("k876hJS0063495: Milter: data, reject=550 5.7.1 Blocked by SpamAssassin", pid: 63495),
            Expect(kind: .reject, qid: "k876hJS0063495", action: .reject, fields: [
                .milter: "Milter", .stage: "data", .reject: "550 5.7.1 Blocked by SpamAssassin",
            ])),
        LineCase(
            sm("62SA01aQ004114: Milter: data, discard"),
            Expect(kind: .reject, qid: "62SA01aQ004114", action: .discard, fields: [.milter: "Milter", .stage: "data"])),
        LineCase(
            sm("62SA01aR004115: Milter: from=<spam@example.biz>, reject=451 4.7.1 Greylisted"),
            Expect(kind: .reject, qid: "62SA01aR004115", action: .tempfail, fields: [
                .stage: "from", .arg1: "<spam@example.biz>", .reject: "451 4.7.1 Greylisted",
            ])),
        LineCase(
            sm("62SA01aS004116: Milter: to=<u@example.com>, reject=550 5.1.1 unknown"),
            Expect(kind: .reject, qid: "62SA01aS004116", action: .reject, fields: [.stage: "to", .arg1: "<u@example.com>"])),
        LineCase(
            sm("62SA01aT004117: Milter: helo=bad.example, reject=550 5.7.1 go away"),
            Expect(kind: .reject, qid: "62SA01aT004117", action: .reject, fields: [.stage: "helo", .arg1: "bad.example"])),
        LineCase(
            sm("62SA01aU004118: Milter: connect: host=dyn.example.net, addr=192.0.2.77, reject=554 5.7.1 blocked"),
            Expect(kind: .reject, qid: "62SA01aU004118", action: .reject, fields: [
                .stage: "connect", .clientHost: "dyn.example.net", .clientAddress: "192.0.2.77",
                .reject: "554 5.7.1 blocked",
            ])),
        LineCase(
            sm("62SA01aV004119: milter=spamfilter, action=body, reject=554 5.7.1 spam"),
            Expect(kind: .reject, qid: "62SA01aV004119", action: .reject, fields: [
                .milter: "spamfilter", .stage: "body", .reject: "554 5.7.1 spam",
            ])),
        LineCase(
            sm("62SA01aW004120: milter=virus, quarantine=infected attachment"),
            Expect(kind: .reject, qid: "62SA01aW004120", action: .quarantine, fields: [.milter: "virus", .quarantine: "infected attachment"])),
        LineCase(
            sm("62SA01aX004121: milter=grey, action=rcpt, tempfail"),
            Expect(kind: .reject, qid: "62SA01aX004121", action: .tempfail, fields: [.milter: "grey", .stage: "rcpt"])),
        LineCase(
            sm("62SA01aY004122: milter=grey, action=eom, accepted"),
            Expect(kind: .info, qid: "62SA01aY004122", fields: [.milter: "grey", .stage: "eom"])),
        LineCase(sm("6AUFn9IP001409: Milter: no active filter"), Expect(kind: .info, qid: "6AUFn9IP001409")),
        LineCase(sm("62SA01aZ004123: Milter (spamass): init success to negotiate"), Expect(kind: .info, qid: "62SA01aZ004123")),
        LineCase(sm("62SA01b0004124: Milter (spamass): timeout before data read, where=eom"), Expect(kind: .info, qid: "62SA01b0004124")),
        LineCase(sm("62SA01b1004125: Milter (spamass) add: header: X-Spam-Status: No, score=-1.0"), Expect(kind: .info, qid: "62SA01b1004125")),
        LineCase(sm("jB88Ehn2015617: Milter add: header: X-Scan: clean"), Expect(kind: .info, qid: "jB88Ehn2015617")),
        LineCase(sm("62SA01b2004126: Milter accept: message"), Expect(kind: .info, qid: "62SA01b2004126")),
        LineCase(sm("62SA01b3004127: Milter: connect to filters"), Expect(kind: .info, qid: "62SA01b3004127")),
    ]

    @Test("milter lines", arguments: milters)
    func milterLines(_ c: LineCase) { check(c) }

    static let sessions: [LineCase] = [
        LineCase(
            sm("NOQUEUE: connect from localhost [127.0.0.1]"),
            Expect(kind: .session, noQueue: true, session: .connect, fields: [.clientHost: "localhost", .clientAddress: "127.0.0.1"])),
        LineCase(
            sm("NOQUEUE: connect from [127.0.0.2]"),
            Expect(kind: .session, noQueue: true, session: .connect, fields: [.clientAddress: "127.0.0.2"])),
        LineCase(
            sm("NOQUEUE: connect from alice@localhost"),
            Expect(kind: .session, noQueue: true, session: .connect, fields: [.clientHost: "alice@localhost"])),
        LineCase(
            sm("v27K4Vj8018624: some-host.example.org [192.0.2.195] (may be forged) did not issue MAIL/EXPN/VRFY/ETRN during connection to MSP-v4"),
            Expect(kind: .session, qid: "v27K4Vj8018624", session: .didNotIssueMail, fields: [
                .clientHost: "some-host.example.org", .clientAddress: "192.0.2.195", .daemon: "MSP-v4",
            ])),
        LineCase(
            sm("06QDQnNf050438: example.com [IPv6:2001:DB8::1] did not issue MAIL/EXPN/VRFY/ETRN during connection to IPv6"),
            Expect(kind: .session, qid: "06QDQnNf050438", session: .didNotIssueMail, fields: [
                .clientHost: "example.com", .clientAddress: "IPv6:2001:DB8::1", .daemon: "IPv6",
            ])),
        LineCase(
            sm("56VFYCxS024291: lost input channel from mail.example.org [192.0.2.196] to MTA-v4 after rcpt"),
            Expect(kind: .session, qid: "56VFYCxS024291", session: .lostInputChannel, fields: [
                .clientHost: "mail.example.org", .clientAddress: "192.0.2.196", .daemon: "MTA-v4", .text: "rcpt",
            ])),
        LineCase(
            sm("m2QEu8aC015375: timeout waiting for input from client.example.com during server cmd read"),
            Expect(kind: .session, qid: "m2QEu8aC015375", session: .timeoutWaiting, fields: [
                .clientHost: "client.example.com", .text: "server cmd read",
            ])),
        LineCase(
            sm("s15EWeZE024810: timeout waiting for input from a.example.com. during client greeting"),
            Expect(kind: .session, qid: "s15EWeZE024810", session: .timeoutWaiting, fields: [.text: "client greeting"])),
        LineCase(
            sm("6AUFnbWU001618: collect: premature EOM: unexpected close"),
            Expect(kind: .session, qid: "6AUFnbWU001618", session: .collectError, fields: [.text: "unexpected close"])),
        LineCase(
            sm("6AUFnbWU001618: collect: relay=localhost, from=<app@corp.example>, info=unexpected close"),
            Expect(kind: .session, qid: "6AUFnbWU001618", session: .collectError, fields: [
                .clientHost: "localhost", .from: "<app@corp.example>", .text: "unexpected close",
            ])),
        LineCase(
            sm("t152vKqJ008240: collect: unexpected close on connection from [10.20.36.5], sender=<nagios@example>"),
            Expect(kind: .session, qid: "t152vKqJ008240", session: .collectError, fields: [
                .clientAddress: "10.20.36.5", .from: "<nagios@example>", .text: "unexpected close",
            ])),
        // Empty host (double space), older wording without "after N seconds", [ip] [ip].
        LineCase(
            sm("s1R9r60D044307: rejecting commands from  [209.15.212.253] due to pre-greeting traffic after 0 seconds"),
            Expect(kind: .session, qid: "s1R9r60D044307", session: .preGreetingTraffic, fields: [.clientAddress: "209.15.212.253"])),
        LineCase(
            sm("j6KKHo2d007818: rejecting commands from sv.example.com [66.62.19.10] due to pre-greeting traffic"),
            Expect(kind: .session, qid: "j6KKHo2d007818", session: .preGreetingTraffic, fields: [.clientHost: "sv.example.com", .clientAddress: "66.62.19.10"])),
        LineCase(
            sm("k9BEQK0c023868: rejecting commands from [200.121.73.169] [200.121.73.169] due to pre-greeting traffic"),
            Expect(kind: .session, qid: "k9BEQK0c023868", session: .preGreetingTraffic, fields: [
                .clientHost: "[200.121.73.169]", .clientAddress: "200.121.73.169",
            ])),
        LineCase(
            sm("s1OHxxSn001499: dsl.example.net [95.70.241.192] (may be forged): possible SMTP attack: command=AUTH, count=6"),
            Expect(kind: .session, qid: "s1OHxxSn001499", session: .possibleAttack, fields: [
                .clientHost: "dsl.example.net", .clientAddress: "95.70.241.192", .text: "AUTH",
            ])),
        // str2prt escapes stay as written.
        LineCase(
            sm("m2QFKldb022438: proxy.example.com [127.0.0.1]: probable open proxy: command=GET /_M HTTP/1.0\\r\\n"),
            Expect(kind: .session, qid: "m2QFKldb022438", session: .openProxy, fields: [.text: "GET /_M HTTP/1.0\\r\\n"])),
        LineCase(
            sm("6AUFnj6B001639: localhost [127.0.0.1]: Possible SMTP RCPT flood, throttling."),
            Expect(kind: .session, qid: "6AUFnj6B001639", session: .rcptFlood, fields: [.clientHost: "localhost"])),
        LineCase(
            sm("6AUFnj6C001640: localhost [127.0.0.1]: Possible SMTP RCPT flood, shutting down connection."),
            Expect(kind: .session, qid: "6AUFnj6C001640", session: .rcptFlood)),
        LineCase(
            sm("s1D0GoSs025815: [217.193.142.180]: expn info [rejected]"),
            Expect(kind: .session, qid: "s1D0GoSs025815", session: .vrfyExpn, fields: [.clientAddress: "217.193.142.180", .text: "expn info [rejected]"])),
        LineCase(
            sm("6AUFnJl5001568: localhost [127.0.0.1]: VRFY root [rejected]"),
            Expect(kind: .session, qid: "6AUFnJl5001568", session: .vrfyExpn, fields: [.text: "VRFY root [rejected]"])),
        LineCase(
            sm("62SA01b4004128: relay.example.net [192.0.2.12]: ETRN example.org"),
            Expect(kind: .session, qid: "62SA01b4004128", session: .vrfyExpn, fields: [.text: "ETRN example.org"])),
        LineCase(
            sm("62SA01b5004129: invalid domain name (bad_name!) from dyn.example.net [192.0.2.13]"),
            Expect(kind: .session, qid: "62SA01b5004129", session: .invalidHelo, fields: [
                .text: "bad_name!", .clientHost: "dyn.example.net", .clientAddress: "192.0.2.13",
            ])),
        LineCase(
            sm("62SA01b6004130: dyn.example.net [192.0.2.14]: SMTP violation, input too long: 4096"),
            Expect(kind: .session, qid: "62SA01b6004130", session: .protocolViolation, fields: [.clientAddress: "192.0.2.14"])),
        LineCase(
            sm("62SA01b7004131: headers too large (32768 max) from dyn.example.net [192.0.2.15] during message collect"),
            Expect(kind: .session, qid: "62SA01b7004131", session: .protocolViolation, fields: [.clientAddress: "192.0.2.15"])),
        LineCase(sm("62SA01b8004132: Bare linefeed (LF) not allowed"), Expect(kind: .session, qid: "62SA01b8004132", session: .protocolViolation)),
        LineCase(
            sm("6AUFodLA001788: message size (5602379) exceeds maximum (5000000)"),
            Expect(kind: .session, qid: "6AUFodLA001788", session: .sizeExceeded, fields: [.size: "5602379"])),
        LineCase(
            sm("6AUFnj6B001639: <nosuchuser@vm.example>... User unknown"),
            Expect(kind: .session, qid: "6AUFnj6B001639", session: .userError, fields: [.arg1: "<nosuchuser@vm.example>", .text: "User unknown"])),
        LineCase(
            sm("rA37ZTSC026250: postmaster... No such user here"),
            Expect(kind: .session, qid: "rA37ZTSC026250", session: .userError, fields: [.arg1: "postmaster", .text: "No such user here"])),
        LineCase(
            sm("62SA01b9004133: --- 550 5.1.1 <u@example.com>... User unknown"),
            Expect(kind: .info, qid: "62SA01b9004133")),
        LineCase(sm("62SA01ba004134: <-- RCPT TO:<u@example.com>"), Expect(kind: .info, qid: "62SA01ba004134")),
    ]

    @Test("connection and SMTP server lines", arguments: sessions)
    func sessionLines(_ c: LineCase) { check(c) }

    static let security: [LineCase] = [
        LineCase(
            sm("STARTTLS=client, relay=mx.example.com., version=TLSv1.2, verify=FAIL, cipher=ECDHE-RSA-AES128-GCM-SHA256, bits=128/128"),
            Expect(kind: .tls, side: .client, fields: [
                .relay: "mx.example.com.", .version: "TLSv1.2", .verify: "FAIL",
                .cipher: "ECDHE-RSA-AES128-GCM-SHA256", .bits: "128/128",
            ])),
        // Some builds give STARTTLS a qid prefix.
        LineCase(
            sm("221820LG031423: STARTTLS=server, relay=mini.example.org [192.168.1.21], version=TLSv1.3, verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256"),
            Expect(kind: .tls, qid: "221820LG031423", side: .server, fields: [
                .relay: "mini.example.org [192.168.1.21]", .verify: "NO", .bits: "256/256",
            ])),
        LineCase(sm("STARTTLS=client, cert-subject=/CN=mx.example, cert-issuer=/CN=ca, verifymsg=ok"), Expect(kind: .info, side: .client)),
        LineCase(sm("STARTTLS=client, relay=mx.example.com., warning=DANE configured in DNS but STARTTLS not offered"), Expect(kind: .info, side: .client)),
        LineCase(sm("STARTTLS=server, error: accept failed=-1, reason=no shared cipher, SSL_error=1, errno=0, retry=-1, relay=dyn.example [192.0.2.1]"), Expect(kind: .info, side: .server)),
        LineCase(sm("STARTTLS: read error=syscall error (-1), errno=104, get_error=error:00000000:lib(0)::reason(0), retry=99, ssl_err=5"), Expect(kind: .info)),
        LineCase(sm("STARTTLS: CRLFile missing"), Expect(kind: .info, fields: [.text: "STARTTLS: CRLFile missing"])),
        LineCase(sm("STARTTLS:=server, relay=x, version=TLSv1.3"), Expect(kind: .info, fields: [.text: "STARTTLS:=server, relay=x, version=TLSv1.3"])),
        LineCase(
            sm("AUTH: available mech=PLAIN LOGIN, allowed mech=PLAIN"),
            Expect(kind: .info, fields: [.text: "AUTH: available mech=PLAIN LOGIN, allowed mech=PLAIN"])),
        LineCase(sm("AUTH: failure (PLAIN): x, relay=y"), Expect(kind: .info, fields: [.text: "AUTH: failure (PLAIN): x, relay=y"])),
        LineCase(
            sm("AUTH=server, relay=dsl.example.net [173.228.127.4] (may be forged), authid=augie, mech=PLAIN, bits=0"),
            Expect(kind: .auth, side: .server, auth: .success, fields: [
                .relay: "dsl.example.net [173.228.127.4] (may be forged)", .authid: "augie", .mech: "PLAIN", .bits: "0",
            ])),
        LineCase(
            sm("AUTH=client, relay=smart.example., mech=PLAIN, bits=0"),
            Expect(kind: .auth, side: .client, auth: .success, fields: [.relay: "smart.example.", .mech: "PLAIN"])),
        // 8.17 logs the client summary with an empty mech= when no AUTH happened.
        LineCase(sm("AUTH=client, relay=smart.example., mech=, bits=0"), Expect(kind: .auth, side: .client, auth: .none, fields: [.relay: "smart.example."])),
        LineCase(
            sm("AUTH=client, relay=smart.example, temporary failure, connection abort"),
            Expect(kind: .auth, side: .client, auth: .failure, fields: [.relay: "smart.example", .text: "temporary failure, connection abort"])),
        LineCase(
            sm("06I02CNi016764: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=user@example.com, relay=example.com [192.0.2.3] (may be forged)"),
            Expect(kind: .auth, qid: "06I02CNi016764", side: .server, auth: .failure, fields: [
                .mech: "LOGIN", .authid: "user@example.com", .relay: "example.com [192.0.2.3] (may be forged)",
                .text: "authentication failure (-13) SASL(-13): authentication failure: checkpass failed",
            ])),
        // A user name smuggling ", relay=": the real relay is the last one.
        LineCase(
            sm("06I02CNi016765: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=criminal, relay=[192.0.2.100], relay=[192.0.2.4] (may be forged)"),
            Expect(kind: .auth, qid: "06I02CNi016765", side: .server, auth: .failure, fields: [
                .authid: "criminal, relay=[192.0.2.100]", .relay: "[192.0.2.4] (may be forged)",
            ])),
        LineCase(
            sm("26H8MRrS025411: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, relay=[192.0.2.9]"),
            Expect(kind: .auth, qid: "26H8MRrS025411", side: .server, auth: .failure, fields: [.relay: "[192.0.2.9]", .mech: "LOGIN"])),
        LineCase(sm("AUTH: available mech=PLAIN LOGIN, allowed mech=PLAIN LOGIN"), Expect(kind: .info)),
    ]

    @Test("STARTTLS and AUTH lines", arguments: security)
    func securityLines(_ c: LineCase) { check(c) }

    static let errorsAndAdmin: [LineCase] = [
        LineCase(
            sm("p964f1qe026392: SYSERR(root): collect: Cannot write ./dfp964f1qe026392 (sm_io_flush||sm_io_error, uid=0, gid=129): Input/output error"),
            Expect(kind: .syserr, qid: "p964f1qe026392", fields: [
                .text: "collect: Cannot write ./dfp964f1qe026392 (sm_io_flush||sm_io_error, uid=0, gid=129): Input/output error",
            ])),
        LineCase(
            sm("NOQUEUE: SYSERR(root): opendaemonsocket: daemon MTA: cannot bind: Address already in use"),
            Expect(kind: .syserr, noQueue: true, fields: [.text: "opendaemonsocket: daemon MTA: cannot bind: Address already in use"])),
        LineCase(sm("62SA01bb004135: SYSERR(UID1001): queueup: cannot create queue file"), Expect(kind: .syserr, qid: "62SA01bb004135")),
        LineCase(sm("v9PDh53r007087: Saved message in /var/lib/sendmail/dead.letter"), Expect(kind: .queueTrouble, qid: "v9PDh53r007087")),
        LineCase(sm("h8O5WptI019921: Losing ./qfh8O5WptI019921: savemail panic"), Expect(kind: .queueTrouble, qid: "h8O5WptI019921")),
        LineCase(sm("n2DAj1fe006727: Losing q1/qfn2DAj1fe006727: bogus file uid/gid in mqueue"), Expect(kind: .queueTrouble, qid: "n2DAj1fe006727")),
        LineCase(sm("62SA01bc004136: bogus queue file, uid=114, gid=126, mode=100660"), Expect(kind: .queueTrouble, qid: "62SA01bc004136")),
        LineCase(sm("62SA01bd004137: low on space (mqueue needs 2048 bytes + 100 blocks in /var/spool/mqueue), max avail: 50"), Expect(kind: .queueTrouble, qid: "62SA01bd004137")),
        LineCase(sm("62SA01be004138: queueup: cannot create ./tf62SA01be004138, euid=0: Permission denied"), Expect(kind: .queueTrouble, qid: "62SA01be004138")),
        LineCase(sm("6AUFoRXJ001761: Authentication-Warning: vm.example: batch set sender to noreply@example.com using -f"), Expect(kind: .info, qid: "6AUFoRXJ001761")),
        LineCase(sm("62SA01bf004139: ERROR: inconsistent dsn, please see <https://example.org/Report>, rcode=4, dsn=5.0.0"), Expect(kind: .info, qid: "62SA01bf004139")),
        LineCase(sm("62SA01bg004140: forward /home/u/.forward: transient error: Connection timed out"), Expect(kind: .info, qid: "62SA01bg004140")),
        LineCase(sm("62SA01bh004141: aliasing/forwarding loop broken: a (11 aliases deep; 10 max)"), Expect(kind: .info, qid: "62SA01bh004141")),
        LineCase(sm("starting daemon (8.14.2): SMTP+queueing@00:05:00"), Expect(kind: .info)),
        LineCase(sm("NOQUEUE: stopping daemon, reason=signal"), Expect(kind: .info, noQueue: true)),
        LineCase(sm("restarting /usr/sbin/sendmail due to signal"), Expect(kind: .info)),
        LineCase(sm("rejecting connections on daemon MTA: load average: 55"), Expect(kind: .info)),
        LineCase(sm("accepting connections again for daemon MTA"), Expect(kind: .info)),
        LineCase(sm("rejecting new messages: min free: 100"), Expect(kind: .info)),
        LineCase(sm("accepting new messages (again)"), Expect(kind: .info)),
        LineCase(sm("alias database /etc/mail/aliases rebuilt by root"), Expect(kind: .info)),
        LineCase(sm("/etc/mail/aliases: 12 aliases, longest 10 bytes, 152 bytes total"), Expect(kind: .info)),
        LineCase(sm("My unqualified host name (box) unknown; sleeping for retry"), Expect(kind: .info)),
        LineCase(sm("unable to qualify my own domain name (box) -- using short name"), Expect(kind: .info)),
        LineCase(sm("daemon MTA: problem creating SMTP socket"), Expect(kind: .info)),
        LineCase(sm("unable to write pid to /var/run/sendmail.pid: file in use by another process"), Expect(kind: .info)),
        LineCase(sm("started as: /usr/sbin/sendmail -bd -q10m"), Expect(kind: .info)),
        LineCase(sm("runqueue: Skipping queue run -- load average too high"), Expect(kind: .info)),
        LineCase(sm("runqueue: Flushing queue from /var/spool/mqueue (pri 0, LA 0, 0 of 3)"), Expect(kind: .info)),
        LineCase(sm("6AUFn9IP001409: SMTP outgoing connect on localhost"), Expect(kind: .info, qid: "6AUFn9IP001409")),
        LineCase(sm("6AUFondi001813: makeconnection (smart.example. [127.0.0.1].2525 (2)) failed: Connection refused by smart.example."), Expect(kind: .info, qid: "6AUFondi001813")),
        LineCase(sm("6AUFte6D004322: alias postmaster => root"), Expect(kind: .info, qid: "6AUFte6D004322")),
        LineCase(sm("engine=(null), path=(null), ispre=1, pre=0, initialized=0"), Expect(kind: .info)),
        LineCase(sm("gethostbyaddr(192.0.2.2) failed: 1"), Expect(kind: .info)),
        LineCase(sm("error: safesasl(/etc/sasl2/Sendmail.conf) failed: No such file or directory"), Expect(kind: .info)),
        LineCase(sm("tls_clt_features=empty, stat=0, relay=smart.example [127.0.0.1]"), Expect(kind: .info)),
    ]

    @Test("errors, queue trouble, daemon and admin lines", arguments: errorsAndAdmin)
    func errorAndAdminLines(_ c: LineCase) { check(c) }

    /// Text from a sendmail tag that is no sendmail message shape is not understood.
    @Test(
        "unknown shapes are not understood",
        arguments: [
            sm("v9PCoLiO006667: hello world"),
            sm("some random text from sendmail"),
            sm("v9PCoLiO006667:"),
            sm("v9PCoLiO006667: "),
            sm(""),
            sm("STARTTLS"),
            sm("Milter"),
            sm("AUTHORITY: x"),
            sm("221820LG031423: addr 192.0.2.1 from <a@example.org> to <b@example.org> delayed for 00:10:00 (greylisted)"),
            sm("fd0: drive not ready"),
            sm("ruleset=check_rcpt, arg1=<a@b>, relay=x [192.0.2.1]"),
        ])
    func unknownShapes(_ line: String) {
        #expect(parseSendmail(line).verdict == .notUnderstood)
    }
}
