import SmlogParse
import Testing
import TestSupport

/// One line of a header variant and everything its header must yield. Zone-less stamps are
/// read as UTC and RFC 3164 lines are placed in `year`, so the expected epochs (computed
/// independently with `date -u -d … +%s`) hold on any machine.
struct HeaderCase: Sendable, CustomTestStringConvertible {
    var name: String
    var line: String
    var year: Int
    var format: SyslogHeader.Format
    var host: String
    var tag: String
    var pid: Int32
    var message: String
    var seconds: Int64
    var micros: Int32 = 0
    var utcOffset: Int32 = 0
    var repeatCount: Int32 = 0

    var testDescription: String { name }

    var expected: HeaderSnapshot {
        HeaderSnapshot(
            format: format, host: host, tag: tag, pid: pid, message: message, seconds: seconds,
            micros: micros, utcOffset: utcOffset, repeatCount: repeatCount)
    }
}

@Suite("Syslog header variants")
struct SyslogHeaderVariantTests {
    static let bsdCases: [HeaderCase] = [
        HeaderCase(
            name: "RFC 3164 lab line (rsyslog traditional, journalctl short)",
            line: "Nov 30 15:49:06 vm sendmail[1349]: gethostbyaddr(192.0.2.2) failed: 1",
            year: 2026, format: .rfc3164, host: "vm", tag: "sendmail", pid: 1349,
            message: "gethostbyaddr(192.0.2.2) failed: 1", seconds: 1_796_053_746),  // 2026-11-30 15:49:06Z
        HeaderCase(
            name: "RFC 3164 space-padded day",
            line: "Sep  7 05:40:15 mail sm-mta[64376]: ruleset=check_relay, arg1=adsl196-97-91-206-196.adsl196-3.iam.net.ma, arg2=196.206.91.97",
            year: 2006, format: .rfc3164, host: "mail", tag: "sm-mta", pid: 64376,
            message: "ruleset=check_relay, arg1=adsl196-97-91-206-196.adsl196-3.iam.net.ma, arg2=196.206.91.97",
            seconds: 1_157_607_615),  // 2006-09-07 05:40:15Z
        HeaderCase(
            name: "RFC 3164 zero-padded day",
            line: "Dec 01 22:36:14 markserver sm-mta[4811]: mB26PuEl004811: to=<www-data@buckyspalace.net>, delay=00:00:00, mailer=local, pri=30000, dsn=2.0.0, stat=Sent",
            year: 2008, format: .rfc3164, host: "markserver", tag: "sm-mta", pid: 4811,
            message: "mB26PuEl004811: to=<www-data@buckyspalace.net>, delay=00:00:00, mailer=local, pri=30000, dsn=2.0.0, stat=Sent",
            seconds: 1_228_170_974),  // 2008-12-01 22:36:14Z
        HeaderCase(
            name: "RFC 3164 unpadded day",
            line: "Dec 1 22:36:14 markserver sm-mta[4811]: mB26PuEl004811: to=<www-data@buckyspalace.net>, stat=Sent",
            year: 2008, format: .rfc3164, host: "markserver", tag: "sm-mta", pid: 4811,
            message: "mB26PuEl004811: to=<www-data@buckyspalace.net>, stat=Sent", seconds: 1_228_170_974),
        HeaderCase(
            name: "RFC 3164 with leading PRI",
            line: "<22>Nov 30 15:49:06 vm sendmail[1349]: gethostbyaddr(192.0.2.2) failed: 1",
            year: 2026, format: .rfc3164, host: "vm", tag: "sendmail", pid: 1349,
            message: "gethostbyaddr(192.0.2.2) failed: 1", seconds: 1_796_053_746),
        HeaderCase(
            name: "journalctl short-precise",
            line: "Nov 30 15:49:06.524140 vm sendmail[1349]: gethostbyaddr(192.0.2.2) failed: 1",
            year: 2026, format: .rfc3164, host: "vm", tag: "sendmail", pid: 1349,
            message: "gethostbyaddr(192.0.2.2) failed: 1", seconds: 1_796_053_746, micros: 524_140),
        HeaderCase(
            name: "short fraction is scaled to microseconds",
            line: "Nov 30 15:49:06.5 vm sendmail[1349]: x",
            year: 2026, format: .rfc3164, host: "vm", tag: "sendmail", pid: 1349,
            message: "x", seconds: 1_796_053_746, micros: 500_000),
        HeaderCase(
            name: "syslog-ng year-first stamp",
            line: "2015 Nov 13 13:40:01 host sendmail[12]: tBDDe1x5000012: from=<a@example.org>, size=1",
            year: 1999, format: .rfc3164, host: "host", tag: "sendmail", pid: 12,
            message: "tBDDe1x5000012: from=<a@example.org>, size=1", seconds: 1_447_422_001),  // 2015-11-13 13:40:01Z
        HeaderCase(
            name: "leap second counts into the next minute",
            line: "Dec 31 23:59:60 vm sendmail[1]: x",
            year: 2016, format: .rfc3164, host: "vm", tag: "sendmail", pid: 1,
            message: "x", seconds: 1_483_228_800),  // 2017-01-01 00:00:00Z
    ]

