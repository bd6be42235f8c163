import SmlogCorrelate

/// Writes delivery records as NDJSON (one JSON object a line) or CSV (RFC 4180, header row).
public struct RecordWriter {
    public enum Format: String, CaseIterable, Sendable {
        case ndjson, csv
    }

    public let format: Format
    /// `"name":` of every field, made once.
    private let jsonKeys: [[UInt8]]

    public init(format: Format) {
        self.format = format
        jsonKeys = RecordField.allCases.map { field in
            var key: [UInt8] = []
            JSONText.appendString(field.rawValue, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    /// Bytes to write before the first record (the CSV header row).
    public func header() -> [UInt8] {
        guard format == .csv else { return [] }
        var out: [UInt8] = []
        for (i, field) in RecordField.allCases.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: field.rawValue.utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        return out
    }

    /// Appends one record (with its line end) to `out`.
    public func write(_ record: DeliveryRecord, into out: inout [UInt8]) {
        switch format {
        case .ndjson: writeJSON(record, into: &out)
        case .csv: writeCSV(record, into: &out)
        }
    }

    private func writeJSON(_ record: DeliveryRecord, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, field) in RecordField.allCases.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: jsonKeys[i])
            switch record.value(field) {
            case .text(let s): JSONText.appendString(s, to: &out)
            case .number(let n): JSONText.appendInteger(n, to: &out)
            case .time(let t):
                out.append(UInt8(ascii: "\""))
                ISO8601Time.append(t, to: &out)
                out.append(UInt8(ascii: "\""))
            case .null: out.append(contentsOf: "null".utf8)
            case .list(let items):
                out.append(UInt8(ascii: "["))
                for (j, item) in items.enumerated() {
                    if j > 0 { out.append(UInt8(ascii: ",")) }
                    JSONText.appendString(item, to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        out.append(contentsOf: "}\n".utf8)
    }

    private func writeCSV(_ record: DeliveryRecord, into out: inout [UInt8]) {
        for (i, field) in RecordField.allCases.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            switch record.value(field) {
            case .text(let s): CSVText.appendCell(s, to: &out)
            case .number(let n): JSONText.appendInteger(n, to: &out)
            case .time(let t):
                out.append(UInt8(ascii: "\""))
                ISO8601Time.append(t, to: &out)
                out.append(UInt8(ascii: "\""))
            case .null: break
            case .list(let items): CSVText.appendCell(items.joined(separator: " "), to: &out)
            }
        }
        out.append(contentsOf: "\r\n".utf8)
    }
}
