import SmlogCorrelate

/// Writes delivery records as NDJSON (one JSON object a line) or CSV (RFC 4180, header row).
public struct RecordWriter {
    public enum Format: String, CaseIterable, Sendable {
        case ndjson, csv
    }

    public let format: Format
    /// What every record takes besides its values: keys or separators, and the line end.
    let fixedLength: Int
    /// Shared by copies of the writer; it only ever holds correct text for its times.
    private let times = ISO8601TimeCache()

    public init(format: Format) {
        self.format = format
        var keys = 0
        for field in RecordField.allCases { keys += field.jsonKey.utf8CodeUnitCount }
        fixedLength = max(keys, RecordField.allCases.count) + 2
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

    /// The most bytes `write` can take for `record` (a generous bound, worked out once a record).
    public func maximumLength(of record: DeliveryRecord) -> Int {
        var bound = RecordLengthBound(fixed: fixedLength)
        record.visitFields(&bound)
        return bound.total
    }

    /// Appends one record (with its line end) to `out`, in place: the record's maximum length
    /// is reserved once, then written through a pointer.
    public func write(_ record: DeliveryRecord, into out: inout [UInt8]) {
        out.appendWithCursor(maximumCount: maximumLength(of: record)) { write(record, to: &$0) }
    }

    /// Writes one record (with its line end) at the start of `buffer` and returns its length.
    /// `buffer` must hold at least `maximumLength(of: record)` bytes (the program stops rather
    /// than write past its end).
    public func write(_ record: DeliveryRecord, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var cursor = ByteCursor(buffer.bindMemory(to: UInt8.self))
        write(record, to: &cursor)
        return cursor.count
    }

    private func write(_ record: DeliveryRecord, to cursor: inout ByteCursor) {
        switch format {
        case .ndjson:
            var fields = JSONRecordFields(out: cursor, times: times)
            record.visitFields(&fields)
            fields.finish()
            cursor = fields.out
        case .csv:
            var fields = CSVRecordFields(out: cursor, times: times)
            record.visitFields(&fields)
            fields.finish()
            cursor = fields.out
        }
    }
}
