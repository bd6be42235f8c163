import Foundation
import Testing
import TestSupport

/// smlog on damaged copies of the real sample log, as the built binary: lines with bytes
/// flipped, cut, doubled, spliced from other lines, or salted with the characters that
/// field scanners trip on (brackets, commas, quotes, split-line markers) and with terminal
/// controls, NUL, CR and invalid UTF-8. Whatever the damage, every command must end normally,
/// account for every line, and write valid JSON and inert text. Each seed is a fixed input,
/// so a failure replays.
@Suite("mutated real lines, end to end")
struct MutatedInputEndToEndTests {
    @Test("every command ends normally, counts every line and writes valid output", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func survivesMutatedLines(seed: UInt64) throws {
        let sample = HostileFiles.read(Paths.sample("maillog"))
        try #require(!sample.isEmpty, "Samples/maillog is missing")
        var random = SplitMix64(seed: seed)
        let lines = LineMutator(sample: sample).mutatedLog(lineCount: 1_500, using: &random)

        let directory = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/maillog"
        try Data(lines.joined(separator: [0x0A]) + [0x0A]).write(to: URL(fileURLWithPath: path))

        let records = try SmlogProcess(["records", "--stats", path])
        #expect(records.status == 0 || records.status == 1, "\(records)")
        let counts = try #require(records.accounting, "no --stats line: \(records)")
        #expect(counts.lines == lines.count)
        #expect(counts.understood + counts.foreign + counts.unrecognized == counts.lines)
        #expect(counts.unrecognized > 0, "the damage reached no parser")
        _ = records.records()  // each line must be a JSON object

        let csv = try SmlogProcess(["records", "--format", "csv", path])
        #expect(csv.status == records.status, "\(csv)")
        #expect(csv.output.hasPrefix("recipient,sender,status,"))

        let json = try SmlogProcess(["report", "--format", "json", path])
        #expect(json.status == records.status, "\(json)")
        let report = try? JSONSerialization.jsonObject(with: Data(json.stdout))
        #expect(report is [String: Any], "report JSON does not parse")

        let text = try SmlogProcess(["report", path])
        #expect(text.status == records.status, "\(text)")
        #expect(Self.controlBytes(in: text.stdout).isEmpty, "control bytes in the text report")

        // A queue id of the sample: found, or gone with the damage; never a crash.
        let trace = try SmlogProcess(["trace", "6AUG06Fk005346", path])
        #expect(trace.status == 0 || trace.status == 1, "\(trace)")
        #expect(Self.controlBytes(in: trace.stdout).isEmpty, "control bytes in the trace")
    }

    @Test("the control-byte check finds C0, DEL and C1 controls and passes plain text and UTF-8")
    func controlByteCheck() {
        #expect(Self.controlBytes(in: Array("plain\tline\n".utf8)) == [5])
        #expect(Self.controlBytes(in: [0x41, 0x1B, 0x7F, 0xC2, 0x9B, 0xC3, 0xA9, 0x0A]) == [1, 2, 3])
    }

    /// C0 controls other than the line feed, DEL, and C1 controls (U+0080–U+009F in UTF-8).
    static func controlBytes(in bytes: [UInt8]) -> [Int] {
        var found: [Int] = []
        for i in bytes.indices {
            let b = bytes[i]
            if (b < 0x20 && b != 0x0A) || b == 0x7F { found.append(i) }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { found.append(i) }
        }
        return found
    }
}

/// Damages lines of a real log the way broken relays, disks and attackers do.
struct LineMutator {
    let lines: [[UInt8]]

    /// What field scanners and terminals must cope with.
    static let tokens: [[UInt8]] = [
        "from=", "to=", "stat=", "relay=", "ctladdr=", "delay=", "dsn=", "<", ">", ",", ", ", " ",
        "[", "]", "=", "\"", "\\", "(", ")", "@", "...", "[1]", "[2]", "DSN: ", "done", "; ",
        "99:99:99", "-1", "18446744073709551616", "\u{1B}]0;title\u{07}", "\u{1B}[2J", "\r",
    ].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC0, 0x80], [0xC2, 0x85], [0xC2, 0x9B], [0xED, 0xA0, 0x80]]

    init(sample: [UInt8]) {
        lines = sample.split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
    }

    /// `lineCount` consecutive sample lines from a random start, a third of them damaged.
    func mutatedLog(lineCount: Int, using random: inout SplitMix64) -> [[UInt8]] {
        let start = Int.random(in: 0..<max(1, lines.count - lineCount), using: &random)
        return lines[start..<min(lines.count, start + lineCount)].map { line in
            Int.random(in: 0..<3, using: &random) == 0 ? mutate(line, using: &random) : line
        }
    }

    func mutate(_ original: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var line = original
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let at = Int.random(in: 0...line.count, using: &random)
            let end = { (length: Int) in min(line.count, at + length) }
            switch Int.random(in: 0..<7, using: &random) {
            case 0: line.insert(contentsOf: Self.tokens.randomElement(using: &random)!, at: at)
            case 1 where at < line.count: line[at] = UInt8.random(in: 0...255, using: &random)
            case 2: line.removeSubrange(at..<end(Int.random(in: 1...30, using: &random)))
            case 3: line.removeSubrange(at...)
            case 4:
                let other = lines.randomElement(using: &random)!
                let from = Int.random(in: 0...other.count, using: &random)
                line.insert(contentsOf: other[from..<min(other.count, from + Int.random(in: 1...80, using: &random))], at: at)
            case 5:
                let piece = line[at..<end(Int.random(in: 1...40, using: &random))]
                line.insert(contentsOf: Array(repeatElement(piece, count: Int.random(in: 1...5, using: &random)).joined()), at: at)
            default:
                line.insert(contentsOf: (0..<Int.random(in: 1...10, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
            }
        }
        // A line feed would make two lines of one: the count above is of lines as written.
        return line.map { $0 == 0x0A ? 0x20 : $0 }
    }
}