    static let isoCases: [HeaderCase] = [
        HeaderCase(
            name: "RFC 3339 lab copy (rsyslog FileFormat)",
            line: "2026-11-30T15:49:06.524140+00:00 vm sendmail[1349]: gethostbyaddr(192.0.2.2) failed: 1",
            year: 1999, format: .rfc3339, host: "vm", tag: "sendmail", pid: 1349,
            message: "gethostbyaddr(192.0.2.2) failed: 1", seconds: 1_796_053_746, micros: 524_140),
        HeaderCase(
            name: "RFC 3339 vCenter line",
            line: "2020-11-30T04:23:31.117593+00:00 vcenter sendmail[63191]: 0AU4NVat063189: to=<adm.vms@domain.hk>, delay=00:00:00, dsn=5.1.2, stat=Host unknown (Name server: 192.168.1.2: host not found)",
            year: 1999, format: .rfc3339, host: "vcenter", tag: "sendmail", pid: 63191,
            message: "0AU4NVat063189: to=<adm.vms@domain.hk>, delay=00:00:00, dsn=5.1.2, stat=Host unknown (Name server: 192.168.1.2: host not found)",
            seconds: 1_606_710_211, micros: 117_593),  // 2020-11-30 04:23:31Z
        HeaderCase(
            name: "RFC 3339 Z without fraction",
            line: "2026-11-30T15:49:06Z vm sendmail[1349]: gethostbyaddr(192.0.2.2) failed: 1",
            year: 1999, format: .rfc3339, host: "vm", tag: "sendmail", pid: 1349,
            message: "gethostbyaddr(192.0.2.2) failed: 1", seconds: 1_796_053_746),
        HeaderCase(
            name: "RFC 3339 positive offset",
            line: "2024-11-30T14:59:55+01:00 host sm-mta[6667]: v9PCoLiO006667: from=<a@example.org>",
            year: 1999, format: .rfc3339, host: "host", tag: "sm-mta", pid: 6667,
            message: "v9PCoLiO006667: from=<a@example.org>", seconds: 1_732_975_195, utcOffset: 3600),  // 13:59:55Z
        HeaderCase(
            name: "journalctl short-iso offset without colon",
            line: "2023-01-30T10:00:00+0100 host sm-mta[123]: v0U90000000123: done",
            year: 1999, format: .rfc3339, host: "host", tag: "sm-mta", pid: 123,
            message: "v0U90000000123: done", seconds: 1_675_069_200, utcOffset: 3600),  // 2023-01-30 09:00:00Z
        HeaderCase(
            name: "journalctl short-iso-precise",
            line: "2023-01-30T10:00:00.123456+0100 host sm-mta[123]: v0U90000000123: done",
            year: 1999, format: .rfc3339, host: "host", tag: "sm-mta", pid: 123,
            message: "v0U90000000123: done", seconds: 1_675_069_200, micros: 123_456, utcOffset: 3600),
        HeaderCase(
            name: "RFC 3339 negative half-hour offset",
            line: "2023-01-30T10:30:00-03:30 host sm-mta[123]: x",
            year: 1999, format: .rfc3339, host: "host", tag: "sm-mta", pid: 123,
            message: "x", seconds: 1_675_087_200, utcOffset: -12_600),  // 2023-01-30 14:00:00Z
        HeaderCase(
            name: "ISO stamp without offset is local time",
            line: "2024-11-30T13:59:55 host sm-mta[6667]: x",
            year: 1999, format: .rfc3339, host: "host", tag: "sm-mta", pid: 6667,
            message: "x", seconds: 1_732_975_195),
    ]

