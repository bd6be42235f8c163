import Foundation
import Testing

/// A log full of hostile addresses, HELO names and reply texts: NDJSON must stay valid
/// UTF-8 JSON, CSV formula-safe, and nothing may reach a terminal as a control character.
@Suite("hostile output end to end")
struct HostileOutputEndToEndTests {
    /// Address local parts a stranger can put in an envelope, as raw bytes.
    static let hostileLocalParts: [[UInt8]] = [
        Array("=HYPERLINK(\"http://evil.example/\",\"click\")".utf8),
        Array("+1+cmd|' /C calc'!A0".utf8),
        Array("-2+3".utf8),
        Array("@SUM(1+1)".utf8),
        [0x09] + Array("=tab".utf8),
        [0x0D] + Array("=cr".utf8),
        Array("a".utf8) + [0x0D] + Array("hidden".utf8),
        [0x1B] + Array("[2J".utf8) + [0x1B] + Array("]0;owned".utf8) + [0x07],
        [0xC2, 0x9B] + Array("31m".utf8),
        Array("line".utf8) + [0xE2, 0x80, 0xA8] + Array("sep".utf8),
        Array("bad".utf8) + [0xFF, 0xFE, 0xC3],
        Array("nul".utf8) + [0x00] + Array("byte".utf8),
        Array("quote\"d".utf8),
        Array("back\\slash".utf8),
        // Accented letters share continuation bytes with the escaped separators (è = C3 A8).
        Array("crème-brûlée-è-é".utf8),
    ]

    static func hostileLog() -> [UInt8] {
        var bytes: [UInt8] = []
        for (i, local) in hostileLocalParts.enumerated() {
            let q = HostileLog.qid(100 + i)
            let t = HostileLog.time(i)
            bytes += Array("\(t) vm sm-mta[1697]: \(q): from=<".utf8) + local
            bytes += Array("@example.com>, size=312, class=0, nrcpts=1, msgid=<".utf8) + local
            bytes += Array("@example.com>, proto=ESMTP, daemon=MTA, relay=".utf8) + local + Array(" [192.0.2.1]\n".utf8)
            bytes += Array("\(t) vm sm-mta[1698]: \(q): to=<".utf8) + local
            bytes += Array("@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120312, relay=mx.example.org. [198.51.100.2], dsn=5.1.1, stat=User unknown ".utf8)
            bytes += local + Array("\n".utf8)
        }
        return bytes
    }

    private func run(_ format: String) throws -> SmlogProcess {
        let dir = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try HostileFiles.write(Self.hostileLog(), to: dir + "/maillog")
        return try SmlogProcess(["records", "--format", format, path, "--year", "2026", "--tz", "UTC", "--stats"])
    }

    /// True for bytes a terminal acts on: C0 controls other than tab and newline, DEL, and the
    /// UTF-8 encodings of C1 controls.
    private func controlPositions(_ bytes: [UInt8], allowing allowed: Set<UInt8>) -> [Int] {
        var found: [Int] = []
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 || b == 0x7F) && !allowed.contains(b) { found.append(i) }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { found.append(i) }
        }
        return found
    }

    @Test("NDJSON of hostile addresses: valid UTF-8, one valid JSON object a line, no raw control characters")
    func ndjsonStaysValid() throws {
        let run = try run("ndjson")
        #expect(run.status == 0)
        #expect(String(validating: run.stdout, as: UTF8.self) != nil)
        #expect(controlPositions(run.stdout, allowing: [0x0A]).isEmpty)
        #expect(!run.output.contains("\u{2028}"))
        let records = run.records()
        #expect(records.count == Self.hostileLocalParts.count)
        // Values come back intact after decoding (invalid UTF-8 as U+FFFD).
        let recipients = Set(records.compactMap { $0["recipient"] as? String })
        for local in Self.hostileLocalParts {
            let expected = String(decoding: local + Array("@example.org".utf8), as: UTF8.self)
            #expect(recipients.contains(expected), "missing \(expected.debugDescription)")
        }
        #expect(run.stderr.utf8.allSatisfy { $0 >= 0x20 || $0 == 0x0A })
    }

    @Test("CSV of hostile addresses: every text cell quoted, formulas neutralised, no control characters")
    func csvIsFormulaSafe() throws {
        let run = try run("csv")
        #expect(run.status == 0)
        #expect(String(validating: run.stdout, as: UTF8.self) != nil)
        #expect(controlPositions(run.stdout, allowing: [0x0A, 0x0D, 0x09]).isEmpty)
        let rows = try #require(CSV.parse(run.output))
        let header = try #require(rows.first)
        #expect(rows.count == Self.hostileLocalParts.count + 1)
        for row in rows.dropFirst() {
            #expect(row.count == header.count)
            for cell in row where cell.quoted {
                #expect(!CSV.startsDangerously(cell.text), "formula not neutralised: \(cell.text.debugDescription)")
            }
            // Text columns (recipient, sender, relay, stat …) are quoted: only numbers and
            // empty (null) cells are not.
            for cell in row where !cell.quoted {
                #expect(cell.text.isEmpty || Int(cell.text) != nil, "unquoted text cell \(cell.text.debugDescription)")
            }
        }
        let recipients = rows.dropFirst().map { $0[0].text }
        #expect(recipients.contains("'=HYPERLINK(\"http://evil.example/\",\"click\")@example.org"))
        #expect(recipients.contains("'\t=tab@example.org"))
        #expect(recipients.contains("'\\x0d=cr@example.org"))
        #expect(recipients.contains("a\\x0dhidden@example.org"))
        #expect(recipients.contains("\\x1b[2J\\x1b]0;owned\\x07@example.org"))
        #expect(recipients.contains("\\x9b31m@example.org"))
    }
}

/// A strict RFC 4180 reader, enough to check smlog's CSV: cells are either plain (no quote,
/// comma or line break) or quoted with `""` for a quote; rows end with CRLF.
enum CSV {
    struct Cell { var text: String; var quoted: Bool }

    static func parse(_ text: String) -> [[Cell]]? {
        var rows: [[Cell]] = []
        var row: [Cell] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            var cell = Cell(text: "", quoted: false)
            if chars[i] == "\"" {
                cell.quoted = true
                i += 1
                while true {
                    guard i < chars.count else { return nil }
                    if chars[i] == "\"" {
                        if i + 1 < chars.count, chars[i + 1] == "\"" {
                            cell.text.unicodeScalars.append("\"")
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    cell.text.unicodeScalars.append(chars[i])
                    i += 1
                }
            } else {
                while i < chars.count, chars[i] != ",", chars[i] != "\r" {
                    guard chars[i] != "\"", chars[i] != "\n" else { return nil }
                    cell.text.unicodeScalars.append(chars[i])
                    i += 1
                }
            }
            row.append(cell)
            guard i < chars.count else { return nil }  // every row ends with CRLF
            if chars[i] == "," {
                i += 1
                continue
            }
            guard chars[i] == "\r", i + 1 < chars.count, chars[i + 1] == "\n" else { return nil }
            i += 2
            rows.append(row)
            row = []
        }
        return rows
    }

    /// OWASP: a cell a spreadsheet may evaluate.
    static func startsDangerously(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }
}
