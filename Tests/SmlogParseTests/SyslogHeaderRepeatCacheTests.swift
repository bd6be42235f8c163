import SmlogParse
import Testing

/// The header parser reuses the previous line's timestamp and `host tag` results when a line
/// repeats those bytes. These tests check that a line parsed after others gives exactly what
/// it gives on its own, and that a repeated prefix never carries over a wrong time or host.
@Suite("Syslog header: repeated stamp and host prefix")
struct SyslogHeaderRepeatCacheTests {
    /// Each run is parsed line after line by one parser; every line must give what a fresh
    /// parser gives for it alone (all lines lie in one month, so the year state cannot differ).
    static let runs: [[String]] = [
        [
            "Nov 30 15:49:06 vm sendmail[1349]: first",
            "Nov 30 15:49:06 vm sendmail[1350]: same second",
            "Nov 30 15:49:07 vm sendmail[1350]: next second",
            "Nov 30 15:49:06 vm sendmail[1351]: back one second",
        ],
        [
            "Nov 30 15:49:06 vm sendmail[1]: a",
            "Nov 30 15:49:06 mx sm-mta[2]: other host and tag",
            "Nov 30 15:49:06 mx2 sm-mta[3]: longer host",
            "Nov 30 15:49:06 m sm-mta[4]: shorter host",
            "Nov 30 15:49:06 vm sendmail: no pid",
            "Nov 30 15:49:06 vm sendmail[abc]: odd pid",
            "Nov 30 15:49:06 vm sendmail without colon",
            "Nov 30 15:49:06 vm sendmail[7]:",
            "Nov 30 15:49:06 vm sendmail[8]:no space",
            "Nov 30 15:49:06 vm last message repeated 3 times",
            "Nov 30 15:49:06 vm sendmail[9]: message repeated 2 times: [ inner]",
            "Nov 30 15:49:06 vm sendmail[9]: [ID 801593 mail.info] solaris",
            "Nov 30 15:49:06 vm mail.info sendmail[10]: AIX facility",
            "Nov 30 15:49:06 vm mail.info sendmail[11]: AIX facility again",
            "Nov 30 15:49:06 sendmail[12]: no host",
            "Nov 30 15:49:06 <mail.info> vm sendmail[13]: FreeBSD -v",
        ],
        [
            "Nov 30 15:49:06.250000 vm sendmail[1]: precise",
            "Nov 30 15:49:06.250000 vm sendmail[1]: precise again",
            "Nov 30 15:49:06.5 vm sendmail[1]: shorter fraction",
            "Nov 30 15:49:06 vm sendmail[1]: no fraction",
        ],
        [
            "2026-11-30T15:49:06Z vm sendmail[1]: utc",
            "2026-11-30T15:49:06Z vm sendmail[1]: utc again",
            "2026-11-30T15:49:06+01:00 vm sendmail[1]: offset",
            "2026-11-30T15:49:06+01:00 vm sendmail[1]: offset again",
            "2026-11-30T15:49:06-0500 vm sendmail[1]: other offset",
            "2026-11-30T15:49:06 vm sendmail[1]: local",
            "2026-11-30 15:49:06 vm sendmail[1]: space separator",
            "<22>1 2026-11-30T15:49:06Z vm sendmail 1 - - rfc 5424",
            "<22>1 2026-11-30T15:49:06Z vm sendmail 1 - - rfc 5424 again",
            "<23>1 2026-11-30T15:49:06Z vm sendmail 2 - - other priority",
            "<22>Nov 30 15:49:06 vm sendmail[1]: PRI then BSD",
            "2026 Nov 30 15:49:06 vm sendmail[1]: syslog-ng year",
        ],
        [
            // The whole `stamp host tag[` prefix repeated with other minutes and seconds.
            "Nov 30 15:49:06 vm sendmail[1]: a",
            "Nov 30 15:49:07 vm sendmail[2]: next second",
            "Nov 30 15:50:00 vm sendmail[3]: next minute",
            "Nov 30 15:59:60 vm sendmail[4]: leap second",
            "Nov 30 15:60:00 vm sendmail[5]: minute out of range",
            "Nov 30 15:00:61 vm sendmail[6]: second out of range",
            "Nov 30 15:0a:00 vm sendmail[6]: minute not a number",
            "Nov 30 15:00:0 vm sendmail[6]: second cut short",
            "Nov 30 15:00:00 vm sendmail[7]: back to the start of the hour",
            "Nov 30 16:00:00 vm sendmail[8]: next hour",
            "Nov 30 16:00:01 vm sendmail[4294967295]: ten-digit pid",
            "Nov 30 16:00:01 vm sendmail[12345678901]: eleven-digit pid",
            "Nov 30 16:00:01 vm sendmail[2147483647]: largest pid",
            "Nov 30 16:00:01 vm sendmail[2147483648]: pid past Int32",
            "Nov 30 16:00:01 vm sendmail[]: empty pid",
            "Nov 30 16:00:01 vm sendmail[1]:",
            "Nov 30 16:00:01 vm sendmail[1]",
            "Nov 30 16:00:01 vm sendmail[1]x",
            "Nov 30 16:00:01 vm sendmail[1]:x",
            "Nov 30 16:00:01 vm sendmail[1",
            "Nov 30 16:00:01 vm sendmail[",
            "Nov 30 16:00:02 vm sendmail[1]:    many spaces",
            "Nov 30 16:00:04 vm sendmail[1]: message repeated 2 times: [ inner]",
            "Nov 30 16:00:04 vm sendmail[1]: [ID 801593 mail.info] solaris",
            "Nov 30 16:00:05 vm sendmail: no pid",
            "Nov 30 16:00:06 vm sendmail:",
            "Nov 30 16:00:06 vm sendmail:x",
            "Nov 30 16:00:07 vm mail: facility name as a tag",
            "Nov 30 16:00:07 vm mail:info sendmail[1]: AIX after a tag of the same bytes",
            "Nov 30 16:00:08 vm lmtp[1]: tag starting with l",
            "Nov 30 16:00:09 vm lmtp[1]: again",
            "Nov 30 16:00:09 vm last message repeated 2 times",
            "Nov  3 16:00:03 vm sendmail[1]: space-padded day",
            "Nov  3 16:01:04 vm sendmail[1]: space-padded day, clock moved",
            "Nov 3 16:01:05 vm sendmail[1]: bare day",
            "2026 Nov 30 15:49:06 vm sm-mta[1]: written year",
            "2026 Nov 30 15:49:59 vm sm-mta[1]: written year, clock moved",
            "<22>Nov 30 15:49:06 vm sm-mta[1]: priority",
            "<22>Nov 30 15:49:16 vm sm-mta[1]: priority, clock moved",
            "Nov 30 15:49:06.5 vm sendmail[1]: fraction",
            "Nov 30 15:49:07.5 vm sendmail[1]: fraction, clock moved",
            "Nov 30 15:49:07 vm.example.org.with.a.long.host.name.past.the.kept.prefix sendmail[1]: x",
            "Nov 30 15:49:08 vm.example.org.with.a.long.host.name.past.the.kept.prefix sendmail[1]: y",
            "Nov 30 15:49:08 vm  sendmail[1]: two spaces",
            "Nov 30 15:49:09 vm  sendmail[1]: two spaces, clock moved",
            "Nov 30 15:49:09 <mail.info> vm sendmail[1]: FreeBSD -v",
            "Nov 30 15:49:10 <mail.info> vm sendmail[1]: FreeBSD -v, clock moved",
        ],
        [
            // Other programs' lines between a program's lines: kept apart, stamps shared.
            "Nov 30 15:49:06 vm sendmail[1]: a",
            "Nov 30 15:49:08 vm dovecot[2]: stamp of the main stream, seconds moved",
            "Nov 30 15:49:08 vm sendmail[3]: main stream again",
            "Nov 30 15:49:09 vm dovecot[4]: other prefix repeated, seconds moved",
            "Nov 30 15:50:09 vm dovecot[5]: and minutes",
            "Nov 30 15:61:09 vm dovecot[5]: minutes out of range",
            "Nov 30 15:50:61 vm kernel: seconds out of range",
            "Nov 30 15:50:10 vm kernel: a third program",
            "Nov 30 15:50:11 vm kernel: again",
            "Nov 30 15:50:12 vm kernel: again",
            "Nov 30 15:50:13 vm kernel: again, now the main stream",
            "Nov 30 15:50:14 vm sendmail[6]: the first program back",
            "Nov 30 15:50:14 vm sendmail[7]: and again",
            "Nov 30 16:50:14 vm dovecot[8]: next hour",
            "Nov 30 16:50:15 mx sendmail[9]: other host",
            "Nov 30 16:50:15 <mail.info> vm sendmail[9]: FreeBSD prefix after a shared stamp",
            "Nov 30 16:50:16 vm mail.info sendmail[9]: AIX facility after a shared stamp",
            "Nov 30 16:50:16 sendmail[9]: no host after a shared stamp",
            "Nov 30 16:50:17 vm last message repeated 3 times",
            "<22>Nov 30 16:50:17 vm sendmail[10]: priority before a shared stamp",
        ],
        [
            // The pid read of the previous line reused only when its bytes and `]: ` repeat.
            "Nov 30 15:49:06 vm sendmail[23865]: five digits",
            "Nov 30 15:49:06 vm sendmail[23865]: same pid",
            "Nov 30 15:49:07 vm sendmail[23865]: same pid, clock moved",
            "Nov 30 15:49:07 vm sendmail[23866]: last digit differs",
            "Nov 30 15:49:07 vm sendmail[2386]: a prefix of the last pid",
            "Nov 30 15:49:07 vm sendmail[2386]:x same digits, no space",
            "Nov 30 15:49:07 vm sendmail[2386]: back",
            "Nov 30 15:49:07 vm sendmail[2386]:  two spaces",
            "Nov 30 15:49:07 vm sendmail[23860]: the last pid then a digit",
            "Nov 30 15:49:07 vm sendmail[238601]: six digits",
            "Nov 30 15:49:07 vm sendmail[238601]: six digits again",
            "Nov 30 15:49:07 vm sendmail[23860]: five again",
            "Nov 30 15:49:07 vm sendmail[7]: x",
            "Nov 30 15:49:07 vm sendmail[7]: y",
            "Nov 30 15:49:07 vm sendmail: no pid after a kept one",
            "Nov 30 15:49:07 vm sendmail[7]: z",
            "Nov 30 15:49:07 vm sm-mta[7]: same pid, other tag",
            "Nov 30 15:49:07 vm sm-mta[7]: again",
            "Nov 30 15:49:07 vm sendmail[7]: first tag back",
        ],
        [
            "Nov 30 15:49:06 ",
            "Nov 30 15:49:06 vm",
            "Nov 30 15:49:06 vm sendmail[1]: after two lines without a program part",
            "Nov 30 15:49:06",
            "Nov 30 15:49:06 vm sendmail[1]: after a cut stamp",
        ],
    ]