    static let rfc5424Cases: [HeaderCase] = [
        HeaderCase(
            name: "RFC 5424 nil MSGID and SD",
            line: "<22>1 2024-11-30T14:59:55.123456+01:00 host sm-mta 6667 - - v9PCoLiO006667: from=<a@example.org>, size=364",
            year: 1999, format: .rfc5424, host: "host", tag: "sm-mta", pid: 6667,
            message: "v9PCoLiO006667: from=<a@example.org>, size=364", seconds: 1_732_975_195,
            micros: 123_456, utcOffset: 3600),
        HeaderCase(
            name: "RFC 5424 meta SD and BOM",
            line: "<22>1 2024-11-30T13:59:55Z host sendmail 6667 - [meta sequenceId=\"1\"] \u{FEFF}v9PCoLiO006667: to=<b@example.org>, stat=Sent",
            year: 1999, format: .rfc5424, host: "host", tag: "sendmail", pid: 6667,
            message: "v9PCoLiO006667: to=<b@example.org>, stat=Sent", seconds: 1_732_975_195),
        HeaderCase(
            name: "RFC 5424 several SD blocks with an escaped bracket",
            line: "<22>1 2024-11-30T13:59:55Z host sendmail 6667 ID47 [a@1 x=\"q\\]r\"][meta sequenceId=\"2\" sysUpTime=\"37\"] NOQUEUE: connect from [127.0.0.1]",
            year: 1999, format: .rfc5424, host: "host", tag: "sendmail", pid: 6667,
            message: "NOQUEUE: connect from [127.0.0.1]", seconds: 1_732_975_195),
        HeaderCase(
            name: "RFC 5424 nil host and PROCID",
            line: "<22>1 2024-11-30T13:59:55Z - sendmail - - - starting daemon (8.17.1.9)",
            year: 1999, format: .rfc5424, host: "", tag: "sendmail", pid: -1,
            message: "starting daemon (8.17.1.9)", seconds: 1_732_975_195),
        HeaderCase(
            name: "RFC 5424 without MSG",
            line: "<22>1 2024-11-30T13:59:55Z host sendmail 1 - -",
            year: 1999, format: .rfc5424, host: "host", tag: "sendmail", pid: 1,
            message: "", seconds: 1_732_975_195),
    ]

