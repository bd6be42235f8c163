import SmlogParse

/// Writes a record's fields as the members of one JSON object (`{"recipient":…,…}`), each
/// preceded by its key from a table made once.
struct JSONRecordFields: RecordFieldVisitor {
    var out: ByteCursor
    /// `{"recipient":`, `,"sender":`, … back to back; `keyStarts[i]..<keyStarts[i + 1]` is field i's.
    private let keys: UnsafeRawBufferPointer
    private let keyStarts: UnsafeBufferPointer<Int>
    private let dayCache: ISO8601DayCache
    private var fieldIndex = 0

    init(
        out: ByteCursor, keys: UnsafeRawBufferPointer, keyStarts: UnsafeBufferPointer<Int>, dayCache: ISO8601DayCache
    ) {
        self.out = out
        self.dayCache = dayCache
        self.keys = keys
        self.keyStarts = keyStarts
    }

    /// The key table for `RecordWriter` to keep.
    static func keyTable() -> (keys: [UInt8], starts: [Int]) {
        var keys: [UInt8] = []
        var starts: [Int] = []
        for (i, field) in RecordField.allCases.enumerated() {
            starts.append(keys.count)
            keys.append(i == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            JSONText.appendString(field.rawValue, to: &keys)
            keys.append(UInt8(ascii: ":"))
        }
        starts.append(keys.count)
        return (keys, starts)
    }

    @inline(__always)
    private mutating func key(_ field: RecordField) {
        assert(RecordField.allCases[fieldIndex] == field, "fields visited out of column order")
        out.append(UnsafeRawBufferPointer(rebasing: keys[keyStarts[fieldIndex]..<keyStarts[fieldIndex + 1]]))
        fieldIndex += 1
    }

    @inline(__always)
    mutating func text(_ field: RecordField, _ value: String?) {
        key(field)
        guard let value else { return out.append("null") }
        JSONText.appendString(value, to: &out)
    }

    @inline(__always)
    mutating func number(_ field: RecordField, _ value: Int?) {
        key(field)
        guard let value else { return out.append("null") }
        JSONText.appendInteger(value, to: &out)
    }

    @inline(__always)
    mutating func time(_ field: RecordField, _ value: LogTime?) {
        key(field)
        guard let value else { return out.append("null") }
        out.reserve(2 + ISO8601Time.maximumLength)
        out.append(UInt8(ascii: "\""))
        ISO8601Time.append(value, to: &out, dayCache: dayCache)
        out.append(UInt8(ascii: "\""))
    }

    mutating func list(_ field: RecordField, _ values: [String]) {
        key(field)
        out.reserve(1)
        out.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 {
                out.reserve(1)
                out.append(UInt8(ascii: ","))
            }
            JSONText.appendString(value, to: &out)
        }
        out.reserve(1)
        out.append(UInt8(ascii: "]"))
    }

    /// Closes the object and the line.
    mutating func finish() {
        assert(fieldIndex == RecordField.allCases.count, "a field was not written")
        out.append("}\n")
    }
}
