import Testing
@testable import SmlogInput
import TestSupport

/// One framing scenario: the input bytes and the lines that must come out.
struct FramingCase: CustomTestStringConvertible, Sendable {
    let name: String
    let input: [UInt8]
    let expected: [[UInt8]]
    var maxLineLength = LineReader.defaultMaxLineLength
    var expectedOversize = 0

    var testDescription: String { name }
}

/// Read sizes from one byte (every read ends mid-line) to the default.
let bufferSizes = [1, 2, 3, 7, 64, LineReader.defaultBufferSize]

let framingCases: [FramingCase] = [
    FramingCase(name: "last line without newline", input: bytes("first\nsecond"), expected: [bytes("first"), bytes("second")]),
    FramingCase(name: "CRLF line ends", input: bytes("one\r\ntwo\r\n"), expected: [bytes("one"), bytes("two")]),
    FramingCase(name: "CR inside a line is kept", input: bytes("a\rb\n"), expected: [bytes("a\rb")]),
    FramingCase(name: "only the last of two CRs is dropped", input: bytes("a\r\r\n"), expected: [bytes("a\r")]),
    FramingCase(name: "final CR without LF is dropped", input: bytes("a\nb\r"), expected: [bytes("a"), bytes("b")]),
    FramingCase(name: "empty file", input: [], expected: []),
    FramingCase(name: "single newline is one empty line", input: bytes("\n"), expected: [[]]),
    FramingCase(
        name: "empty lines are delivered", input: bytes("\n\r\n\nx\n\n"),
        expected: [[], [], [], bytes("x"), []]),
    FramingCase(
        name: "NUL bytes and invalid UTF-8 pass through",
        input: [0x00, 0xFF, 0xFE, 0x0A, 0xC3, 0x28, 0x00, 0x80, 0x0A, 0xED, 0xA0, 0x80],
        expected: [[0x00, 0xFF, 0xFE], [0xC3, 0x28, 0x00, 0x80], [0xED, 0xA0, 0x80]]),
    FramingCase(
        name: "line of exactly the cap is delivered", input: bytes("0123456789\nz\n"),
        expected: [bytes("0123456789"), bytes("z")], maxLineLength: 10),
    FramingCase(
        name: "CRLF line of exactly the cap is delivered", input: bytes("0123456789\r\nz\n"),
        expected: [bytes("0123456789"), bytes("z")], maxLineLength: 10),
    FramingCase(
        name: "one byte over the cap is skipped", input: bytes("0123456789A\nz\n"),
        expected: [bytes("z")], maxLineLength: 10, expectedOversize: 1),
    FramingCase(
        name: "lines after an oversize line are intact",
        input: bytes("ok\n" + String(repeating: "x", count: 500) + "\nafter\n\nlast"),
        expected: [bytes("ok"), bytes("after"), [], bytes("last")], maxLineLength: 10, expectedOversize: 1),
    FramingCase(
        name: "oversize line at the end without newline",
        input: bytes("ok\n" + String(repeating: "y", count: 300)),
        expected: [bytes("ok")], maxLineLength: 10, expectedOversize: 1),
    FramingCase(
        name: "consecutive oversize lines are each counted",
        input: bytes(String(repeating: "a", count: 40) + "\n" + String(repeating: "b", count: 40) + "\r\nc\n"),
        expected: [bytes("c")], maxLineLength: 10, expectedOversize: 2),
    FramingCase(
        name: "cap of zero keeps only empty lines", input: bytes("\nx\n\r\n"),
        expected: [[], []], maxLineLength: 0, expectedOversize: 1),
]

