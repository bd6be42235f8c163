import SmlogParse

/// Writes a record's fields as one CSV row: text quoted and formula-guarded, numbers and
/// times bare, missing values empty.
struct CSVRecordFields: RecordFieldVisitor {
    var out: ByteCursor
    private let times: ISO8601TimeCache
    private var fieldIndex = 0

    init(out: ByteCursor, times: ISO8601TimeCache) {
        self.out = out
        self.times = times
    }

    @inline(__always)
    private mutating func separator(_ field: RecordField) {
        assert(RecordField.allCases[fieldIndex] == field, "fields visited out of column order")
        if fieldIndex > 0 {
            out.reserve(1)
            out.append(UInt8(ascii: ","))
        }
        fieldIndex += 1
    }

    @inline(__always)
    mutating func text(_ field: RecordField, _ value: String?) {
        separator(field)
        guard let value else { return }
        CSVText.appendCell(value, to: &out)
    }

    /// A fixed name needs neither escaping nor the formula guard.
    @inline(__always)
    mutating func word(_ field: RecordField, _ value: StaticString?) {
        separator(field)
        guard let value else { return }
        out.appendQuoted(value)
    }

    @inline(__always)
    mutating func number(_ field: RecordField, _ value: Int?) {
        separator(field)
        guard let value else { return }
        JSONText.appendInteger(value, to: &out)
    }

    @inline(__always)
    mutating func time(_ field: RecordField, _ value: LogTime?) {
        separator(field)
        guard let value else { return }
        out.reserve(2 + ISO8601Time.maximumLength)
        out.append(UInt8(ascii: "\""))
        times.append(value, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    mutating func list(_ field: RecordField, _ values: [String]) {
        separator(field)
        CSVText.appendCell(joining: values, separator: UInt8(ascii: " "), to: &out)
    }

    /// Ends the row.
    mutating func finish() {
        assert(fieldIndex == RecordField.allCases.count, "a field was not written")
        out.append("\r\n")
    }
}
