import Foundation
import Testing
@testable import SmlogInput

/// The byte-level prefilter: needles, the chunked scanner and the widening collector.
@Suite("Prefilter")
struct PrefilterTests {
    // MARK: needles

    @Test("a needle is found at every offset, exactly or ignoring ASCII case", arguments: [false, true])
    func needleEveryOffset(caseInsensitive: Bool) {
        let needle = ByteNeedle(Array("6AUFnO1v001570".utf8), caseInsensitive: caseInsensitive)
        for offset in 0..<40 {
            var haystack = [UInt8](repeating: UInt8(ascii: "x"), count: 60)
            let text = caseInsensitive ? "6aufNo1V001570" : "6AUFnO1v001570"
            haystack.replaceSubrange(offset..<(offset + 14), with: Array(text.utf8))
            let found = haystack.withUnsafeBytes { needle.firstMatch(in: $0.baseAddress!, from: 0, to: $0.count) }
            #expect(found == offset)
        }
    }

    @Test("no match outside the range, for a partial needle, or with the wrong case")
    func needleMisses() {
        let exact = ByteNeedle(Array("queue1234".utf8), caseInsensitive: false)
        let folded = ByteNeedle(Array("Bob@Example.ORG".utf8), caseInsensitive: true)
        let text = Array("xx queue123 QUEUE1234 bob@example.org queue1234".utf8)
        text.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            #expect(exact.firstMatch(in: base, from: 0, to: raw.count) == 38)
            #expect(exact.firstMatch(in: base, from: 0, to: 46) == nil)
            #expect(exact.firstMatch(in: base, from: 39, to: raw.count) == nil)
            #expect(folded.firstMatch(in: base, from: 0, to: raw.count) == 22)
            #expect(folded.firstMatch(in: base, from: 23, to: raw.count) == nil)
        }
    }

    // MARK: scanner

    @Test("the scanner hands over exactly the lines holding a pattern, whatever the buffer size",
          arguments: [16, 64, 4096, 1 << 20])
    func scannerMatchesNaiveFilter(bufferSize: Int) throws {
        let lines = (0..<500).map { i in
            i % 7 == 0 ? "line \(i) has the id 6AUFnO1v001570 in it" : i % 11 == 0 ? "line \(i) names ZZTOP9 twice ZZTOP9" : "line \(i) is noise \(String(repeating: "n", count: i % 50))"
        }
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n")
        let patterns = PrefilterPatterns()
        patterns.add(Array("6AUFnO1v001570".utf8))
        patterns.add(Array("ZZTOP9".utf8))
        let found = try scan(file, patterns: patterns, bufferSize: bufferSize, maxLineLength: 1 << 16)
        #expect(found.map(\.line) == lines.filter { $0.contains("6AUFnO1v001570") || $0.contains("ZZTOP9") })
        // Positions are byte offsets of each line's start.
        var offsets: [Int] = []
        var position = 0
        for line in lines {
            if line.contains("6AUFnO1v001570") || line.contains("ZZTOP9") { offsets.append(position) }
            position += line.utf8.count + 1
        }
        #expect(found.map(\.position) == offsets)
    }

    @Test("many patterns are searched together and find what one-by-one search finds", arguments: [16, 4096])
    func scannerManyPatterns(bufferSize: Int) throws {
        let ids = (0..<40).map { "Q\(1000 + $0)ID\($0 % 7)" }
        var lines: [String] = []
        for i in 0..<2_000 {
            let id = ids[i % ids.count]
            lines.append(i % 3 == 0 ? "\(i) line about \(id) here" : "\(i) line about Q\(i)XX noise")
        }
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n")
        let patterns = PrefilterPatterns()
        let wanted = Array(ids.prefix(30))
        #expect(wanted.count > PrefilterPatterns.indexThreshold)
        for id in wanted { patterns.add(Array(id.utf8)) }
        patterns.add(Array("LINE ABOUT Q1039".utf8), caseInsensitive: true)
        #expect(patterns.index.count > PrefilterPatterns.indexThreshold)
        let found = try scan(file, patterns: patterns, bufferSize: bufferSize, maxLineLength: 1 << 16)
        let expected = lines.filter { line in wanted.contains { line.contains($0 + " ") } || line.lowercased().contains("line about q1039") }
        #expect(found.map(\.line) == expected)
        // Retired patterns drop out of the index.
        patterns.retire(Array(ids[0].utf8), at: 0)
        #expect(patterns.index.count == wanted.count - 1)
    }

    @Test("the index finds patterns of mixed lengths at every alignment", arguments: [8, 10, 14])
    func indexStrides(shortest: Int) throws {
        // A fixed pseudo-random sequence: the same text every run.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        func word(_ length: Int) -> String { String(decoding: (0..<length).map { _ in alphabet[next(alphabet.count)] }, as: UTF8.self) }
        let ids = (0..<24).map { i in word(i == 0 ? shortest : 14 + (i % 3)) }
        var lines: [String] = []
        for i in 0..<1_500 {
            var line = word(next(40)) + " " + word(next(20))
            if next(4) == 0 { line.insert(contentsOf: ids[next(ids.count)], at: line.index(line.startIndex, offsetBy: next(line.count + 1))) }
            lines.append("\(i) " + line)
        }
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n")
        let patterns = PrefilterPatterns()
        for id in ids { patterns.add(Array(id.utf8)) }
        #expect(patterns.index.count == ids.count)
        let found = try scan(file, patterns: patterns, bufferSize: 4096, maxLineLength: 1 << 16)
        #expect(found.count > 300)
        #expect(found.map(\.line) == lines.filter { line in ids.contains { line.contains($0) } })
    }

    @Test("CRLF endings, a last line without a newline and empty lines")
    func scannerLineEnds() throws {
        let file = try TemporaryFile("a KEY1\r\n\r\nb\nc KEY1")
        let patterns = PrefilterPatterns()
        patterns.add(Array("KEY1".utf8))
        let found = try scan(file, patterns: patterns, bufferSize: 16, maxLineLength: 1 << 16)
        #expect(found.map(\.line) == ["a KEY1", "c KEY1"])
        #expect(found.map(\.position) == [0, 12])
    }

    @Test("lines over the cap are skipped, the lines around them are not")
    func scannerOversize() throws {
        let long = "KEY1 " + String(repeating: "x", count: 5000)
        let file = try TemporaryFile("first KEY1\n\(long)\nlast KEY1\n")
        let patterns = PrefilterPatterns()
        patterns.add(Array("KEY1".utf8))
        for bufferSize in [64, 1 << 16] {
            let found = try scan(file, patterns: patterns, bufferSize: bufferSize, maxLineLength: 256)
            #expect(found.map(\.line) == ["first KEY1", "last KEY1"])
        }
    }

    @Test("a pattern is looked for only in its window of line starts")
    func scannerWindows() throws {
        let lines = (0..<10).map { "\($0) KEY" }
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n")
        let patterns = PrefilterPatterns()
        // Each line is 6 bytes: lines 2...4 start at 12, 18, 24.
        patterns.add(Array("KEY".utf8), from: 12, until: 30)
        // The scan stops once no window reaches further.
        let found = try scan(file, patterns: patterns, bufferSize: 16, maxLineLength: 100, toTheEnd: false)
        #expect(found.map(\.line) == ["2 KEY", "3 KEY", "4 KEY"])
    }

    @Test("gzip input is scanned like plain input")
    func scannerGzip() throws {
        let lines = (0..<300).map { $0 % 5 == 0 ? "\($0) KEY9" : "\($0) other" }
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n", gzip: true)
        let patterns = PrefilterPatterns()
        patterns.add(Array("KEY9".utf8))
        let found = try scan(file, patterns: patterns, bufferSize: 64, maxLineLength: 100)
        #expect(found.map(\.line) == lines.filter { $0.hasSuffix("KEY9") })
    }

    // MARK: collector

    @Test("a token found late is looked for again before the line that revealed it, in a second pass")
    func collectorSecondPass() throws {
        let lines = ["1 B alone", "2 noise", "3 A points to B", "4 B again", "5 noise"]
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n")
        let collector = WideningCollector(files: [file.input])
        let result = collector.collect(initial: [PrefilterToken("A")]) { line, _ in
            PrefilterUpdate(add: String(decoding: line, as: UTF8.self).contains("points to B") ? [PrefilterToken("B")] : [])
        }
        #expect(result.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["1 B alone", "3 A points to B", "4 B again"])
        #expect(result.passes == 2)
        #expect(result.inputBytes == lines.joined(separator: "\n").utf8.count + 1)
        #expect(result.lastLine.map { String(decoding: $0, as: UTF8.self) } == "5 noise")
    }

    @Test("a second pass over a large file finds lines before the link, with their positions")
    func collectorSecondPassPositions() throws {
        var lines: [String] = []
        for i in 0..<20_000 {
            switch i {
            case 7_000: lines.append("\(i) B before A")
            case 12_000: lines.append("\(i) A names B")
            case 15_000: lines.append("\(i) B after")
            default: lines.append("\(i) filler \(String(repeating: "f", count: i % 90))")
            }
        }
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n" + "last line without newline B")
        let collector = WideningCollector(files: [file.input], bufferSize: 4096)
        let result = collector.collect(initial: [PrefilterToken("A")]) { line, _ in
            PrefilterUpdate(add: String(decoding: line, as: UTF8.self).hasSuffix("A names B") ? [PrefilterToken("B")] : [])
        }
        #expect(result.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["7000 B before A", "12000 A names B", "15000 B after", "last line without newline B"])
        #expect(result.passes == 2)
        let expectedPosition = lines.prefix(7_000).reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(result.lines.first?.position == expectedPosition)
        #expect(result.lastLine.map { String(decoding: $0, as: UTF8.self) } == "last line without newline B")
    }

    @Test("a token that first appears on the line that reveals it needs no second pass")
    func collectorFirstAppearsHere() throws {
        let lines = ["1 A makes C", "2 C child", "3 noise"]
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n")
        let collector = WideningCollector(files: [file.input])
        let result = collector.collect(initial: [PrefilterToken("A")]) { line, _ in
            PrefilterUpdate(add: String(decoding: line, as: UTF8.self).contains("makes C") ? [PrefilterToken("C", firstAppearsHere: true)] : [])
        }
        #expect(result.lines.count == 2)
        #expect(result.passes == 1)
        #expect(result.bytesScanned == result.inputBytes)
    }

    @Test("links across files and back: positions run on through the files, lines come in input order")
    func collectorAcrossFiles() throws {
        let first = try TemporaryFile("a1 B\na2 noise\n")
        let second = try TemporaryFile("b1 A leads to B\nb2 B\n", gzip: true)
        let collector = WideningCollector(files: [first.input, second.input], bufferSize: 4096)
        let result = collector.collect(initial: [PrefilterToken("A")]) { line, _ in
            PrefilterUpdate(add: String(decoding: line, as: UTF8.self).contains("leads to B") ? [PrefilterToken("B")] : [])
        }
        #expect(result.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["a1 B", "b1 A leads to B", "b2 B"])
        #expect(result.lines.map(\.fileIndex) == [0, 1, 1])
        #expect(result.lines.map(\.position) == [0, 14, 30])
        #expect(result.lastLineFileIndex == 1)
    }

    @Test("a late token is looked for again only from the last chunk begun before its time")
    func collectorTimeBoundedLookback() throws {
        let lines = (0..<1_000).map { i -> String in
            let stamp = String(repeating: "0", count: 4 - String(i).count) + String(i)
            switch i {
            case 100, 600: return "\(stamp) B is here"
            case 900: return "\(stamp) A points to B"
            default: return "\(stamp) filler line of some length"
            }
        }
        let file = try TemporaryFile(lines.joined(separator: "\n") + "\n")
        let collector = WideningCollector(files: [file.input], bufferSize: 4096)
        let result = collector.collect(
            initial: [PrefilterToken("A")],
            chunk: { line, _ in PrefilterChunk(time: Int64(String(decoding: line.prefix(4), as: UTF8.self))) },
            discover: { line, _ in
                PrefilterUpdate(add: String(decoding: line, as: UTF8.self).hasSuffix("points to B") ? [PrefilterToken("B", notBefore: 500)] : [])
            })
        #expect(result.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["0600 B is here", "0900 A points to B"])
        #expect(result.passes == 2)
        // A line found after the seek keeps its position in the input.
        #expect(result.lines.first?.position == lines.prefix(600).reduce(0) { $0 + $1.utf8.count + 1 })
        // The second pass seeks to that chunk: it reads less than the bytes before the link.
        let secondPass = result.bytesScanned - result.inputBytes
        #expect(secondPass > 0)
        #expect(secondPass < (result.lines.last?.position ?? 0))
    }

    @Test("standard input is kept in a temporary copy and read again for a second pass")
    func collectorStandardInput() throws {
        let text = "1 B early\n2 A then B\n3 B late\n"
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let written = text.utf8CString.withUnsafeBufferPointer { write(fds[1], $0.baseAddress!, text.utf8.count) }
        #expect(written == text.utf8.count)
        close(fds[1])
        defer { close(fds[0]) }
        var collector = WideningCollector(files: [.standardInput])
        collector.standardInput = fds[0]
        let result = collector.collect(initial: [PrefilterToken("A")]) { line, _ in
            PrefilterUpdate(add: String(decoding: line, as: UTF8.self).contains("A then B") ? [PrefilterToken("B")] : [])
        }
        #expect(result.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["1 B early", "2 A then B", "3 B late"])
        #expect(result.passes == 2)
        #expect(result.warnings.isEmpty)
    }

    @Test("a missing input is reported and the others are still read")
    func collectorMissingFile() throws {
        let good = try TemporaryFile("x KEY\n")
        let missing = InputFile(path: "/nonexistent/smlog-maillog", displayName: "/nonexistent/smlog-maillog", modificationTime: nil, compression: .none)
        let result = WideningCollector(files: [missing, good.input]).collect(initial: [PrefilterToken("KEY")]) { _, _ in PrefilterUpdate() }
        #expect(result.errors.count == 1)
        #expect(result.unreadableInputs == 1)
        #expect(result.lines.map(\.fileIndex) == [1])
    }

    @Test("case-insensitive tokens match any case")
    func collectorCaseInsensitive() throws {
        let file = try TemporaryFile("to=<Bob@Example.ORG>\nto=<bobby@example.org>\nfrom=bob@example.org\n")
        let result = WideningCollector(files: [file.input]).collect(initial: [PrefilterToken("bob@example.org", caseInsensitive: true)]) { _, _ in PrefilterUpdate() }
        #expect(result.lines.count == 2)
    }

    // MARK: helpers

    private func scan(
        _ file: TemporaryFile, patterns: PrefilterPatterns, bufferSize: Int, maxLineLength: Int, toTheEnd: Bool = true
    ) throws -> [(line: String, position: Int)] {
        let scanner = PrefilterScanner(maxLineLength: maxLineLength, bufferSize: bufferSize)
        var found: [(String, Int)] = []
        var outcome = PrefilterScanner.Outcome()
        try scanner.scan(.input(file.input, standardInput: -1), base: 0, patterns: patterns, into: &outcome) { line, position in
            found.append((String(decoding: line, as: UTF8.self), position))
        }
        #expect(outcome.complete == toTheEnd)
        return found
    }
}

/// A file in the temporary directory, removed when the test's value goes away.
final class TemporaryFile {
    let path: String
    var input: InputFile { InputFile(path: path, displayName: path, modificationTime: nil, compression: .none) }

    init(_ text: String, gzip: Bool = false) throws {
        let directory = FileManager.default.temporaryDirectory.path
        path = directory + "/smlog-prefilter-\(UUID().uuidString)" + (gzip ? ".gz" : "")
        if gzip {
            let plain = path + ".plain"
            try text.write(toFile: plain, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "gzip -c '\(plain)' > '\(path)' && rm -f '\(plain)'"]
            try process.run()
            process.waitUntilExit()
        } else {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
