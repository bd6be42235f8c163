import ArgumentParser
import Foundation
import SmlogCorrelate
import Testing
@testable import SmlogCLI
import TestSupport

/// `smlog records` on the real samples, as a user runs it.
@Suite("records end to end", .serialized)
struct RecordsEndToEndTests {
    static let fixed = ["--year", "2026", "--tz", "UTC"]

    @Test("records on Samples/ match the golden output")
    func samplesGolden() throws {
        let run = try SmlogRun(["records", Paths.samples] + Self.fixed)
        #expect(run.status == 0)
        #expect(try matchesGolden(run.output, "records-samples.ndjson"))
    }

    @Test("records as CSV on Samples/ match the golden output")
    func samplesGoldenCSV() throws {
        let run = try SmlogRun(["records", "--format", "csv", Paths.samples] + Self.fixed)
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("recipient,sender,status,kind,"))
        #expect(try matchesGolden(run.output, "records-samples.csv"))
    }

    @Test("the rotated set in any order, the RFC 3339 copy and one plain file give the same records")
    func rotatedEqualsPlainEqualsRFC3339() throws {
        let rotated = try SmlogRun(["records", Paths.sample("maillog"), Paths.sample("maillog.2.gz"), Paths.sample("maillog.1"), Paths.sample("maillog.3.gz")] + Self.fixed)
        let rfc3339 = try SmlogRun(["records", Paths.sample("rfc3339/maillog.gz")] + Self.fixed)
        let plain = try PlainCopy.ofSamples()
        defer { try? FileManager.default.removeItem(atPath: plain) }
        let single = try SmlogRun(["records", plain] + Self.fixed)
        #expect(rotated.lines.count == 718)
        #expect(rotated.output == single.output)
        #expect(rfc3339.output == single.output)
    }

    @Test("the lab's ground truth: messages, pending recipients, recipients accepted by the smart host")
    func groundTruth() throws {
        let run = try SmlogRun(["records", Paths.samples] + Self.fixed)
        let records = run.objects
        let mail = records.filter { $0["kind"] as? String == "mail" }
        let messages = Set(mail.filter { $0["status"] as? String != "rejected" }.compactMap { ($0["qids"] as? [String])?.joined(separator: " ") })
        #expect(messages.count == 330)
        #expect(mail.filter { $0["status"] as? String == "pending" }.count == 55)
        let toSmartHost = records.filter {
            $0["status"] as? String == "delivered" && ($0["relay"] as? String)?.hasPrefix("smarthost.lab.example") == true
        }
        #expect(toSmartHost.count == 384)
    }

    @Test("every line of every sample is accounted for", arguments: InputCorpus.all())
    func accountingBalances(path: String) throws {
        let summary = try InputCorpus.summary(of: path)
        #expect(summary.lines > 0)
        #expect(summary.lines == summary.sendmailLines + summary.foreignLines + summary.unrecognizedLines)
    }

    @Test("Samples/ is fully understood")
    func samplesFullyUnderstood() throws {
        let summary = try InputCorpus.summary(of: Paths.samples)
        #expect(summary.lines == 8349)
        #expect(summary.sendmailLines == 8349)
        #expect(summary.files.count == 4)
    }
}

/// The inputs the accounting test walks: the samples, and the shared reference samples
/// when that folder is beside the project.
enum InputCorpus {
    static func all() -> [String] {
        var paths = [Paths.samples, Paths.sample("rfc3339")]
        let shared = Paths.shared.appendingPathComponent("samples")
        if let walker = FileManager.default.enumerator(atPath: shared.path) {
            for case let relative as String in walker {
                let full = shared.appendingPathComponent(relative).path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix("maillog") || name.hasSuffix(".log") || relative.hasPrefix("public/") && !name.hasSuffix(".txt") {
                    paths.append(full)
                }
            }
        }
        return paths.sorted()
    }

    static func summary(of path: String) throws -> InputSummary {
        let options = try InputOptions.parse([path, "--tz", "UTC", "--year", "2026"])
        return ProcessTimeZone.with("UTC") {
            var correlator = Correlator()
            var ignored = EventForwarder { _ in }
            return Pipeline(options: options).run(correlator: &correlator, events: &ignored)
        }
    }
}

/// The sample rotated set written out as one plain file, oldest first.
enum PlainCopy {
    static func ofSamples() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smlog-plain-\(UUID().uuidString)").path
        var data = Data()
        for name in ["maillog.3.gz", "maillog.2.gz"] {
            data.append(try gunzip(Paths.sample(name)))
        }
        for name in ["maillog.1", "maillog"] {
            data.append(try Data(contentsOf: URL(fileURLWithPath: Paths.sample(name))))
        }
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    private static func gunzip(_ path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
