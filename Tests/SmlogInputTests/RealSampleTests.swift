import Foundation
import Testing
import SmlogInput

/// The lab corpus next to the project (../shared), read only when it is there.
private let labDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/samples/real-sendmail-lab").path

private let labPresent = FileManager.default.fileExists(atPath: labDirectory + "/rotated/maillog.2.gz")

@Suite("Real sendmail sample", .enabled(if: labPresent, "needs ../shared/samples/real-sendmail-lab"))
struct RealSampleTests {
    @Test("the rotated pieces, gzip ones included, add up to the whole log line for line")
    func rotatedPiecesMatchWholeLog() throws {
        let rotated = resolveInputs([labDirectory + "/rotated"], stdinIsTerminal: true)
        #expect(rotated.errors.isEmpty)
        let byName = Dictionary(uniqueKeysWithValues: rotated.files.map { (String($0.path.split(separator: "/").last ?? ""), $0) })
        let oldestFirst = ["maillog.3.gz", "maillog.2.gz", "maillog.1", "maillog"].compactMap { byName[$0] }
        #expect(oldestFirst.count == 4)
        #expect(oldestFirst.map(\.compression) == [.gzip, .gzip, .none, .none])

        var pieces: [[UInt8]] = []
        for file in oldestFirst {
            let read = collectLines(file)
            #expect(read.error == nil)
            #expect(read.stats.oversizeLines == 0)
            pieces += read.lines
        }
        let whole = collectLines(inputFile(labDirectory + "/maillog"))
        #expect(whole.error == nil)
        #expect(whole.lines.count > 8000)
        #expect(firstDifference(pieces, whole.lines) == nil)
    }
}
