import Testing
@testable import SmlogInput

/// Numbered, distinct lines so a lost, repeated or reordered line shows.
func numberedLines(_ count: Int, tag: String = "line") -> [[UInt8]] {
    (0..<count).map { bytes("Nov 30 15:49:06 vm sendmail[1234]: \(tag) \($0) stat=Sent") }
}

func joined(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }

/// Every gzip behaviour must hold whether inflation runs inline or on the helper thread.
let helperThreadChoices = [false, true]

@Suite("Gzip input")
struct GzipInputTests {
    @Test(
        "all lines of two concatenated members come out",
        arguments: [1, 100, LineReader.compressedBufferSize], helperThreadChoices)
    func concatenatedMembers(compressedBufferSize: Int, helperThread: Bool) throws {
        let first = numberedLines(2000, tag: "first")
        let second = numberedLines(1500, tag: "second")
        let file = gzipped(joined(first)) + gzipped(joined(second))
        try TemporaryDirectory.with { directory in
            let path = try directory.write(file, to: "maillog.1.gz")
            let read = collectLines(
                inputFile(path), bufferSize: 4096, compressedBufferSize: compressedBufferSize,
                inflateOnHelperThread: helperThread)
            #expect(read.error == nil)
            #expect(firstDifference(read.lines, first + second) == nil)
            #expect(read.stats.compressedBytes == file.count)
        }
    }

    @Test("a member holding nothing is fine between others")
    func emptyMember() throws {
        let file = gzipped(bytes("a\n")) + gzipped([]) + gzipped(bytes("b"))
        try TemporaryDirectory.with { directory in
            let read = collectLines(inputFile(try directory.write(file, to: "x.gz")))
            #expect(read.error == nil)
            #expect(read.lines == [bytes("a"), bytes("b")])
        }
    }

    @Test("gzip is recognised by its magic bytes, whatever the name")
    func gzipWithMisleadingName() throws {
        let lines = numberedLines(10)
        try TemporaryDirectory.with { directory in
            let path = try directory.write(gzipped(joined(lines)), to: "maillog.txt")
            let read = collectLines(inputFile(path))
            #expect(read.compression == .gzip)
            #expect(firstDifference(read.lines, lines) == nil)
        }
    }

    @Test("a plain file named .gz is read as plain text")
    func plainFileNamedGz() throws {
        let lines = numberedLines(10)
        try TemporaryDirectory.with { directory in
            let path = try directory.write(joined(lines), to: "maillog.2.gz")
            let read = collectLines(inputFile(path))
            #expect(read.error == nil)
            #expect(read.compression == Compression.none)
            #expect(firstDifference(read.lines, lines) == nil)
        }
    }

    @Test("random binary data survives the round trip byte for byte", arguments: helperThreadChoices)
    func randomBinary(helperThread: Bool) throws {
        let data = randomBytes(count: 300_000, seed: 42)
        let expected = referenceLines(data, maxLineLength: .max / 8)
        try TemporaryDirectory.with { directory in
            let read = collectLines(inputFile(try directory.write(gzipped(data), to: "random.bin.gz")), bufferSize: 1000,
                inflateOnHelperThread: helperThread)
            #expect(read.error == nil)
            #expect(firstDifference(read.lines, expected.lines) == nil)
            #expect(read.stats.bytes == data.count)
        }
    }

    @Test(
        "a truncated file delivers the lines before the cut, then names the file",
        arguments: [2, 3, 5, 10], helperThreadChoices)
    func truncated(fraction: Int, helperThread: Bool) throws {
        let lines = numberedLines(20_000)
        let whole = gzipped(joined(lines))
        let cut = Array(whole.prefix(whole.count / fraction))
        try TemporaryDirectory.with { directory in
            let path = try directory.write(cut, to: "maillog.2.gz")
            let read = collectLines(
                inputFile(path), bufferSize: 8192, compressedBufferSize: 4096, inflateOnHelperThread: helperThread)
            #expect(read.error == .gzipTruncated(path: path, offset: cut.count))
            #expect(read.error?.description.contains(path) == true)
            #expect(!read.lines.isEmpty)
            #expect(read.lines.count < lines.count)
            #expect(firstDifference(read.lines, Array(lines.prefix(read.lines.count))) == nil)
            #expect(read.stats.lines == read.lines.count)
        }
    }

    @Test("a file cut inside its second member keeps all of the first")
    func truncatedInSecondMember() throws {
        let first = numberedLines(100)
        let second = gzipped(joined(numberedLines(100, tag: "second")))
        let file = gzipped(joined(first)) + second.prefix(5)
        try TemporaryDirectory.with { directory in
            let path = try directory.write(file, to: "two.gz")
            let read = collectLines(inputFile(path))
            #expect(firstDifference(read.lines, first) == nil)
            #expect(read.error == .gzipTruncated(path: path, offset: file.count))
        }
    }