    @Test("a line parsed after others gives what it gives alone", arguments: runs)
    func sequenceMatchesFreshParses(run: [String]) {
        var sequential = SyslogHeaderParser.utc(year: 2026)
        for line in run {
            var fresh = SyslogHeaderParser.utc(year: 2026)
            #expect(sequential.snapshot(line) == fresh.snapshot(line), "\(line)")
        }
    }

    @Test func sameSecondTwiceThenNextSecond() throws {
        var parser = SyslogHeaderParser.utc(year: 2026)
        let firstParsed = parser.snapshot("Nov 30 15:49:06 vm sendmail[1349]: a")
        let first = try #require(firstParsed)
        let secondParsed = parser.snapshot("Nov 30 15:49:06 vm sendmail[1350]: b")
        let second = try #require(secondParsed)
        let thirdParsed = parser.snapshot("Nov 30 15:49:07 vm sendmail[1350]: c")
        let third = try #require(thirdParsed)
        #expect(first.seconds == 1_796_053_746)  // 2026-11-30 15:49:06Z
        #expect(second.seconds == 1_796_053_746)
        #expect(second.pid == 1350 && second.message == "b")
        #expect(third.seconds == 1_796_053_747)
    }

    @Test func repeatedStampOfAnotherHostKeepsItsOwnHost() throws {
        var parser = SyslogHeaderParser.utc(year: 2026)
        let firstParsed = parser.snapshot("Nov 30 15:49:06 vm sendmail[1]: a")
        _ = try #require(firstParsed)
        let otherParsed = parser.snapshot("Nov 30 15:49:06 mx sm-mta[2]: b")
        let other = try #require(otherParsed)
        #expect(other.host == "mx" && other.tag == "sm-mta" && other.pid == 2)
        #expect(other.seconds == 1_796_053_746)
    }