@Suite("Line framing")
struct LineFramingTests {
    @Test("plain file yields the expected lines", arguments: framingCases, bufferSizes)
    func plainFile(_ scenario: FramingCase, bufferSize: Int) throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(scenario.input, to: "input.log")
            let read = collectLines(inputFile(path), maxLineLength: scenario.maxLineLength, bufferSize: bufferSize)
            #expect(read.error == nil)
            #expect(read.lines == scenario.expected)
            #expect(read.stats.lines == scenario.expected.count)
            #expect(read.stats.oversizeLines == scenario.expectedOversize)
            #expect(read.stats.bytes == scenario.input.count)
            #expect(read.stats.compressedBytes == scenario.input.count)
        }
    }

    @Test("gzip file yields the same lines as the plain one", arguments: framingCases, bufferSizes)
    func gzipFile(_ scenario: FramingCase, bufferSize: Int) throws {
        for helperThread in [false, true] {
            try gzipFile(scenario, bufferSize: bufferSize, helperThread: helperThread)
        }
    }

    private func gzipFile(_ scenario: FramingCase, bufferSize: Int, helperThread: Bool) throws {
        try TemporaryDirectory.with { directory in
            let compressed = gzipped(scenario.input)
            let path = try directory.write(compressed, to: "input.log.gz")
            let read = collectLines(
                inputFile(path), maxLineLength: scenario.maxLineLength, bufferSize: bufferSize,
                compressedBufferSize: bufferSize, inflateOnHelperThread: helperThread)
            #expect(read.error == nil)
            #expect(read.compression == .gzip)
            #expect(read.lines == scenario.expected)
            #expect(read.stats.oversizeLines == scenario.expectedOversize)
            #expect(read.stats.bytes == scenario.input.count)
            #expect(read.stats.compressedBytes == compressed.count)
        }
    }

    @Test("a line longer than the read buffer but under the cap arrives intact")
    func lineLongerThanBuffer() throws {
        let long = randomBytes(count: 300_000, seed: 7).map { $0 == 0x0A || $0 == 0x0D ? 0x41 : $0 }
        let input = bytes("before\n") + long + bytes("\nafter\n")
        try TemporaryDirectory.with { directory in
            let path = try directory.write(input, to: "long.log")
            let read = collectLines(inputFile(path), maxLineLength: 1 << 20, bufferSize: 4096)
            #expect(read.error == nil)
            #expect(firstDifference(read.lines, [bytes("before"), long, bytes("after")]) == nil)
            #expect(read.stats.oversizeLines == 0)
        }
    }

    @Test("an endless line keeps the buffer within the cap")
    func oversizeLineMemoryIsBounded() throws {
        let cap = 1000
        let input = [UInt8](repeating: 0x78, count: 5_000_000) + bytes("\nnext\n")
        try TemporaryDirectory.with { directory in
            let path = try directory.write(input, to: "huge.log")
            var reader = try LineReader(inputFile(path), maxLineLength: cap, bufferSize: 64)
            var lines: [[UInt8]] = []
            let stats = try reader.forEachLine { lines.append(Array($0)) }
            #expect(lines == [bytes("next")])
            #expect(stats.oversizeLines == 1)
            #expect(reader.bufferCapacity <= cap + 2)
        }
    }

    @Test("random bytes split like the reference splitter", arguments: [1, 2, 3, 4, 5], [1, 5, 13, 4096])
    func randomInputMatchesReference(seed: UInt64, bufferSize: Int) throws {
        // Mostly newlines and CRs, so lines are short and every boundary case turns up.
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x0D, 0x00, 0x61, 0x62, 0xFF]
        var generator = SplitMix64(seed: seed)
        let input = (0..<20_000).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
        let cap = 6
        let expected = referenceLines(input, maxLineLength: cap)
        try TemporaryDirectory.with { directory in
            let plain = collectLines(
                inputFile(try directory.write(input, to: "random.log")), maxLineLength: cap, bufferSize: bufferSize)
            let gzip = collectLines(
                inputFile(try directory.write(gzipped(input), to: "random.gz")), maxLineLength: cap,
                bufferSize: bufferSize, compressedBufferSize: bufferSize)
            for read in [plain, gzip] {
                #expect(read.error == nil)
                #expect(firstDifference(read.lines, expected.lines) == nil)
                #expect(read.stats.oversizeLines == expected.oversize)
            }
        }
    }

    @Test("a second forEachLine delivers nothing more")
    func readsOnce() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(bytes("a\nb\n"), to: "twice.log")
            var reader = try LineReader(inputFile(path))
            var count = 0
            try reader.forEachLine { _ in count += 1 }
            let second = try reader.forEachLine { _ in count += 1 }
            #expect(count == 2)
            #expect(second.lines == 2)
        }
    }
}
