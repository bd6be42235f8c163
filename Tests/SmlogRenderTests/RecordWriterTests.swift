import Foundation
import SmlogCorrelate
import SmlogParse
@testable import SmlogRender
import Testing
import TestSupport

/// The records writer's escaping fast paths (eight bytes at a time, runs copied in one go)
/// against plain per-character reference escapers, and its length bound against worst cases.
@Suite struct RecordWriterTests {
    // MARK: JSON strings

    @Test(arguments: [
        ("", #""""#),
        ("plain text 123", #""plain text 123""#),
        ("exactly8", #""exactly8""#),
        ("\"quote at the start", #""\"quote at the start""#),
        ("middle \\ backslash here", #""middle \\ backslash here""#),
        ("line end at the end\n", #""line end at the end\n""#),
        ("1234567\t", #""1234567\t""#),
        ("12345678\r", #""12345678\r""#),
        ("\u{1b}[2J", #""\u001b[2J""#),
        ("nul\u{0}byte", #""nul\u0000byte""#),
        ("del\u{7F}", #""del\u007f""#),
        ("c1 \u{85} and \u{9B}", #""c1 \u0085 and \u009b""#),
        ("para\u{2028}graph\u{2029}", #""para\u2028graph\u2029""#),
        ("café ünï €uro \u{A0}nbsp", "\"café ünï €uro \u{A0}nbsp\""),
        ("\u{FFFD}", "\"\u{FFFD}\""),
    ])
    func jsonStringsAreEscapedExactly(input: String, expected: String) {
        var out: [UInt8] = []
        JSONText.appendString(input, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(out == Self.referenceJSON(input))
    }

    /// An empty slice of memory that goes on with a byte needing escapes is an empty value.
    @Test func emptyBytesWriteEmptyValues() {
        var byte: UInt8 = 0x22
        withUnsafeBytes(of: &byte) { raw in
            let empty = UnsafeRawBufferPointer(rebasing: raw[0..<0])
            var json: [UInt8] = []
            json.appendWithCursor(maximumCount: JSONText.maximumLength(utf8Count: 0)) { JSONText.appendQuoted(empty, to: &$0) }
            #expect(json == Array(#""""#.utf8))
            var csv: [UInt8] = []
            csv.appendWithCursor(maximumCount: CSVText.maximumLength(utf8Count: 0)) { CSVText.appendCell(bytes: empty, to: &$0) }
            #expect(csv == Array(#""""#.utf8))
        }
    }

    @Test func jsonEscapingMatchesTheReferenceAtEveryLengthAndPosition() throws {
        var random = SplitMix64(seed: 0x5EED)
        for length in 0...70 {
            for _ in 0..<40 {
                let s = Self.randomString(length: length, using: &random)
                var out: [UInt8] = []
                JSONText.appendString(s, to: &out)
                #expect(out == Self.referenceJSON(s), "input scalars: \(s.unicodeScalars.map(\.value))")
                let decoded = try JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String
                #expect(decoded == s)
            }
        }
    }

    /// Plain text of every length: short values go out as one block, longer ones are copied
    /// sixteen bytes at a time with an overlapping last block.
    @Test func plainJSONStringsOfEveryLengthAreCopiedExactly() {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789 .@<>[]:;".utf8)
        for length in 0...100 {
            let s = String(decoding: (0..<length).map { alphabet[($0 * 7 + length) % alphabet.count] }, as: UTF8.self)
            var out: [UInt8] = [0x41]
            JSONText.appendString(s, to: &out)
            #expect(out == [0x41] + Self.referenceJSON(s), "length \(length)")
        }
    }

    /// A value that needs escaping only in its last, overlapping block, or only in its first.
    @Test(arguments: [17, 20, 31, 33, 47])
    func longJSONStringsWithOneEscapeAtEitherEnd(length: Int) {
        let plain = String(repeating: "p", count: length - 1)
        for s in [plain + "\"", "\u{1b}" + plain, plain + "é"] {
            var out: [UInt8] = []
            JSONText.appendString(s, to: &out)
            #expect(out == Self.referenceJSON(s))
        }
    }

    @Test func jsonKeysAreTheColumnNames() {
        for (i, field) in RecordField.allCases.enumerated() {
            let key = field.jsonKey
            let text = String(decoding: UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount), as: UTF8.self)
            #expect(text == (i == 0 ? "{" : ",") + "\"" + field.rawValue + "\":")
        }
    }

    // MARK: CSV cells

    @Test(arguments: [
        ("", #""""#),
        ("plain cell", #""plain cell""#),
        ("=cmd|' /C calc'!A0", #""'=cmd|' /C calc'!A0""#),
        ("+SUM(1+1)", #""'+SUM(1+1)""#),
        ("-2+3", #""'-2+3""#),
        ("@SUM(A1)", #""'@SUM(A1)""#),
        ("\tleading tab", "\"'\tleading tab\""),
        ("\rleading CR", #""'\x0dleading CR""#),
        ("not = at start", #""not = at start""#),
        ("\"quoted\", with comma", #""""quoted"", with comma""#),
        ("tab\tkept, controls \u{1b}[2J shown", "\"tab\tkept, controls \\x1b[2J shown\""),
        ("ends with a quote\"", #""ends with a quote""""#),
        ("del\u{7F} c1\u{9B}2J", #""del\x7f c1\x9b2J""#),
        ("café €uro \u{2028}", "\"café €uro \u{2028}\""),
    ])
    func csvCellsAreEscapedAndGuardedExactly(input: String, expected: String) {
        var out: [UInt8] = []
        CSVText.appendCell(input, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(out == Self.referenceCSV(input))
    }

    @Test func csvEscapingMatchesTheReferenceAtEveryLengthAndPosition() {
        var random = SplitMix64(seed: 0xC5F)
        for length in 0...70 {
            for _ in 0..<40 {
                let s = Self.randomString(length: length, using: &random)
                var out: [UInt8] = []
                CSVText.appendCell(s, to: &out)
                #expect(out == Self.referenceCSV(s), "input scalars: \(s.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test(arguments: [
        ([String](), #""""#),
        (["Q1"], #""Q1""#),
        (["Q1", "Q2", "Q3"], #""Q1 Q2 Q3""#),
        (["=Q1", "Q2"], #""'=Q1 Q2""#),
        (["", "=Q2"], #"" =Q2""#),
        (["Q1", "-Q2"], #""Q1 -Q2""#),
    ])
    func csvListCellsAreJoinedThenGuarded(items: [String], expected: String) {
        var out: [UInt8] = []
        out.appendWithCursor(maximumCount: CSVText.maximumLength(joining: items)) {
            CSVText.appendCell(joining: items, separator: UInt8(ascii: " "), to: &$0)
        }
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(out == Self.referenceCSV(items.joined(separator: " ")))
    }

    // MARK: numbers and times

    @Test(arguments: [0, 7, 9, 10, 99, 100, 1081, -1, -10, 1_234_567_890, Int.max, Int.min])
    func integersAreWrittenInDecimal(value: Int) {
        var out: [UInt8] = []
        JSONText.appendInteger(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(value))
    }

    @Test(arguments: [
        (LogTime(seconds: 0), "1970-01-01T00:00:00Z"),
        (LogTime(seconds: 1_795_910_408), "2026-11-29T00:00:08Z"),
        (LogTime(seconds: 1_795_910_408, utcOffset: 3600), "2026-11-29T01:00:08+01:00"),
        (LogTime(seconds: 1_795_910_408, utcOffset: -19_800), "2026-11-28T18:30:08-05:30"),
        (LogTime(seconds: -1), "1969-12-31T23:59:59Z"),
        (LogTime(seconds: 951_782_400), "2000-02-29T00:00:00Z"),
        (LogTime(seconds: 253_402_300_800), "10000-01-01T00:00:00Z"),
        (LogTime(seconds: -62_135_596_800), "0001-01-01T00:00:00Z"),
        (LogTime(seconds: -62_198_755_200), "0000-01-01T00:00:00Z"),
        (LogTime(seconds: 0, utcOffset: 45_296), "1970-01-01T12:34:56+12:34"),
    ])
    func timesAreISO8601InTheLinesOffset(time: LogTime, expected: String) {
        #expect(ISO8601Time.format(time) == expected)
    }

    /// One writer remembers the date of the last day it wrote: times that go back and forth
    /// between days and offsets must still each get their own date.
    @Test func aWriterGivesEveryTimeItsOwnDate() throws {
        let writer = RecordWriter(format: .ndjson)
        let times = [
            LogTime(seconds: 1_795_910_408), LogTime(seconds: 1_795_910_409), LogTime(seconds: 1_795_996_808),
            LogTime(seconds: 1_795_910_408, utcOffset: -3600), LogTime(seconds: 1_795_910_408, utcOffset: 3600),
            LogTime(seconds: 1_795_910_408), LogTime(seconds: -86_401), LogTime(seconds: 253_402_300_800),
            LogTime(seconds: 1_795_910_408),
        ]
        for time in times {
            var record = Self.fullRecord(text: "x")
            record.received = time
            record.completed = LogTime(seconds: time.seconds + 86_400, utcOffset: time.utcOffset)
            var out: [UInt8] = []
            writer.write(record, into: &out)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
            #expect(object["received"] as? String == ISO8601Time.format(time))
            #expect(object["completed"] as? String == ISO8601Time.format(try #require(record.completed)))
        }
    }

    /// The time cache keeps the text of two minutes: times that come back after one, two or
    /// three others, in the same second with another offset, years apart, or on either side
    /// of a minute (before 1970 too) each get their own text.
    @Test func theTimeCacheGivesEveryTimeItsOwnText() {
        let a = LogTime(seconds: 1_795_910_408)
        let b = LogTime(seconds: 1_795_910_409)
        let c = LogTime(seconds: 1_795_910_408, utcOffset: 3600)
        let d = LogTime(seconds: 253_402_300_800, utcOffset: -19_800)
        let cache = ISO8601TimeCache()
        let edges = [59, 60, 0, -1, -60, -61, 119, 61].map { LogTime(seconds: Int64($0)) }
        for time in [a, a, b, a, c, b, a, d, c, d, d, b, LogTime(seconds: .min), a] + edges {
            var out: [UInt8] = []
            out.appendWithCursor(maximumCount: ISO8601Time.maximumLength) { cache.append(time, to: &$0) }
            var expected: [UInt8] = []
            ISO8601Time.append(time, to: &expected)
            #expect(out == expected, "\(time)")
        }
    }

    // MARK: whole records

    @Test func jsonRecordKeysFollowTheColumnOrderAndValuesRoundTrip() throws {
        let record = Self.fullRecord(text: "value \"x\"\n\u{1b}")
        var out: [UInt8] = []
        RecordWriter(format: .ndjson).write(record, into: &out)
        #expect(out.last == 0x0A)
        let text = String(decoding: out, as: UTF8.self)
        var keys: [String] = []
        var rest = Substring(text)
        for field in RecordField.allCases {
            let key = "\"\(field.rawValue)\":"
            let range = try #require(rest.range(of: key), "missing \(key)")
            keys.append(field.rawValue)
            rest = rest[range.upperBound...]
        }
        #expect(keys == RecordField.allCases.map(\.rawValue))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        #expect(object.count == RecordField.allCases.count)
        #expect(object["recipient"] as? String == record.recipient)
        #expect(object["stat"] as? String == record.stat)
        #expect(object["qids"] as? [String] == record.qids)
        #expect(object["size"] as? Int == record.size)
        #expect(object["received"] as? String == "2026-11-29T00:00:08Z")
    }

    @Test func missingValuesAreNullInJSONAndEmptyInCSV() throws {
        let record = DeliveryRecord(
            recipient: "r@example.org", sender: nil, status: .pending, kind: .mail, qids: [], msgid: nil,
            host: "mx", size: nil, received: nil, completed: nil, attempts: 0, deferrals: 0, relay: nil,
            mailer: nil, dsn: nil, delay: nil, xdelay: nil, stat: nil)
        var json: [UInt8] = []
        RecordWriter(format: .ndjson).write(record, into: &json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        #expect(object["sender"] is NSNull)
        #expect(object["received"] is NSNull)
        #expect(object["qids"] as? [String] == [])
        let writer = RecordWriter(format: .csv)
        var csv = writer.header()
        writer.write(record, into: &csv)
        let rows = try #require(SimpleCSV.parse(csv))
        #expect(rows.count == 2)
        #expect(rows[0] == RecordField.allCases.map(\.rawValue))
        #expect(rows[1][0] == "r@example.org")
        #expect(rows[1][1] == "")
        #expect(rows[1][12] == "0")
    }

    /// Every text byte at its longest escape in every field: the writer must stay within the
    /// bound it reserved (it stops the program otherwise) and the output must parse back.
    @Test(arguments: ["\u{1}", "\u{85}", "\u{2028}", "\"", "=", "\u{7F}", "é"])
    func worstCaseEscapingStaysWithinTheBound(unit: String) throws {
        let text = String(repeating: unit, count: 97)
        let record = Self.fullRecord(text: text, offset: -12 * 3600)
        for format in RecordWriter.Format.allCases {
            let writer = RecordWriter(format: format)
            var bound = RecordLengthBound(fixed: writer.fixedLength)
            record.visitFields(&bound)
            var out: [UInt8] = [1, 2, 3]
            writer.write(record, into: &out)
            #expect(out.count - 3 <= bound.total)
            let written = Array(out.dropFirst(3))
            switch format {
            case .ndjson:
                let object = try #require(try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any])
                #expect(object["stat"] as? String == text)
            case .csv:
                let rows = try #require(SimpleCSV.parse(written))
                #expect(rows.count == 1 && rows[0].count == RecordField.allCases.count)
            }
        }
    }

    // MARK: one bound check a record

    /// `write(_:through:)` hands out the record's bound, checked once, and writes what the
    /// array form writes, for plain and worst-case text alike.
    @Test(arguments: RecordWriter.Format.allCases, ["plain", "\u{1}\"=é\u{2028}\u{85}", String(repeating: "\\", count: 300)])
    func writingThroughAnOutputWritesTheSameBytes(format: RecordWriter.Format, text: String) {
        let record = Self.fullRecord(text: text, offset: 3600)
        let writer = RecordWriter(format: format)
        var expected: [UInt8] = []
        writer.write(record, into: &expected)
        var asked = -1
        var written: [UInt8] = []
        writer.write(record) { maximumCount, body in
            asked = maximumCount
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: maximumCount, alignment: 1)
            defer { memory.deallocate() }
            let count = body(memory)
            written = Array(memory.prefix(count))
        }
        #expect(asked == writer.maximumLength(of: record))
        #expect(written == expected)
        #expect(written.count <= asked)
        // The buffer form writes the same too, given exactly the bound.
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: asked, alignment: 1)
        defer { memory.deallocate() }
        #expect(Array(memory.prefix(writer.write(record, into: memory))) == expected)
    }

    // MARK: fixed names

    /// Statuses, kinds and notice names are written from static text without escaping or the
    /// CSV guard: each must be the model's own name and plain lowercase ASCII.
    @Test func fixedNamesMatchTheModelAndNeedNoEscaping() {
        let words: [(StaticString, String)] =
            DeliveryStatus.allCases.map { ($0.recordWord, $0.rawValue) }
            + [MessageKind.mail, .dsn].map { ($0.recordWord, $0.rawValue) }
            + [NoticeKind.dsn, .returnToSender, .senderNotify, .postmasterNotify].map { ($0.recordWord, $0.recordName) }
        for (word, name) in words {
            #expect(word.description == name)
            #expect(!name.isEmpty && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || $0 == UInt8(ascii: "_") })
        }
        #expect(NoticeKind.returnToSender.recordName == "return_to_sender")
    }

    /// A record's status, kind and notice come out as the quoted names in both formats.
    @Test(arguments: RecordWriter.Format.allCases)
    func fixedNamesAreWrittenQuoted(format: RecordWriter.Format) throws {
        var record = Self.fullRecord(text: "x")
        record.status = .quarantined
        record.kind = .dsn
        record.noticeKind = .postmasterNotify
        var out: [UInt8] = []
        RecordWriter(format: format).write(record, into: &out)
        let text = String(decoding: out, as: UTF8.self)
        switch format {
        case .ndjson:
            #expect(text.contains(#","status":"quarantined","kind":"dsn","notice":"postmaster_notify","#))
            record.noticeKind = nil
            out = []
            RecordWriter(format: format).write(record, into: &out)
            #expect(String(decoding: out, as: UTF8.self).contains(#","notice":null,"#))
        case .csv:
            let rows = try #require(SimpleCSV.parse(out))
            #expect(rows.count == 1)
            #expect(Array(rows[0][2...4]) == ["quarantined", "dsn", "postmaster_notify"])
            #expect(text.contains(#","quarantined","dsn","postmaster_notify","#))
        }
    }

    // MARK: helpers

    static func fullRecord(text: String, offset: Int32 = 0) -> DeliveryRecord {
        let time = LogTime(seconds: 1_795_910_408 - Int64(offset), utcOffset: offset)
        return DeliveryRecord(
            recipient: text, sender: text, status: .delivered, kind: .dsn, noticeKind: .returnToSender,
            qids: [text, text], parentQid: text, msgid: text, host: text, size: 1081, received: time,
            completed: time, attempts: 3, deferrals: 2, relay: text, mailer: text, dsn: text, delay: 12,
            xdelay: 7, stat: text, reply: text, clientRelay: text, proto: text, downstreamQid: text)
    }

    /// One scalar at a time: what the JSON escaper must produce.
    static func referenceJSON(_ s: String) -> [UInt8] {
        var out = Array("\"".utf8)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                out += Array(("\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        return out + Array("\"".utf8)
    }

    /// One scalar at a time: what the CSV cell writer must produce.
    static func referenceCSV(_ s: String) -> [UInt8] {
        var out = Array("\"".utf8)
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { out += Array("'".utf8) }
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += Array("\"\"".utf8)
            case 0x09: out.append(0x09)
            case 0..<0x20, 0x7F...0x9F:
                let hex = String(scalar.value, radix: 16)
                out += Array(("\\x" + (hex.count < 2 ? "0" : "") + hex).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        return out + Array("\"".utf8)
    }

    /// Mostly printable ASCII, with everything the escapers treat specially mixed in.
    static func randomString(length: Int, using random: inout SplitMix64) -> String {
        let specials: [Unicode.Scalar] = [
            "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1b}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "é",
            "\u{2028}", "\u{2029}", "\u{2027}", "€", "\u{FFFD}", "😀", "=", "+", "-", "@",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            if random.next() % 5 == 0 {
                scalars.append(specials[Int(random.next() % UInt64(specials.count))])
            } else {
                scalars.append(Unicode.Scalar(UInt8(0x20 + random.next() % 0x5F)))
            }
        }
        return String(scalars)
    }
}