    static let vendorCases: [HeaderCase] = [
        HeaderCase(
            name: "Solaris [ID] token",
            line: "Dec 12 00:00:03 machinename sendmail[20514]: [ID 801593 mail.info] kBC502520512: to=root, ctladdr=root (0/1), delay=00:00:01, xdelay=00:00:01, mailer=local, pri=120301, relay=local, dsn=2.0.0, stat=Sent",
            year: 2006, format: .rfc3164, host: "machinename", tag: "sendmail", pid: 20514,
            message: "kBC502520512: to=root, ctladdr=root (0/1), delay=00:00:01, xdelay=00:00:01, mailer=local, pri=120301, relay=local, dsn=2.0.0, stat=Sent",
            seconds: 1_165_881_603),  // 2006-12-12 00:00:03Z
        HeaderCase(
            name: "Solaris with double space after host",
            line: "Feb  7 03:12:28 zzz  sendmail[8031]: [ID 801593 mail.notice] s15EWeZE024810: timeout waiting for input from a.example.com. during client greeting",
            year: 2014, format: .rfc3164, host: "zzz", tag: "sendmail", pid: 8031,
            message: "s15EWeZE024810: timeout waiting for input from a.example.com. during client greeting",
            seconds: 1_391_742_748),  // 2014-02-07 03:12:28Z
        HeaderCase(
            name: "Solaris raw UDP without host",
            line: "<22>Jun 26 12:02:38 sendmail[23292]: [ID 801593 mail.info] h5QG2YLj023291: h5QG2cLj023292: clone: owner=owner-whine",
            year: 2003, format: .rfc3164, host: "", tag: "sendmail", pid: 23292,
            message: "h5QG2YLj023291: h5QG2cLj023292: clone: owner=owner-whine", seconds: 1_056_628_958),
        HeaderCase(
            name: "Solaris forwarded without host, tag without pid",
            line: "Aug  2 11:49:23 su: [ID 366847 auth.info] 'su root' succeeded for root on /dev/console",
            year: 2014, format: .rfc3164, host: "", tag: "su", pid: -1,
            message: "'su root' succeeded for root on /dev/console", seconds: 1_406_980_163),
        HeaderCase(
            name: "FreeBSD syslogd -v facility before host",
            line: "Jun 17 14:37:39 <mail.info> robin sm-mta[2794]: 55HIbcGI002794: from=<root@yourhost.com>, size=108, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, relay=[192.168.1.45]",
            year: 2025, format: .rfc3164, host: "robin", tag: "sm-mta", pid: 2794,
            message: "55HIbcGI002794: from=<root@yourhost.com>, size=108, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, relay=[192.168.1.45]",
            seconds: 1_750_171_059),  // 2025-06-17 14:37:39Z
        HeaderCase(
            name: "FreeBSD syslogd -vv numeric facility",
            line: "Jun 17 14:37:39 <2.6> robin sm-mta[2794]: 55HIbcGI002794: <baduser@yourhost.com>... User unknown",
            year: 2025, format: .rfc3164, host: "robin", tag: "sm-mta", pid: 2794,
            message: "55HIbcGI002794: <baduser@yourhost.com>... User unknown", seconds: 1_750_171_059),
        HeaderCase(
            name: "AIX aliased facility:priority",
            line: "Apr 24 10:40:38 aix03srv auth|security:info sshd[475526]: Login restricted for tesu: You entered an invalid login name or password.",
            year: 2007, format: .rfc3164, host: "aix03srv", tag: "sshd", pid: 475526,
            message: "Login restricted for tesu: You entered an invalid login name or password.",
            seconds: 1_177_411_238),  // 2007-04-24 10:40:38Z
        HeaderCase(
            name: "AIX mail:info before sendmail",
            line: "Apr 24 10:40:38 aix03srv mail:info sendmail[15806618]: k1SN9pkK15806618: ruleset=check_mail, arg1=<rtreter@qffff.com>",
            year: 2007, format: .rfc3164, host: "aix03srv", tag: "sendmail", pid: 15_806_618,
            message: "k1SN9pkK15806618: ruleset=check_mail, arg1=<rtreter@qffff.com>", seconds: 1_177_411_238),
        HeaderCase(
            name: "BusyBox facility.priority",
            line: "Jul 23 12:59:35 freescale auth.info sshd[1816]: User igotre password has expired (root forced)",
            year: 2007, format: .rfc3164, host: "freescale", tag: "sshd", pid: 1816,
            message: "User igotre password has expired (root forced)", seconds: 1_185_195_575),  // 2007-07-23 12:59:35Z
        HeaderCase(
            name: "BusyBox with double space before facility",
            line: "Jul 23 12:59:35 freescale  auth.info sshd[1816]: Accepted password for igotre from 10.1.20.9 port 36875 ssh2",
            year: 2007, format: .rfc3164, host: "freescale", tag: "sshd", pid: 1816,
            message: "Accepted password for igotre from 10.1.20.9 port 36875 ssh2", seconds: 1_185_195_575),
        HeaderCase(
            name: "BusyBox mail.info before sendmail",
            line: "Jul 23 12:59:35 freescale mail.info sendmail[1]: NOQUEUE: connect from localhost [127.0.0.1]",
            year: 2007, format: .rfc3164, host: "freescale", tag: "sendmail", pid: 1,
            message: "NOQUEUE: connect from localhost [127.0.0.1]", seconds: 1_185_195_575),
    ]

