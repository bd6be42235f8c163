import SmlogCorrelate

/// Writes delivery records as NDJSON (one JSON object a line) or CSV (RFC 4180, header row).
public struct RecordWriter {
    public enum Format: String, CaseIterable, Sendable {
        case ndjson, csv
    }

    public let format: Format
    /// `{"recipient":`, `,"sender":`, … made once (see `JSONRecordFields`).
    private let jsonKeys: [UInt8]
    private let jsonKeyStarts: [Int]
    /// What every record takes besides its values: keys or separators, and the line end.
    let fixedLength: Int
    /// Shared by copies of the writer; it only ever holds a correct date for its day.
    private let dayCache = ISO8601DayCache()

    public init(format: Format) {
        self.format = format
        (jsonKeys, jsonKeyStarts) = JSONRecordFields.keyTable()
        fixedLength = max(jsonKeys.count, RecordField.allCases.count) + 2
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

    /// Appends one record (with its line end) to `out`, in place: the record's maximum length
    /// is reserved once, then written through a pointer.
    public func write(_ record: DeliveryRecord, into out: inout [UInt8]) {
        var bound = RecordLengthBound(fixed: fixedLength)
        record.visitFields(&bound)
        out.appendWithCursor(maximumCount: bound.total) { cursor in
            switch format {
            case .ndjson: writeJSON(record, to: &cursor)
            case .csv: writeCSV(record, to: &cursor)
            }
        }
    }

    private func writeJSON(_ record: DeliveryRecord, to cursor: inout ByteCursor) {
        jsonKeys.withUnsafeBytes { keys in
            jsonKeyStarts.withUnsafeBufferPointer { keyStarts in
                var fields = JSONRecordFields(out: cursor, keys: keys, keyStarts: keyStarts, dayCache: dayCache)
                record.visitFields(&fields)
                fields.finish()
                cursor = fields.out
            }
        }
    }

    private func writeCSV(_ record: DeliveryRecord, to cursor: inout ByteCursor) {
        var fields = CSVRecordFields(out: cursor, dayCache: dayCache)
        record.visitFields(&fields)
        fields.finish()
        cursor = fields.out
    }
}
