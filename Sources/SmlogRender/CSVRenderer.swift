import SmlogAnalyze

/// One report table as CSV (RFC 4180): a header row, then one row per entry, lines ended
/// by CRLF. A cell is quoted (with `"` doubled) only when it holds a comma, a quote or
/// leading/trailing spaces. Text from the log has control characters made visible (see
/// `VisibleText`), so no cell spans lines, and gets the OWASP formula-injection guard: a
/// leading `'` when it starts with `=`, `+`, `-`, `@`, tab or CR. Numbers are plain
/// integers; an unknown number (a percentile of nothing) is an empty cell.
public struct CSVRenderer: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The table's section was not selected when the report was built.
        case sectionNotInReport(String)

        public var description: String {
            switch self {
            case .sectionNotInReport(let name): "section '\(name)' was not computed for this report"
            }
        }
    }

    public init() {}

    public func render(_ report: Report, table: CSVTable) throws -> [UInt8] {
        var buffer: [UInt8] = []
        try render(report, table: table, into: &buffer)
        return buffer
    }

    /// Appends the table to `buffer`.
    public func render(_ report: Report, table: CSVTable, into buffer: inout [UInt8]) throws {
        guard let data = CSVTableData.make(table, from: report) else {
            throw Failure.sectionNotInReport(table.section.rawValue)
        }
        appendRow(data.header.map { CSVCell.word($0) }, to: &buffer)
        for row in data.rows { appendRow(row, to: &buffer) }
    }

    private func appendRow(_ cells: [CSVCell], to buffer: inout [UInt8]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            switch cell {
            case .int(let v): buffer.append(contentsOf: String(v).utf8)
            case .optionalInt(let v): if let v { buffer.append(contentsOf: String(v).utf8) }
            case .word(let s): appendQuoted(VisibleText.escape(s), to: &buffer)
            case .log(let s): appendQuoted(Self.formulaSafe(s), to: &buffer)
            }
        }
        buffer.append(13)
        buffer.append(10)
    }

    /// The guarded, visible form of a text cell from the log.
    static func formulaSafe(_ text: String) -> String {
        let visible = VisibleText.escape(text)
        guard let first = text.unicodeScalars.first else { return visible }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + visible
        default: return visible
        }
    }

    private func appendQuoted(_ text: String, to buffer: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else {
            buffer.append(contentsOf: text.utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            if b == UInt8(ascii: "\"") { buffer.append(b) }
            buffer.append(b)
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