    static let quirkCases: [HeaderCase] = [
        HeaderCase(
            name: "tag without pid",
            line: "Jun 13 03:27:57 satellife vmunix: fd0: drive not ready",
            year: 1996, format: .rfc3164, host: "satellife", tag: "vmunix", pid: -1,
            message: "fd0: drive not ready", seconds: 834_636_477),  // 1996-06-13 03:27:57Z
        HeaderCase(
            name: "fail2ban corrupted tag",
            line: "Feb 24 12:10:15 kismet sm-acceptingconnections[32053]: s1OHA28u032053: 211-75-6-133.HINET-IP.hinet.net [211.75.6.133]: possible SMTP attack: command=AUTH, count=6",
            year: 2005, format: .rfc3164, host: "kismet", tag: "sm-acceptingconnections", pid: 32053,
            message: "s1OHA28u032053: 211-75-6-133.HINET-IP.hinet.net [211.75.6.133]: possible SMTP attack: command=AUTH, count=6",
            seconds: 1_109_247_015),  // 2005-02-24 12:10:15Z
        HeaderCase(
            name: "seven-digit pid",
            line: "Feb 24 14:00:01 server sendmail[3529566]: xA32R2PQ3529566: [192.0.2.2]: possible SMTP attack: command=AUTH, count=5",
            year: 2005, format: .rfc3164, host: "server", tag: "sendmail", pid: 3_529_566,
            message: "xA32R2PQ3529566: [192.0.2.2]: possible SMTP attack: command=AUTH, count=5",
            seconds: 1_109_253_601),  // 2005-02-24 14:00:01Z
        HeaderCase(
            name: "double spaces between every field",
            line: "Nov 30 15:49:06  vm  sendmail[1349]:  gethostbyaddr(192.0.2.2) failed: 1",
            year: 2026, format: .rfc3164, host: "vm", tag: "sendmail", pid: 1349,
            message: "gethostbyaddr(192.0.2.2) failed: 1", seconds: 1_796_053_746),
        HeaderCase(
            name: "IPv6-mapped host name",
            line: "Nov 30 15:49:06 ::ffff:10.1.2.3 sendmail[1349]: x",
            year: 2026, format: .rfc3164, host: "::ffff:10.1.2.3", tag: "sendmail", pid: 1349,
            message: "x", seconds: 1_796_053_746),
        HeaderCase(
            name: "tag with empty message",
            line: "Nov 30 15:49:06 vm sendmail[1349]:",
            year: 2026, format: .rfc3164, host: "vm", tag: "sendmail", pid: 1349,
            message: "", seconds: 1_796_053_746),
        HeaderCase(
            name: "BSD last message repeated",
            line: "Oct 25 12:50:22 localhost last message repeated 3 times",
            year: 2017, format: .rfc3164, host: "localhost", tag: "", pid: -1,
            message: "", seconds: 1_508_935_822, repeatCount: 3),  // 2017-10-25 12:50:22Z
        HeaderCase(
            name: "rsyslog message repeated",
            line: "Oct 25 12:50:22 localhost sm-mta[6667]: message repeated 3 times: [ v9PCoLiO006667: from=<dmitriano@example.org>, size=364, class=0, nrcpts=1]",
            year: 2017, format: .rfc3164, host: "localhost", tag: "sm-mta", pid: 6667,
            message: "v9PCoLiO006667: from=<dmitriano@example.org>, size=364, class=0, nrcpts=1",
            seconds: 1_508_935_822, repeatCount: 3),
        HeaderCase(
            name: "rsyslog message repeated after two spaces",
            line: "Oct 25 12:50:22 localhost sm-mta[6667]:  message repeated 12 times: [ v9PCoLiO006667: lost input channel from [10.0.0.1] to MTA after rcpt]",
            year: 2017, format: .rfc3164, host: "localhost", tag: "sm-mta", pid: 6667,
            message: "v9PCoLiO006667: lost input channel from [10.0.0.1] to MTA after rcpt",
            seconds: 1_508_935_822, repeatCount: 12),
        HeaderCase(
            name: "rsyslog message repeated in RFC 3339 file",
            line: "2017-10-25T12:50:22.000001+00:00 localhost sm-mta[6667]: message repeated 2 times: [ NOQUEUE: connect from [127.0.0.1]]",
            year: 1999, format: .rfc3339, host: "localhost", tag: "sm-mta", pid: 6667,
            message: "NOQUEUE: connect from [127.0.0.1]", seconds: 1_508_935_822, micros: 1, repeatCount: 2),
    ]

    @Test("Variant yields host, tag, pid, message and time",
          arguments: bsdCases + isoCases + rfc5424Cases + vendorCases + quirkCases)
    func variantYieldsFields(_ row: HeaderCase) {
        var parser = SyslogHeaderParser.utc(year: row.year)
        let header = parser.snapshot(row.line)
        #expect(header == row.expected)
    }

    @Test("Default initializer reads the same fields")
    func defaultInitializerParses() {
        // init() reads TZ, so it waits for tests that change it.
        ProcessTimeZone.with("UTC") {
            var parser = SyslogHeaderParser()
            let header = parser.snapshot("2026-11-30T15:49:06.524140+00:00 vm sendmail[1349]: gethostbyaddr(192.0.2.2) failed: 1")
            #expect(header?.seconds == 1_796_053_746)
            #expect(header?.tag == "sendmail")
            #expect(header?.message == "gethostbyaddr(192.0.2.2) failed: 1")
        }
    }

    @Test("Zone offset applies to zone-less stamps only")
    func fixedOffsetZoneShiftsLocalStamps() {
        var parser = SyslogHeaderParser(zone: .fixedOffset(seconds: 3600))
        parser.setYearReference(.fixed(2026))
        let local = parser.snapshot("Nov 30 16:49:06 vm sendmail[1349]: x")
        #expect(local?.seconds == 1_796_053_746)
        #expect(local?.utcOffset == 3600)
        let written = parser.snapshot("2026-11-30T15:49:06+00:00 vm sendmail[1349]: x")
        #expect(written?.seconds == 1_796_053_746)
        #expect(written?.utcOffset == 0)
    }
}
