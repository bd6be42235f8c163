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
        let bound = maximumLength(of: record)
        out.appendWithCursor(maximumCount: bound) { cursor in
            write(record, to: &cursor)
            precondition(cursor.count <= bound, "record longer than its bound")
        }
    }

    /// Writes one record (with its line end) at the start of `buffer` and returns its length.
    /// The program stops if `buffer` holds fewer than `maximumLength(of: record)` bytes.
    public func write(_ record: DeliveryRecord, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let bound = maximumLength(of: record)
        return write(record, into: buffer, bound: bound)
    }

    /// Writes one record (with its line end) through `output`, which is handed the record's
    /// maximum length and a body to call with memory of at least that many bytes (the body
    /// returns how many it wrote). The bound is worked out once and checked against that
    /// memory once, before any byte is written.
    @inlinable  // the two closures inlined into the caller: no closure contexts a record
    public func write(
        _ record: DeliveryRecord,
        through output: (_ maximumCount: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) -> Void
    ) {
        let bound = maximumLength(of: record)
        output(bound) { write(record, into: $0, bound: bound) }
    }

    /// The one check of a record's memory: `bound` (its maximum length) must fit in `buffer`.
    /// The values inside are then written without a check each (see `ByteCursor`); that the
    /// bound holds for every value at its longest escape is tested for both formats, and the
    /// length written is checked against it once more.
    @usableFromInline
    func write(_ record: DeliveryRecord, into buffer: UnsafeMutableRawBufferPointer, bound: Int) -> Int {
        precondition(buffer.count >= bound, "output bound too small")
        var cursor = ByteCursor(buffer.bindMemory(to: UInt8.self))
        write(record, to: &cursor)
        precondition(cursor.count <= bound, "record longer than its bound")
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
