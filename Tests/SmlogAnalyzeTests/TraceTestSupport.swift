#if canImport(Glibc)
import Glibc
#endif
import SmlogAnalyze
import SmlogCorrelate
import SmlogParse
import TestSupport

/// Runs inline log lines (one array per input file) through a trace session, as the CLI does
/// with the lines its prefilter keeps.
enum TraceRun {
    static func trace(
        _ id: String, forced: TraceQuery.Kind? = nil, files: [[String]], selection: TraceSelection = TraceSelection(),
        endOfInput: LogTime? = nil
    ) -> Trace {
        ProcessTimeZone.with("UTC") { traceInUTC(id, forced: forced, files: files, selection: selection, endOfInput: endOfInput) }
    }

    private static func traceInUTC(
        _ id: String, forced: TraceQuery.Kind?, files: [[String]], selection: TraceSelection, endOfInput: LogTime?
    ) -> Trace {
        guard let query = TraceQuery.parse(id, forced: forced) else {
            return Trace(query: TraceQuery(kind: .qid, text: id), messages: [], endOfInput: nil)
        }
        var session = TraceSession(query: query)
        for file in files {
            session.beginFile(yearReference: .fixed(2026))
            for line in file {
                var bytes = Array(line.utf8)
                _ = bytes.withUnsafeMutableBytes { session.add(UnsafeRawBufferPointer($0)) }
            }
        }
        return session.finish(selection: selection, endOfInput: endOfInput)
    }

    /// The prefilter's widening, simulated in memory: the lines holding a token, with passes
    /// repeated until no new token turns up.
    static func candidates(_ id: String, lines: [String]) -> [String] {
        guard let query = TraceQuery.parse(id) else { return [] }
        var discovery = TraceDiscovery(query: query)
        discovery.beginFile(yearReference: .fixed(2026))
        var tokens = discovery.initialTokens
        var kept = Set<Int>()
        var grew = true
        while grew {
            grew = false
            for (index, line) in lines.enumerated() where !kept.contains(index) {
                guard tokens.contains(where: { holds(line, $0) }) else { continue }
                kept.insert(index)
                var bytes = Array(line.utf8)
                let found = bytes.withUnsafeMutableBytes { discovery.links(in: UnsafeRawBufferPointer($0)) }.found
                if !found.isEmpty {
                    tokens += found
                    grew = true
                }
            }
        }
        return lines.indices.filter(kept.contains).map { lines[$0] }
    }

    private static func holds(_ line: String, _ token: TraceToken) -> Bool {
        let needle = String(decoding: token.bytes, as: UTF8.self)
        return token.caseInsensitive ? line.lowercased().contains(needle.lowercased()) : line.contains(needle)
    }
}

/// Sendmail 8.17 lines written for these tests (ids, hosts and addresses are made up).
enum TraceLines {
    /// Submission program → MTA → bounce (DSN) → the DSN bounces too → returned to the postmaster,
    /// with an unrelated message interleaved.
    static let doubleBounce = [
        "Mar  2 09:00:01 mail1 sendmail[2001]: 622901AA002001: from=carol, size=1200, class=0, nrcpts=1, msgid=<202603020900.622901AA002001@mail1.example.org>, relay=carol@localhost",
        "Mar  2 09:00:02 mail1 sendmail[2002]: 622902BB002002: from=<carol@mail1.example.org>, size=1380, class=0, nrcpts=1, msgid=<202603020900.622901AA002001@mail1.example.org>, proto=ESMTP, daemon=MTA, relay=localhost [127.0.0.1]",
        "Mar  2 09:00:02 mail1 sendmail[2010]: 622902EE002010: from=<erin@example.net>, size=500, class=0, nrcpts=1, msgid=<unrelated.1@example.net>, proto=ESMTP, daemon=MTA, relay=client.example.net [198.51.100.7]",
        "Mar  2 09:00:02 mail1 sendmail[2001]: 622901AA002001: to=dave@elsewhere.example, ctladdr=carol (1001/1001), delay=00:00:01, xdelay=00:00:01, mailer=relay, pri=31200, relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, stat=Sent (622902BB002002 Message accepted for delivery)",
        "Mar  2 09:00:03 mail1 sendmail[2003]: 622902BB002002: to=<dave@elsewhere.example>, ctladdr=<carol@mail1.example.org> (1001/1001), delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=31380, relay=mx.elsewhere.example. [192.0.2.10], dsn=5.1.1, stat=User unknown",
        "Mar  2 09:00:03 mail1 sendmail[2011]: 622902EE002010: to=<frank@mail1.example.org>, delay=00:00:01, xdelay=00:00:00, mailer=local, pri=30500, dsn=2.0.0, stat=Sent",
        "Mar  2 09:00:03 mail1 sendmail[2003]: 622902BB002002: 622903CC002003: DSN: User unknown",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622903CC002003: to=<carol@mail1.example.org>, delay=00:00:01, xdelay=00:00:00, mailer=esmtp, pri=31380, relay=smtp.mail1.example.org. [192.0.2.20], dsn=5.0.0, stat=Service unavailable",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622903CC002003: 622904DD002003: return to sender: Service unavailable",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622904DD002003: to=postmaster, delay=00:00:00, xdelay=00:00:00, mailer=local, pri=30000, dsn=2.0.0, stat=Sent",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622904DD002003: done; delay=00:00:00, ntries=1",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622903CC002003: done; delay=00:00:01, ntries=1",
        "Mar  2 09:00:04 mail1 sendmail[2003]: 622902BB002002: done; delay=00:00:02, ntries=1",
    ]
    static let doubleBounceChain = ["622901AA002001", "622902BB002002", "622903CC002003", "622904DD002003"]