    @Test func sameClockWithAnotherOffsetIsAnotherTime() throws {
        var parser = SyslogHeaderParser.utc(year: 2026)
        let utcParsed = parser.snapshot("2026-11-30T15:49:06Z vm sendmail[1]: a")
        let utc = try #require(utcParsed)
        let eastParsed = parser.snapshot("2026-11-30T15:49:06+01:00 vm sendmail[1]: a")
        let east = try #require(eastParsed)
        #expect(utc.seconds == 1_796_053_746)
        #expect(east.seconds == 1_796_053_746 - 3600 && east.utcOffset == 3600)
        #expect(utc.format == .rfc3339)
        let rfc5424Parsed = parser.snapshot("<22>1 2026-11-30T15:49:06Z vm sendmail 1 - - a")
        let rfc5424 = try #require(rfc5424Parsed)
        #expect(rfc5424.format == .rfc5424 && rfc5424.seconds == 1_796_053_746)
    }

    /// Lines of other programs between two lines with the same prefix may move the year state;
    /// the second line must not get the first one's year.
    @Test func repeatedPrefixAfterAYearWrapGetsTheNewYear() {
        let lines = [
            "Jun  1 10:00:00 vm sendmail[1]: a",
            // Lines whose prefix is not kept (a facility token before the tag, no tag).
            "Jan  1 10:00:00 vm mail.info kernel: within six months back: same year",
            "Dec  1 10:00:00 vm mail.info kernel: long gap forward: same year",
            "Jan  2 10:00:00 vm last message repeated 2 times",
            "Jun  1 10:00:00 vm sendmail[2]: the first line's prefix, in the new year",
            "Jun  1 10:00:01 vm sendmail[3]: and a second later",
        ]
        var parser = SyslogHeaderParser.utc(year: 2026)
        let seconds = lines.map { parser.snapshot($0)?.seconds }
        let june2026: Int64 = 1_780_308_000  // 2026-06-01 10:00:00Z
        let june2027: Int64 = 1_811_844_000  // 2027-06-01 10:00:00Z
        #expect(seconds[0] == june2026)
        #expect(seconds[4] == june2027)
        #expect(seconds[5] == june2027 + 1)
    }

