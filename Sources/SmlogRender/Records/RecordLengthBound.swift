import SmlogParse

/// The most bytes one record can take in either format, computed before writing it so the
/// output buffer grows at most once a record and the writers need no per-byte checks.
/// Generous on purpose: every text byte is counted as if it needed the longest escape.
struct RecordLengthBound: RecordFieldVisitor {
    /// Field names, separators and line end.
    private(set) var total: Int

    init(fixed: Int) { total = fixed }

    private static let null = 4

    @inline(__always)
    mutating func text(_ field: RecordField, _ value: String?) {
        guard let value else { return total += Self.null }
        total += Self.text(utf8Count: value.utf8.count)
    }

    @inline(__always)
    mutating func number(_ field: RecordField, _ value: Int?) {
        total += JSONText.maximumIntegerLength
    }

    @inline(__always)
    mutating func time(_ field: RecordField, _ value: LogTime?) {
        total += 2 + ISO8601Time.maximumLength
    }

    @inline(__always)
    mutating func list(_ field: RecordField, _ values: [String]) {
        total += 3  // brackets or quotes, and the CSV guard
        for value in values { total += 1 + Self.text(utf8Count: value.utf8.count) }
    }

    /// The larger of a JSON string and a CSV cell.
    @inline(__always)
    private static func text(utf8Count: Int) -> Int {
        max(JSONText.maximumLength(utf8Count: utf8Count), CSVText.maximumLength(utf8Count: utf8Count))
    }
}
