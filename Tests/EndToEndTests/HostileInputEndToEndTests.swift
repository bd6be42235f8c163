import Foundation
import Glibc
import Testing

/// Bad input fed to the real binary: each case gives one stderr line naming the file (and the
/// line or byte where it applies) when input is lost, the documented exit status, and every
/// other line still read and reported.
@Suite("hostile input end to end")
struct HostileInputEndToEndTests {
    static let fixed = ["--year", "2026", "--tz", "UTC", "--stats"]

    /// A directory with a good log of `count` complete messages.
    private func goodLog(_ directory: String, count: Int = 20, name: String = "good.log", firstID: Int = 1) throws -> String {
        try HostileFiles.write(HostileLog.bytes(HostileLog.messages(count, firstID: firstID)), to: directory + "/" + name)
    }

    private func checkAccounting(_ run: SmlogProcess, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let a = run.accounting else {
            Issue.record("no --stats line in: \(run.stderr)", sourceLocation: sourceLocation)
            return
        }
        #expect(a.lines == a.understood + a.foreign + a.unrecognized, sourceLocation: sourceLocation)
    }

    @Test("a missing file: one line naming it, status 1, the other file fully reported")
    func missingFile() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try goodLog(dir)
        let run = try SmlogProcess(["records", good, dir + "/missing.log"] + Self.fixed)
        #expect(run.status == 1)
        #expect(run.problems == ["smlog: \(dir)/missing.log: no such file or directory"])
        #expect(run.records().count == 20)
        checkAccounting(run)
    }

    @Test("nothing readable: status 2")
    func nothingReadable() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try SmlogProcess(["records", dir + "/missing.log"] + Self.fixed)
        #expect(run.status == 2)
        #expect(run.problems.count == 1)
        #expect(run.stdout.isEmpty)
    }

    @Test("an unreadable file: permission denied, status 1, the rest read")
    func unreadableFile() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try goodLog(dir)
        let locked = try goodLog(dir, name: "locked.log")
        chmod(good, 0o644)
        chmod(locked, 0o000)
        // root reads any file: run smlog as nobody then.
        let user: UInt32? = geteuid() == 0 ? 65534 : nil
        let run = try SmlogProcess(["records", good, locked] + Self.fixed, asUser: user)
        #expect(run.status == 1)
        #expect(run.problems == ["smlog: \(locked): permission denied"])
        #expect(run.records().count == 20)
    }

    @Test("a directory with no logs in it: named, status 2 when it is all there is")
    func directoryWithoutLogs() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try HostileFiles.write(Array("notes\n".utf8), to: dir + "/README.txt")
        let run = try SmlogProcess(["records", dir] + Self.fixed)
        #expect(run.status == 2)
        #expect(run.problems.count == 1)
        #expect(run.problems.first?.hasPrefix("smlog: \(dir): is a directory with no log files") == true)
    }

    @Test("an empty file is read without complaint: status 0, no records")
    func emptyFile() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let empty = try HostileFiles.write([], to: dir + "/maillog")
        let run = try SmlogProcess(["records", empty] + Self.fixed)
        #expect(run.status == 0)
        #expect(run.problems.isEmpty)
        #expect(run.stdout.isEmpty)
        #expect(run.accounting?.lines == 0)
    }

    @Test("a gzip cut short: its lines before the cut and the other files are reported, status 1")
    func truncatedGzip() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try goodLog(dir, count: 20)
        // Messages of the cut file: ids from 1001, so their records can be told apart.
        let whole = try HostileFiles.gzip(HostileLog.bytes(HostileLog.messages(3_000, firstID: 1_001)))
        let cut = try HostileFiles.write(Array(whole.prefix(whole.count / 2)), to: dir + "/maillog.1.gz")
        let run = try SmlogProcess(["records", good, cut] + Self.fixed)
        #expect(run.status == 1)
        #expect(run.problems.count == 1)
        let problem = try #require(run.problems.first)
        #expect(problem.hasPrefix("smlog: \(cut): gzip data truncated"))
        #expect(problem.contains("compressed byte "))
        let records = run.records()
        let fromCut = records.filter { ($0["qids"] as? [String])?.first.map { $0 >= HostileLog.qid(1_001) } == true }
        #expect(records.count - fromCut.count == 20)
        #expect(fromCut.count > 100 && fromCut.count < 3_000)
        // The error says how many lines came before the cut; they are all in the accounting.
        let linesBefore = problem.split(separator: " ").compactMap { Int($0) }.last ?? -1
        #expect(run.accounting?.lines == 40 + linesBefore)
        checkAccounting(run)
    }

    @Test("a gzip with a bad CRC: every line is read, then the damage is reported, status 1")
    func gzipBadCRC() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var gz = try HostileFiles.gzip(HostileLog.bytes(HostileLog.messages(50)))
        // The CRC-32 is the trailer's first four bytes.
        gz[gz.count - 8] ^= 0xFF
        let path = try HostileFiles.write(gz, to: dir + "/maillog.2.gz")
        let run = try SmlogProcess(["records", path] + Self.fixed)
        #expect(run.status == 1)
        #expect(run.problems.count == 1)
        #expect(run.problems.first?.hasPrefix("smlog: \(path): gzip data corrupt at compressed byte ") == true)
        #expect(run.records().count == 50)
    }

    @Test("binary junk, plain or gzipped, is named as not a log; the good file is still reported")
    func binaryJunk() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try goodLog(dir)
        var generator = SystemRandomNumberGenerator()
        let junk = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let plain = try HostileFiles.write(junk, to: dir + "/core.log")
        let zipped = try HostileFiles.write(try HostileFiles.gzip(junk), to: dir + "/binary.gz")
        let run = try SmlogProcess(["records", good, plain, zipped] + Self.fixed)
        #expect(run.status == 1)
        #expect(run.problems.count == 2)
        #expect(run.problems.contains { $0.hasPrefix("smlog: \(plain): not a log: none of its ") })
        #expect(run.problems.contains { $0.hasPrefix("smlog: \(zipped): not a log: none of its ") })
        #expect(run.records().count == 20)
        checkAccounting(run)

        let alone = try SmlogProcess(["records", plain] + Self.fixed)
        #expect(alone.status == 2)
    }

    @Test("a 64 MiB line is skipped with its line number, memory stays near the line cap")
    func hugeLine() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Written a mebibyte at a time, so this test process itself stays small (other tests
        // measure memory in it).
        let path = dir + "/maillog"
        try HostileFiles.write(HostileLog.bytes(HostileLog.messages(10)), to: path)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        file.seekToEndOfFile()
        file.write(Data("Nov 30 10:00:30 vm sm-mta[1]: 6AUFoA99999999: to=<".utf8))
        let mebibyte = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<64 { file.write(mebibyte) }
        file.write(Data(">\n".utf8))
        file.write(Data(HostileLog.bytes(HostileLog.messages(10, start: 40, firstID: 11))))
        try file.close()
        let run = try SmlogProcess(["records", path] + Self.fixed, measuringMemory: true)
        #expect(run.status == 1)
        #expect(run.problems == ["smlog: \(path): line 21: longer than 1048576 bytes (--max-line-length), skipped"])
        #expect(run.records().count == 20)
        #expect(run.accounting.map { $0.lines == 41 && $0.unrecognized == 1 } == true)
        // The line cap is 1 MiB: a reader holding the line would need 64 MiB and more.
        if SmlogProcess.canMeasureMemory {
            let rss = try #require(run.maxRSSKiB)
            #expect(rss < 48 * 1024, "peak RSS \(rss) KiB")
        }
    }

    @Test("a hole of NUL bytes left by a crash: named, and the line after it still counts")
    func nulHole() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = HostileLog.messages(4)
        // The hole replaces the newline after line 3: the fourth line follows the NULs.
        var bytes = HostileLog.bytes(Array(lines[0..<3]))
        bytes += [UInt8](repeating: 0, count: 4_096)
        bytes += HostileLog.bytes(Array(lines[3...]))
        let path = try HostileFiles.write(bytes, to: dir + "/maillog")
        let run = try SmlogProcess(["records", path] + Self.fixed)
        #expect(run.status == 1)
        #expect(run.problems == ["smlog: \(path): line 4: 4096 NUL bytes skipped at the start of the line (a hole left by a crash or a full disk?)"])
        #expect(run.records().count == 4)
        #expect(run.accounting.map { $0.understood == 8 } == true)
    }

    @Test("NUL bytes and invalid UTF-8 inside addresses: records are valid JSON, no complaint")
    func nulAndInvalidUTF8InFields() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let q = HostileLog.qid(7)
        var bytes = Array(HostileLog.from(q, at: HostileLog.time(0), sender: "<m\u{0}llory@example.com>").utf8) + [0x0A]
        bytes += Array(HostileLog.sent(q, at: HostileLog.time(1), to: "<XX@example.org>").utf8) + [0x0A]
        // Replace XX by bytes that are not UTF-8.
        if let at = bytes.firstRange(of: Array("XX".utf8)) { bytes.replaceSubrange(at, with: [0xFF, 0xC3, 0x28]) }
        let path = try HostileFiles.write(bytes, to: dir + "/maillog")
        let run = try SmlogProcess(["records", path] + Self.fixed)
        #expect(run.status == 0)
        #expect(run.problems.isEmpty)
        #expect(String(validating: run.stdout, as: UTF8.self) != nil)
        let record = try #require(run.records().first)
        #expect(record["sender"] as? String == "m\u{0}llory@example.com")
        #expect(record["recipient"] as? String == "\u{FFFD}\u{FFFD}(@example.org")
    }

    @Test("CRLF line ends give the same records as LF")
    func crlf() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = HostileLog.messages(30)
        let lf = try HostileFiles.write(HostileLog.bytes(lines), to: dir + "/lf.log")
        let crlf = try HostileFiles.write(HostileLog.bytes(lines, lineEnd: "\r\n"), to: dir + "/crlf.log")
        let a = try SmlogProcess(["records", lf] + Self.fixed)
        let b = try SmlogProcess(["records", crlf] + Self.fixed)
        #expect(b.status == 0)
        #expect(b.problems.isEmpty)
        #expect(a.records().count == 30)
        #expect(a.stdout == b.stdout)
    }

    @Test("lines out of time order still make the same messages")
    func outOfOrder() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = HostileLog.messages(30)
        // Swap each message's two lines (the delivery before its from=), and put the first
        // message last, after lines a minute newer.
        var shuffled: [String] = []
        for i in stride(from: 2, to: lines.count, by: 2) { shuffled += [lines[i + 1], lines[i]] }
        shuffled += [lines[1], lines[0]]
        let ordered = try HostileFiles.write(HostileLog.bytes(lines), to: dir + "/a.log")
        let mixed = try HostileFiles.write(HostileLog.bytes(shuffled), to: dir + "/b.log")
        let a = try SmlogProcess(["records", ordered] + Self.fixed)
        let b = try SmlogProcess(["records", mixed] + Self.fixed)
        #expect(b.status == 0)
        let key = { (r: [String: Any]) in "\(r["qids"] ?? "") \(r["sender"] ?? "") \(r["status"] ?? "") \(r["attempts"] ?? "")" }
        #expect(Set(a.records().map(key)) == Set(b.records().map(key)))
        #expect(b.records().allSatisfy { $0["sender"] as? String == "alice@example.com" })
    }

    @Test("the year rolls over inside one file: December then January")
    func yearRollover() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let q = HostileLog.qid(1)
        let lines = [
            HostileLog.from(q, at: "Dec 31 23:59:58"),
            HostileLog.deferred(q, at: "Dec 31 23:59:59"),
            HostileLog.sent(q, at: "Jan  1 00:29:59", pri: 210312),
        ]
        let path = try HostileFiles.write(HostileLog.bytes(lines), to: dir + "/maillog")
        let run = try SmlogProcess(["records", path, "--year", "2025", "--tz", "UTC"])
        #expect(run.status == 0)
        let record = try #require(run.records().first)
        #expect(record["received"] as? String == "2025-12-31T23:59:58Z")
        #expect(record["completed"] as? String == "2026-01-01T00:29:59Z")
        #expect(record["status"] as? String == "delivered")
    }

    @Test("every line twice (a relay forwarding twice): attempts and deferrals are not doubled")
    func duplicatedForwarding() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lines: [String] = []
        for i in 1...10 {
            let q = HostileLog.qid(i)
            lines += [
                HostileLog.from(q, at: HostileLog.time(i)),
                HostileLog.deferred(q, at: HostileLog.time(i)),
                HostileLog.sent(q, at: HostileLog.time(i + 600), pri: 210312),
            ]
        }
        let once = try HostileFiles.write(HostileLog.bytes(lines), to: dir + "/once.log")
        let twice = try HostileFiles.write(HostileLog.bytes(lines.flatMap { [$0, $0] }), to: dir + "/twice.log")
        let a = try SmlogProcess(["records", once] + Self.fixed)
        let b = try SmlogProcess(["records", twice] + Self.fixed)
        #expect(b.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(b.records().allSatisfy { $0["attempts"] as? Int == 2 && $0["deferrals"] as? Int == 1 })
        #expect(b.accounting.map { $0.lines == 60 && $0.understood == 60 } == true)
        #expect(b.stderr.contains("; 30 exact duplicate lines not applied twice"))

        let kept = try SmlogProcess(["records", twice, "--keep-duplicates"] + Self.fixed)
        #expect(kept.records().allSatisfy { $0["deferrals"] as? Int == 2 })
    }

    @Test("a queue id reused days later is a second message")
    func queueIDReused() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let q = HostileLog.qid(5)
        let lines = [
            HostileLog.from(q, at: "Nov 20 10:00:00", sender: "<first@example.com>"),
            HostileLog.sent(q, at: "Nov 20 10:00:01"),
            HostileLog.from(q, at: "Nov 27 10:00:00", sender: "<second@example.com>"),
            HostileLog.sent(q, at: "Nov 27 10:00:01"),
        ]
        let path = try HostileFiles.write(HostileLog.bytes(lines), to: dir + "/maillog")
        let run = try SmlogProcess(["records", path] + Self.fixed)
        let records = run.records()
        #expect(records.compactMap { $0["sender"] as? String } == ["first@example.com", "second@example.com"])
        #expect(records.allSatisfy { $0["status"] as? String == "delivered" })
    }

    @Test("messages already written leave memory: peak RSS does not grow with the number of messages")
    func emittedMessagesLeaveMemory() throws {
        // Regression: an envelope and its chain pointed at each other (never freed), and the
        // idle queue kept every chain for the whole horizon (5 days), so memory grew with
        // every message of the log. Measured on the real binary, alone in its process.
        try #require(SmlogProcess.canMeasureMemory, "needs /usr/bin/time (Debian package time)")
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let small = try HostileFiles.write(HostileLog.bytes(HostileLog.messages(2_000)), to: dir + "/small.log")
        let large = try HostileFiles.write(HostileLog.bytes(HostileLog.messages(40_000)), to: dir + "/large.log")
        let a = try SmlogProcess(["records", small] + Self.fixed, measuringMemory: true)
        let b = try SmlogProcess(["records", large] + Self.fixed, measuringMemory: true)
        #expect(b.records().count == 40_000)
        let rssSmall = try #require(a.maxRSSKiB)
        let rssLarge = try #require(b.maxRSSKiB)
        // 38,000 more messages kept at about 1 KB each would be 38 MB more (40,000 seconds: the generator's clock stays inside its 12 hours).
        #expect(rssLarge - rssSmall < 8 * 1024, "peak RSS \(rssSmall) KiB → \(rssLarge) KiB")
    }

    @Test("from= lines that never get a to=: flushed as incomplete past the horizon")
    func fromWithoutTo() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let count = 20_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 220)
        for i in 0..<count {
            bytes += Array(HostileLog.from(HostileLog.qid(i), at: HostileLog.time(i * 2)).utf8)
            bytes.append(0x0A)
        }
        let path = try HostileFiles.write(bytes, to: dir + "/maillog")
        let run = try SmlogProcess(["records", path, "--horizon", "10m"] + Self.fixed)
        #expect(run.status == 0)
        // No recipient was ever named: one record per announced recipient (nrcpts=1), address
        // unknown, flushed as incomplete once idle past the horizon (the last ones, younger than
        // the horizon at the end of input, are pending); every line understood; the correlator
        // test checks the memory bound itself.
        let records = run.records()
        #expect(records.count == count)
        #expect(records.allSatisfy { $0["recipient"] as? String == "" && $0["attempts"] as? Int == 0 })
        #expect(records.filter { $0["status"] as? String == "incomplete" }.count >= count - 301)
        #expect(records.allSatisfy { ["incomplete", "pending"].contains($0["status"] as? String ?? "") })
        #expect(run.accounting.map { $0.understood == count } == true)
    }

    @Test("a closed output pipe ends smlog quietly with status 0")
    func brokenPipe() throws {
        let run = try SmlogProcess(["records", Paths.samples] + Self.fixed.dropLast(), closeStdoutEarly: true)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
    }

    @Test("usage errors exit 2; --help documents the exit statuses")
    func usageAndHelp() throws {
        let bad = try SmlogProcess(["records", "--format", "xml", Paths.samples])
        #expect(bad.status == 2)
        #expect(!bad.stderr.isEmpty)
        // Parsed fields are 32-bit offsets: a cap past 1 GiB would let a line outgrow them.
        let tooLong = try SmlogProcess(["records", "--max-line-length", "4294967296", Paths.samples])
        #expect(tooLong.status == 2)
        #expect(tooLong.stdout.isEmpty)
        let help = try SmlogProcess(["--help"])
        #expect(help.status == 0)
        let text = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Exit status: 0 all input was read; 1 output was produced but some input could not be read"))
        #expect(text.contains("2 usage error, or nothing could be read"))
    }

    @Test("a file name with terminal escapes is printed with them made visible")
    func escapeInFileName() throws {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try SmlogProcess(["records", dir + "/\u{1B}]0;pwned\u{07}\u{1B}[2J.log"] + Self.fixed)
        #expect(run.status == 2)
        #expect(run.problems == ["smlog: \(dir)/\\x1b]0;pwned\\x07\\x1b[2J.log: no such file or directory"])
    }
}