    @Test("a file of just the magic bytes is truncated")
    func onlyMagic() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write([0x1F, 0x8B], to: "stub.gz")
            let read = collectLines(inputFile(path))
            #expect(read.lines.isEmpty)
            #expect(read.error == .gzipTruncated(path: path, offset: 2))
        }
    }

    /// A damage to do to a gzip file and the zlib message it should produce.
    struct Damage: CustomTestStringConvertible, Sendable {
        let name: String
        let level: Int32
        let apply: @Sendable (inout [UInt8]) -> Void
        let reason: String
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "bad CRC", level: 6, apply: { $0[$0.count - 8] ^= 0xFF }, reason: "incorrect data check"),
        Damage(name: "bad length", level: 6, apply: { $0[$0.count - 3] ^= 0x01 }, reason: "incorrect length check"),
        // With level 0 the first block is stored: 10-byte header, 1 block-type byte, LEN, NLEN.
        Damage(name: "invalid stored block", level: 0, apply: { $0[13] ^= 0x01 }, reason: "invalid stored block lengths"),
        Damage(name: "unknown method", level: 6, apply: { $0[2] = 7 }, reason: "unknown compression method"),
    ]

    @Test("corrupt data is a typed error naming the file", arguments: damages, helperThreadChoices)
    func corrupt(_ damage: Damage, helperThread: Bool) throws {
        var file = gzipped(joined(numberedLines(50)), level: damage.level)
        damage.apply(&file)
        try TemporaryDirectory.with { directory in
            let path = try directory.write(file, to: "maillog.3.gz")
            let read = collectLines(inputFile(path), inflateOnHelperThread: helperThread)
            guard case .gzipCorrupt(let errorPath, let offset, let reason) = read.error else {
                Issue.record("expected gzipCorrupt, got \(String(describing: read.error))")
                return
            }
            #expect(errorPath == path)
            #expect(reason == damage.reason)
            #expect(offset >= 0 && offset <= file.count)
            #expect(read.error?.description.contains(path) == true)
            #expect(read.error?.description.contains("byte \(offset)") == true)
        }
    }

    @Test("a bad CRC is only seen at the end, after every line was delivered", arguments: helperThreadChoices)
    func badCrcDeliversLinesFirst(helperThread: Bool) throws {
        let lines = numberedLines(300)
        var file = gzipped(joined(lines))
        file[file.count - 6] ^= 0x10
        try TemporaryDirectory.with { directory in
            let read = collectLines(
                inputFile(try directory.write(file, to: "crc.gz")), inflateOnHelperThread: helperThread)
            #expect(firstDifference(read.lines, lines) == nil)
            #expect(read.error != nil)
        }
    }

    @Test("bytes after the last member that are not gzip are reported after the lines", arguments: helperThreadChoices)
    func trailingGarbage(helperThread: Bool) throws {
        let lines = numberedLines(10)
        let member = gzipped(joined(lines))
        try TemporaryDirectory.with { directory in
            let path = try directory.write(member + bytes("garbage"), to: "tail.gz")
            let read = collectLines(inputFile(path), inflateOnHelperThread: helperThread)
            #expect(firstDifference(read.lines, lines) == nil)
            guard case .gzipCorrupt(let errorPath, let offset, _) = read.error else {
                Issue.record("expected gzipCorrupt, got \(String(describing: read.error))")
                return
            }
            #expect(errorPath == path)
            #expect(offset >= member.count)
        }
    }

    @Test("dropping a reader mid-file stops the helper thread", arguments: [1, 3, 50])
    func stopEarlyWithHelperThread(linesWanted: Int) throws {
        let lines = numberedLines(100_000)
        try TemporaryDirectory.with { directory in
            let path = try directory.write(gzipped(joined(lines)), to: "big.gz")
            for _ in 0..<20 {
                var reader = try LineReader(
                    inputFile(path), maxLineLength: 1 << 20, bufferSize: 4096, compressedBufferSize: 4096,
                    inflateOnHelperThread: true, standardInput: -1)
                var seen: [[UInt8]] = []
                try reader.readLines { line in
                    seen.append(Array(line))
                    return seen.count < linesWanted
                }
                #expect(seen == Array(lines.prefix(linesWanted)))
            }
        }
    }

    @Test("the helper thread gives the same lines and counts as inline inflation")
    func helperThreadMatchesInline() throws {
        let lines = numberedLines(50_000) + [[UInt8](repeating: 0x7A, count: 3000)] + numberedLines(10, tag: "end")
        let file = gzipped(joined(lines)) + gzipped(bytes("last without newline"))
        try TemporaryDirectory.with { directory in
            let path = try directory.write(file, to: "maillog.1.gz")
            let inline = collectLines(inputFile(path), maxLineLength: 2000, bufferSize: 8192)
            let ahead = collectLines(inputFile(path), maxLineLength: 2000, bufferSize: 8192, inflateOnHelperThread: true)
            #expect(inline.error == nil && ahead.error == nil)
            #expect(firstDifference(ahead.lines, inline.lines) == nil)
            #expect(ahead.stats == inline.stats)
            #expect(ahead.stats.oversizeLines == 1)
            #expect(ahead.stats.compressedBytes == file.count)
        }
    }
}