    /// Deferred by the next hop, delivered by a later queue run.
    static let deferredThenDelivered = [
        "Mar  2 10:00:00 mail1 sendmail[3001]: 622A00GG003001: from=<gina@example.net>, size=2048, class=0, nrcpts=1, msgid=<b.1@example.net>, proto=ESMTP, daemon=MTA, relay=client.example.net [198.51.100.7]",
        "Mar  2 10:00:01 mail1 sendmail[3002]: 622A00GG003001: to=<hank@slow.example>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=32048, relay=mx.slow.example. [203.0.113.5], dsn=4.2.0, stat=Deferred: 451 4.2.0 Try again later",
        "Mar  2 10:30:01 mail1 sendmail[3050]: 622A00GG003001: to=<hank@slow.example>, delay=00:30:01, xdelay=00:00:02, mailer=esmtp, pri=122048, relay=mx.slow.example. [203.0.113.5], dsn=2.0.0, stat=Sent (Ok: queued as 4QRSTUVW)",
        "Mar  2 10:30:01 mail1 sendmail[3050]: 622A00GG003001: done; delay=00:30:01, ntries=2",
    ]

    /// The same queue id on two hosts: two different messages.
    static let twoHosts = [
        "Mar  2 11:00:00 alpha sendmail[100]: 622B00XX000100: from=<ann@alpha.example>, size=300, class=0, nrcpts=1, msgid=<d.1@alpha.example>, proto=ESMTP, daemon=MTA, relay=client.alpha.example [192.0.2.40]",
        "Mar  2 11:00:01 alpha sendmail[101]: 622B00XX000100: to=<bo@example.com>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30300, relay=mx.example.com. [192.0.2.50], dsn=2.0.0, stat=Sent (ok 1)",
        "Mar  2 11:00:05 beta sendmail[100]: 622B00XX000100: from=<cy@beta.example>, size=400, class=0, nrcpts=1, msgid=<d.2@beta.example>, proto=ESMTP, daemon=MTA, relay=client.beta.example [192.0.2.41]",
        "Mar  2 11:00:06 beta sendmail[101]: 622B00XX000100: to=<di@example.com>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30400, relay=mx.example.com. [192.0.2.50], dsn=2.0.0, stat=Sent (ok 2)",
    ]

    /// alpha relays to beta (both logs merged): beta logs the message before alpha logs the
    /// answer that names beta's queue id.
    static let acrossHosts = [
        "Mar  2 12:00:00 alpha sendmail[200]: 622C00AA000200: from=<ed@alpha.example>, size=700, class=0, nrcpts=1, msgid=<e.1@alpha.example>, proto=ESMTP, daemon=MTA, relay=client.alpha.example [192.0.2.40]",
        "Mar  2 12:00:01 beta sendmail[300]: 622C01BB000300: from=<ed@alpha.example>, size=900, class=0, nrcpts=1, msgid=<e.1@alpha.example>, proto=ESMTP, daemon=MTA, relay=alpha.example [192.0.2.29]",
        "Mar  2 12:00:01 alpha sendmail[201]: 622C00AA000200: to=<flo@beta.example>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=30700, relay=beta.example. [192.0.2.30], dsn=2.0.0, stat=Sent (622C01BB000300 Message accepted for delivery)",
        "Mar  2 12:00:02 beta sendmail[301]: 622C01BB000300: to=<flo@beta.example>, delay=00:00:01, xdelay=00:00:00, mailer=local, pri=30900, dsn=2.0.0, stat=Sent",
    ]

    /// Still deferred when the log ends two hours later.
    static let stillQueued = [
        "Mar  2 13:00:00 mail1 sendmail[400]: 622D00QQ000400: from=<ivy@example.net>, size=1000, class=0, nrcpts=1, msgid=<q.1@example.net>, proto=ESMTP, daemon=MTA, relay=client.example.net [198.51.100.7]",
        "Mar  2 13:00:01 mail1 sendmail[401]: 622D00QQ000400: to=<jo@down.example>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=31000, relay=mx.down.example., dsn=4.4.1, stat=Deferred: Connection refused by mx.down.example.",
        "Mar  2 14:00:01 mail1 sendmail[450]: 622D00QQ000400: to=<jo@down.example>, delay=01:00:01, xdelay=00:00:00, mailer=esmtp, pri=121000, relay=mx.down.example., dsn=4.4.2, stat=Deferred: Connection timed out with mx.down.example.",
        "Mar  2 15:00:00 mail1 sendmail[500]: NOQUEUE: connect from client.example.net [198.51.100.7]",
    ]
}
