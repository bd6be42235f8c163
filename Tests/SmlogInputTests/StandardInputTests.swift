import Foundation
import Glibc
import Testing
@testable import SmlogInput

/// Feeds `data` into a pipe from another thread, a few bytes per `write(2)`, so the reader sees
/// the short reads a real pipe gives; returns the read end.
func pipeFeeding(_ data: [UInt8], chunk: Int) throws -> Int32 {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    let (readEnd, writeEnd) = (ends[0], ends[1])
    let writer = Thread {
        var offset = 0
        while offset < data.count {
            let count = min(chunk, data.count - offset)
            let written = data[offset..<(offset + count)].withUnsafeBytes { write(writeEnd, $0.baseAddress, count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
        close(writeEnd)
    }
    writer.start()
    return readEnd
}

@Suite("Standard input")
struct StandardInputTests {
    @Test("plain lines arrive through a pipe", arguments: [1, 5, 4096])
    func plainThroughPipe(chunk: Int) throws {
        let lines = numberedLines(3000)
        let readEnd = try pipeFeeding(joined(lines), chunk: chunk)
        defer { close(readEnd) }
        let read = collectLines(.standardInput, bufferSize: 1000, standardInput: readEnd)
        #expect(read.error == nil)
        #expect(read.compression == Compression.none)
        #expect(firstDifference(read.lines, lines) == nil)
    }

    @Test("gzip on standard input is recognised and inflated", arguments: [1, 3, 4096], [false, true])
    func gzipThroughPipe(chunk: Int, helperThread: Bool) throws {
        let lines = numberedLines(3000)
        let readEnd = try pipeFeeding(gzipped(joined(lines)) + gzipped(bytes("tail\n")), chunk: chunk)
        defer { close(readEnd) }
        let read = collectLines(
            .standardInput, bufferSize: 1000, inflateOnHelperThread: helperThread, standardInput: readEnd)
        #expect(read.error == nil)
        #expect(read.compression == .gzip)
        #expect(firstDifference(read.lines, lines + [bytes("tail")]) == nil)
    }

    @Test("errors on standard input name it as <stdin>")
    func truncatedGzipOnStandardInput() throws {
        let whole = gzipped(joined(numberedLines(100)))
        let readEnd = try pipeFeeding(Array(whole.dropLast(20)), chunk: 64)
        defer { close(readEnd) }
        let read = collectLines(.standardInput, standardInput: readEnd)
        #expect(read.error == .gzipTruncated(path: "<stdin>", offset: whole.count - 20))
    }

    @Test("bzip2 on standard input is refused")
    func bzip2OnStandardInput() throws {
        let readEnd = try pipeFeeding([0x42, 0x5A, 0x68, 0x39, 0x31], chunk: 1)
        defer { close(readEnd) }
        #expect(collectLines(.standardInput, standardInput: readEnd).error
            == .unsupportedCompression(path: "<stdin>", format: .bzip2))
    }
}
