import Glibc
@testable import SmlogInput
import TestSupport

/// Everything one read produced, for comparing in `#expect`.
struct CollectedRead {
    var lines: [[UInt8]] = []
    var stats = ReadStats()
    var error: InputError?
    var compression: Compression?
}

/// Reads `file` to the end with the given sizes, collecting copies of the lines and any error.
func collectLines(
    _ file: InputFile,
    maxLineLength: Int = LineReader.defaultMaxLineLength,
    bufferSize: Int = LineReader.defaultBufferSize,
    compressedBufferSize: Int = LineReader.compressedBufferSize,
    inflateOnHelperThread: Bool = false,
    standardInput: Int32 = -1
) -> CollectedRead {
    var collected = CollectedRead()
    do {
        var reader = try LineReader(
            file, maxLineLength: maxLineLength, bufferSize: bufferSize,
            compressedBufferSize: compressedBufferSize, inflateOnHelperThread: inflateOnHelperThread,
            standardInput: standardInput)
        collected.compression = reader.compression
        do {
            collected.stats = try reader.forEachLine { line in collected.lines.append(Array(line)) }
        } catch {
            collected.error = error
            collected.stats = reader.stats
        }
    } catch {
        collected.error = error
    }
    return collected
}

/// A deliberately simple splitter to check the real one against: split on `\n`, drop one
/// trailing `\r` per line, no line after a final `\n`, and lines over `maxLineLength` counted
/// instead of kept.
func referenceLines(_ bytes: [UInt8], maxLineLength: Int) -> (lines: [[UInt8]], oversize: Int) {
    var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if bytes.last == 0x0A || bytes.isEmpty { pieces.removeLast() }
    var lines: [[UInt8]] = []
    var oversize = 0
    for var piece in pieces {
        if piece.last == 0x0D { piece.removeLast() }
        if piece.count > maxLineLength { oversize += 1 } else { lines.append(piece) }
    }
    return (lines, oversize)
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }


func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
}

/// Where two line lists first differ, or nil when they are equal; keeps failure messages short
/// when thousands of lines are compared.
func firstDifference(_ actual: [[UInt8]], _ expected: [[UInt8]]) -> String? {
    for (index, (got, want)) in zip(actual, expected).enumerated() where got != want {
        return "line \(index): got \(String(decoding: got, as: UTF8.self).debugDescription), "
            + "expected \(String(decoding: want, as: UTF8.self).debugDescription)"
    }
    if actual.count != expected.count { return "got \(actual.count) lines, expected \(expected.count)" }
    return nil
}