    @Test func clockMovesAcrossTheNewYearAndBack() {
        let lines = [
            "Dec 31 23:59:58 vm sendmail[1]: a",
            "Dec 31 23:59:59 vm sendmail[1]: b",
            "Jan  1 00:00:00 vm sendmail[1]: wrap",
            "Dec 31 23:59:59 vm sendmail[1]: straggler",
            "Jan  1 00:00:01 vm sendmail[1]: c",
            "Jan  1 00:00:02 vm sendmail[1]: d",
        ]
        var parser = SyslogHeaderParser.utc(year: 2026)
        let seconds = lines.map { parser.snapshot($0)?.seconds }
        let newYear2027: Int64 = 1_798_761_600  // 2027-01-01 00:00:00Z
        #expect(seconds == [
            newYear2027 - 2, newYear2027 - 1, newYear2027, newYear2027 - 1, newYear2027 + 1, newYear2027 + 2,
        ])
    }

    @Test func newYearReferenceIsHonouredForARepeatedStamp() throws {
        var parser = SyslogHeaderParser.utc(year: 2026)
        let line = "Nov 30 15:49:06 vm sendmail[1]: a"
        let beforeParsed = parser.snapshot(line)
        let before = try #require(beforeParsed)
        parser.setYearReference(.fixed(2025))
        let afterParsed = parser.snapshot(line)
        let after = try #require(afterParsed)
        #expect(before.seconds == 1_796_053_746)
        #expect(after.seconds == 1_796_053_746 - 365 * 86_400)  // 2025-11-30 15:49:06Z
    }
}
