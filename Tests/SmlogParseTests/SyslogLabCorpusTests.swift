import Foundation
import SmlogParse
import Testing
import TestSupport

/// The real sendmail lab log in ../shared, read at test time when it is there.
enum LabCorpus {
    static let folder: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/samples/real-sendmail-lab").path
    }()

    static var isAvailable: Bool {
        FileManager.default.isReadableFile(atPath: folder + "/maillog")
            && FileManager.default.isReadableFile(atPath: folder + "/maillog-rfc3339")
    }

    static func bytes(_ name: String) -> [UInt8] {
        FileManager.default.contents(atPath: folder + "/" + name).map { [UInt8]($0) } ?? []
    }

    static func modificationTime(_ name: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)
        let date = attributes?[.modificationDate] as? Date
        return Int64(date?.timeIntervalSince1970 ?? 0)
    }

    /// Line ranges of `bytes`, without the newline.
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { result.append(start..<bytes.count) }
        return result
    }
}

@Suite("Syslog header over the real lab log", .serialized)
struct SyslogLabCorpusTests {
    @Test("RFC 3164 lab log and its RFC 3339 copy give the same instant per line under TZ=UTC",
          .enabled(if: LabCorpus.isAvailable))
    func bothLabCopiesAgree() {
        let traditional = LabCorpus.bytes("maillog"), iso = LabCorpus.bytes("maillog-rfc3339")
        let traditionalLines = LabCorpus.lines(traditional), isoLines = LabCorpus.lines(iso)
        #expect(traditionalLines.count == isoLines.count)
        #expect(traditionalLines.count > 8000)

        ProcessTimeZone.with("UTC") {
            var bsdParser = SyslogHeaderParser()
            bsdParser.setYearReference(.reference(epochSeconds: LabCorpus.modificationTime("maillog")))
            var isoParser = SyslogHeaderParser()
            isoParser.setYearReference(.reference(epochSeconds: LabCorpus.modificationTime("maillog-rfc3339")))
            var mismatches = 0
            for (bsdRange, isoRange) in zip(traditionalLines, isoLines) {
                let bsd = bsdParser.snapshot(Array(traditional[bsdRange]))
                let stamped = isoParser.snapshot(Array(iso[isoRange]))
                guard let bsd, let stamped else {
                    mismatches += 1
                    Issue.record("unparsed: \(String(decoding: traditional[bsdRange], as: UTF8.self))")
                    continue
                }
                if bsd.seconds != stamped.seconds || bsd.host != stamped.host || bsd.tag != stamped.tag
                    || bsd.pid != stamped.pid || bsd.message != stamped.message
                    || bsd.format != .rfc3164 || stamped.format != .rfc3339 || bsd.utcOffset != 0
                {
                    mismatches += 1
                    if mismatches <= 5 { Issue.record("differs: \(bsd) vs \(stamped)") }
                }
            }
            #expect(mismatches == 0)
        }
    }

    @Test("Every lab line has host vm and a sendmail tag with a pid", .enabled(if: LabCorpus.isAvailable))
    func labHeadersAreComplete() {
        let iso = LabCorpus.bytes("maillog-rfc3339")
        var parser = SyslogHeaderParser(zone: .utc)
        var tags: Set<String> = []
        var withoutPid = 0
        for range in LabCorpus.lines(iso) {
            guard let header = parser.snapshot(Array(iso[range])) else {
                Issue.record("unparsed: \(String(decoding: iso[range], as: UTF8.self))")
                continue
            }
            #expect(header.host == "vm")
            tags.insert(header.tag)
            if header.pid < 0 { withoutPid += 1 }
        }
        #expect(tags == ["sendmail", "sm-msp-queue"])
        #expect(withoutPid == 0)
    }
}
