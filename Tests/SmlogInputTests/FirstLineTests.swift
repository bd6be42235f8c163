import Testing
@testable import SmlogInput

@Suite("First line")
struct FirstLineTests {
    @Test("the first non-empty line, from plain and gzip files", arguments: [false, true])
    func firstNonEmptyLine(compressed: Bool) throws {
        let content = bytes("\r\n\nNov 29 06:25:01 vm sendmail[1]: first\r\nsecond\n")
        try TemporaryDirectory.with { directory in
            let path = try directory.write(compressed ? gzipped(content) : content, to: "maillog.1")
            #expect(try firstLine(of: inputFile(path)) == bytes("Nov 29 06:25:01 vm sendmail[1]: first"))
        }
    }

    @Test("only the start of a large gzip file is inflated")
    func readsLittle() throws {
        let lines = numberedLines(200_000)
        let compressed = gzipped(joined(lines))
        try TemporaryDirectory.with { directory in
            let path = try directory.write(compressed, to: "big.gz")
            var reader = try LineReader(
                inputFile(path), maxLineLength: 1024, bufferSize: 4096, compressedBufferSize: 16 * 1024,
                standardInput: -1)
            var first: [UInt8]?
            try reader.readLines(byteBudget: 4096) { line in
                first = Array(line)
                return false
            }
            #expect(first == lines[0])
            // The sniffed magic bytes plus one compressed read, out of a far larger file.
            #expect(reader.stats.compressedBytes <= 16 * 1024 + 6)
            #expect(reader.stats.bytes <= 4096)
            #expect(compressed.count > 20 * 16 * 1024)
        }
    }

    @Test("nil for an empty file, a file of empty lines, and a first line over the limit", arguments: [
        [UInt8](), bytes("\n\n\r\n"), [UInt8](repeating: 0x61, count: 5000) + bytes("\nshort\n"),
    ])
    func noFirstLine(content: [UInt8]) throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(content, to: "maillog")
            #expect(try firstLine(of: inputFile(path), maxBytes: 1000) == nil)
        }
    }

    @Test("a file that is one unterminated line yields it")
    func unterminatedOnlyLine() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(bytes("only"), to: "maillog")
            #expect(try firstLine(of: inputFile(path)) == bytes("only"))
        }
    }

    @Test("standard input is never read for it")
    func standardInputIsNil() throws {
        #expect(try firstLine(of: .standardInput) == nil)
    }

    @Test("a gzip file broken before its first line throws")
    func brokenGzip() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write([0x1F, 0x8B, 0x08, 0x00], to: "maillog.2.gz")
            #expect(throws: InputError.gzipTruncated(path: path, offset: 4)) {
                try firstLine(of: inputFile(path))
            }
        }
    }
}
