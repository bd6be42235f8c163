import Testing
@testable import SmlogParse

#if canImport(Glibc)
    import Glibc
#endif

/// Throughput of message parsing alone, on the lab log repeated in memory to ~200 MB.
/// Opt-in (it takes seconds): `SMLOG_BENCH=1 swift test -c release --filter SendmailParseSpeed`.
/// When the process runs with a malloc-counting preload that exports `smlog_malloc_calls`
/// (an `unsigned long` incremented by every malloc/calloc/realloc), the test also checks that
/// the steady state allocates nothing.
@Suite(.serialized, .enabled(if: getenv("SMLOG_BENCH") != nil && SharedSamples.readFile(SharedSamples.root + "/real-sendmail-lab/maillog") != nil))
struct SendmailParseSpeedTests {
    struct Line {
        var start: Int
        var end: Int
        var messageStart: Int
    }

    @Test func messageParsingThroughput() throws {
        let log = try #require(SharedSamples.readFile(SharedSamples.root + "/real-sendmail-lab/maillog"))
        let copies = max(1, 200_000_000 / log.count)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(log.count * copies)
        for _ in 0..<copies { buffer.append(contentsOf: log) }

        // Line boundaries and message starts are found before timing.
        var lines: [Line] = []
        lines.reserveCapacity(buffer.count / 100)
        buffer.withUnsafeBytes { all in
            var start = 0
            while start < all.count {
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                var message = start
                var i = start
                while i + 2 < end {
                    if all[i] == UInt8(ascii: "]") && all[i + 1] == UInt8(ascii: ":") && all[i + 2] == 0x20 {
                        message = i + 3
                        break
                    }
                    i += 1
                }
                lines.append(Line(start: start, end: end, messageStart: message))
                start = end + 1
            }
        }

        let parser = SendmailMessageParser()
        var understood = 0
        var checksum = 0
        let counter = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "smlog_malloc_calls")?
            .assumingMemoryBound(to: UInt.self)
        var mallocsBefore: UInt = 0
        var mallocs: UInt = 0
        var best = Double.infinity
        buffer.withUnsafeBytes { all in
            // Warm up (lazy tables) before counting and timing.
            for line in lines.prefix(20_000) {
                let bytes = LineBytes(UnsafeRawBufferPointer(rebasing: all[line.start..<line.end]))
                let header = SyslogHeader(
                    time: .zero, format: .rfc3164, host: .empty, tag: .empty, pid: 1,
                    message: ByteRange(line.messageStart - line.start, line.end - line.start))
                if parser.parse(bytes, header: header, { _ in }) == .understood { checksum &+= 1 }
            }
            mallocsBefore = counter?.pointee ?? 0
            for _ in 0..<3 {
                understood = 0
                // Thread CPU time: the figure does not depend on other processes' load.
                var start = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
                for line in lines {
                    let bytes = LineBytes(UnsafeRawBufferPointer(rebasing: all[line.start..<line.end]))
                    let header = SyslogHeader(
                        time: .zero, format: .rfc3164, host: .empty, tag: .empty, pid: 1,
                        message: ByteRange(line.messageStart - line.start, line.end - line.start))
                    let verdict = parser.parse(bytes, header: header) { parsed in
                        checksum &+= Int(parsed.kind.rawValue) &+ Int(parsed[.stat].upper)
                    }
                    if verdict == .understood { understood += 1 }
                }
                var stop = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &stop)
                best = min(best, Double(stop.tv_sec - start.tv_sec) + Double(stop.tv_nsec - start.tv_nsec) / 1e9)
            }
            mallocs = (counter?.pointee ?? 0) &- mallocsBefore
        }
        let seconds = best
        let megabytes = Double(buffer.count) / 1e6
        print(
            "message parsing (best of 3, thread CPU time): \(lines.count) lines, \(Int(megabytes)) MB in \(seconds) s = \(Int(megabytes / seconds)) MB/s, "
                + "\(Self.tenths(Double(lines.count) / seconds / 1e6)) M lines/s, \(Int(seconds / Double(lines.count) * 1e9)) ns/line, checksum \(checksum)")
        #expect(understood == lines.count)
        if counter != nil {
            print("mallocs during 3 x \(lines.count) parses: \(mallocs)")
            #expect(mallocs == 0)
        }
    }

    static func tenths(_ x: Double) -> String {
        let t = Int((x * 10).rounded())
        return "\(t / 10).\(t % 10)"
    }

    /// The message start of a plain `… tag[pid]: message` line: a stand-in for the syslog header
    /// parser while it is not part of this module's build.
    static func quickHeader(_ line: LineBytes) -> SyslogHeader? {
        var i = 0
        while i + 2 < line.count {
            if line[i] == UInt8(ascii: "]") && line[i + 1] == UInt8(ascii: ":") && line[i + 2] == 0x20 {
                return SyslogHeader(
                    time: .zero, format: .rfc3164, host: ByteRange(16, 18), tag: ByteRange(19, 27), pid: 1,
                    message: ByteRange(i + 3, line.count))
            }
            i += 1
        }
        return nil
    }

    /// The facade (tag rules, callback) over the lab lines, plus split lines being joined: after
    /// warming up, neither allocates.
    @Test func facadeThroughputAndJoinerSteadyState() throws {
        let log = try #require(SharedSamples.readFile(SharedSamples.root + "/real-sendmail-lab/maillog"))
        var parser = LogLineParser()
        parser.headerOverride = { Self.quickHeader($0) }
        let parts = [
            "Nov 30 15:49:10 vm sendmail[1409]: 6AUFn9IP001409[1]: from=<monitoring@corp.example>, size=1547, class=0, ...",
            "Nov 30 15:49:10 vm sendmail[1409]: 6AUFn9IP001409[2]:  nrcpts=3, msgid=<20261130154909.547546.d55xbdh9@appsrv01.corp.example>, ...",
            "Nov 30 15:49:10 vm sendmail[1409]: 6AUFn9IP001409[3]:  proto=ESMTP, daemon=MTA-v4, relay=localhost [127.0.0.1]",
        ].map { Array($0.utf8) }
        let counter = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "smlog_malloc_calls")?
            .assumingMemoryBound(to: UInt.self)
        var handled = 0
        var sendmailLines = 0
        func run(_ rounds: Int) {
            log.withUnsafeBytes { all in
                for _ in 0..<rounds {
                    var start = 0
                    while start < all.count {
                        var end = start
                        while end < all.count && all[end] != 0x0A { end += 1 }
                        if parser.parse(UnsafeRawBufferPointer(rebasing: all[start..<end]), { _ in handled += 1 }) == .sendmail {
                            sendmailLines += 1
                        }
                        start = end + 1
                    }
                    for part in parts {
                        if part.withUnsafeBytes({ parser.parse($0, { _ in handled += 1 }) }) == .sendmail {
                            sendmailLines += 1
                        }
                    }
                }
            }
        }
        run(2)
        let before = counter?.pointee ?? 0
        handled = 0
        sendmailLines = 0
        var start = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        let rounds = 40
        run(rounds)
        var stop = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &stop)
        let mallocs = (counter?.pointee ?? 0) &- before
        let seconds = Double(stop.tv_sec - start.tv_sec) + Double(stop.tv_nsec - start.tv_nsec) / 1e9
        let megabytes = Double(log.count * rounds) / 1e6
        print("facade incl. line split and header stand-in: \(Int(megabytes / seconds)) MB/s over \(rounds) copies of the lab log")
        let lineCount = log.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        #expect(sendmailLines == rounds * (lineCount + 3))
        // Every lab line once, plus one joined line per round.
        #expect(handled == rounds * (lineCount + 1))
        if counter != nil {
            print("mallocs in the facade steady state: \(mallocs)")
            #expect(mallocs == 0)
        }
    }
}
