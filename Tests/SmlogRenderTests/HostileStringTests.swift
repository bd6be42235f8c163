import Foundation
import SmlogAnalyze
@testable import SmlogRender
import Testing

@Suite struct HostileStringTests {
    let report = HostileFixture.report()

    @Test func textOutputHasNoControlCharactersAndFitsTheWidth() {
        for width in [80, 60, 132] {
            let text = String(decoding: TextRenderer(width: width).render(report), as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(line.unicodeScalars.count <= width, "too wide: \(line)")
                #expect(!line.unicodeScalars.contains { VisibleText.needsEscape($0) }, "raw control in: \(line)")
            }
            #expect(text.contains("\\x1b[2J"))
            #expect(text.contains("\\u{202e}"))
            #expect(text.contains("sendmail's own \\033 escape"))
        }
    }

    @Test func colourIsTheOnlyEscapeAndOnlyWhenAsked() {
        let plain = TextRenderer(color: false).render(report)
        #expect(!plain.contains(0x1B))
        let coloured = String(decoding: TextRenderer(color: true).render(ReportFixture.report()), as: UTF8.self)
        #expect(coloured.contains("\u{1b}[1mSUMMARY\u{1b}[0m"))
        // Every ESC starts an SGR sequence (ESC [ digits m).
        let scalars = Array(coloured.unicodeScalars)
        for (i, s) in scalars.enumerated() where s == "\u{1b}" {
            #expect(i + 1 < scalars.count && scalars[i + 1] == "[")
            var j = i + 2
            while j < scalars.count, ("0"..."9").contains(scalars[j]) { j += 1 }
            #expect(j < scalars.count && scalars[j] == "m")
        }
    }

    @Test func jsonIsValidUTF8AndRoundTripsEveryString() throws {
        let bytes = JSONRenderer().render(report)
        #expect(String(validating: bytes, as: UTF8.self) != nil)
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x20 })
        let json = String(decoding: bytes, as: UTF8.self)
        #expect(json.contains(#"para\u2028graph"#))
        #expect(json.contains(#"nul\u0000byte"#))
        #expect(json.contains(#"\u001b[2J"#))
        #expect(json.contains(#"del\u007f"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let reasons = try #require(object["deferral_reasons"] as? [[String: Any]])
        let examples = reasons.compactMap { $0["example"] as? String }
        #expect(examples == HostileFixture.strings)
        let relays = try #require(object["relays"] as? [[String: Any]])
        #expect(relays.compactMap { $0["relay"] as? String } == HostileFixture.strings)
        let compact = JSONRenderer(pretty: false).render(report)
        #expect(try JSONSerialization.jsonObject(with: Data(compact)) is [String: Any])
    }

    @Test(arguments: CSVTable.allCases)
    func everyCSVTableIsWellFormedAndFormulaSafe(_ table: CSVTable) throws {
        let bytes = try CSVRenderer().render(report, table: table)
        let rows = try #require(SimpleCSV.parse(bytes))
        let width = try #require(rows.first?.count)
        for row in rows {
            #expect(row.count == width, "ragged row: \(row)")
            for cell in row {
                #expect(!cell.unicodeScalars.contains { VisibleText.needsEscape($0) }, "raw control in: \(cell)")
                if let first = cell.unicodeScalars.first {
                    #expect(!["=", "+", "@", "\t", "\r"].contains(first), "formula cell: \(cell)")
                    if first == "-" { #expect(Int(cell) != nil, "text cell starting with '-': \(cell)") }
                }
            }
        }
    }

    @Test func formulaGuardPrefixesAQuoteOnlyToLogText() {
        #expect(CSVRenderer.formulaSafe("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(CSVRenderer.formulaSafe("-2+3") == "'-2+3")
        #expect(CSVRenderer.formulaSafe("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVRenderer.formulaSafe("\tx") == "'\\tx")
        #expect(CSVRenderer.formulaSafe("\rx") == "'\\rx")
        #expect(CSVRenderer.formulaSafe("plain") == "plain")
        #expect(CSVRenderer.formulaSafe("") == "")
    }
}

/// A strict RFC 4180 reader for the tests: CRLF line ends, quoted cells with doubled
/// quotes; nil on anything malformed.
enum SimpleCSV {
    static func parse(_ bytes: [UInt8]) -> [[String]]? {
        var rows: [[String]] = []
        var row: [String] = []
        var cell: [UInt8] = []
        var i = 0
        var quoted = false
        var cellStart = true
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x22 { cell.append(0x22); i += 2; continue }
                    quoted = false
                    i += 1
                    guard i < bytes.count, bytes[i] == 0x2C || bytes[i] == 0x0D else { return nil }
                    continue
                }
                cell.append(b)
                i += 1
                continue
            }
            switch b {
            case 0x22 where cellStart: quoted = true; cellStart = false; i += 1
            case 0x22: return nil
            case 0x2C:
                row.append(String(decoding: cell, as: UTF8.self)); cell = []; cellStart = true; i += 1
            case 0x0D:
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { return nil }
                row.append(String(decoding: cell, as: UTF8.self)); cell = []
                rows.append(row); row = []; cellStart = true; i += 2
            case 0x0A: return nil
            default: cell.append(b); cellStart = false; i += 1
            }
        }
        guard !quoted, cell.isEmpty, row.isEmpty else { return nil }
        return rows
    }
}
