import SmlogParse

/// The most bytes one record can take in either format, computed before writing it so the
/// output buffer grows at most once a record and the writers need no per-byte checks.
/// Generous on purpose: every text byte is counted as if it needed the longest escape.
struct RecordLengthBound: RecordFieldVisitor {
    /// Field names, separators and line end.
    private(set) var total: Int

    init(fixed: Int) { total = fixed }

    private static let null = 4

    // Wrapping sums: a string's length is below 2^48, so 24 fields of six times that cannot
    // overflow; the checked forms cost two overflow branches a field.

    @inline(__always)
    mutating func text(_ field: RecordField, _ value: String?) {
        guard let value else { return total &+= Self.null }
        total &+= Self.text(utf8Count: value.utf8.count)
    }

    @inline(__always)
    mutating func word(_ field: RecordField, _ value: StaticString?) {
        guard let value else { return total &+= Self.null }
        total &+= Self.text(utf8Count: value.utf8CodeUnitCount)
    }

    @inline(__always)
    mutating func number(_ field: RecordField, _ value: Int?) {
        total &+= JSONText.maximumIntegerLength
    }

    @inline(__always)
    mutating func time(_ field: RecordField, _ value: LogTime?) {
        total &+= 2 + ISO8601Time.maximumLength
    }

    @inline(__always)
    mutating func list(_ field: RecordField, _ values: [String]) {
        total &+= 3  // brackets or quotes, and the CSV guard
        for value in values { total &+= 1 &+ Self.text(utf8Count: value.utf8.count) }
    }

    /// At least a JSON string (`2 + 6 n`) and a CSV cell (`3 + 4 n`): one multiply, no
    /// comparison.
    @inline(__always)
    static func text(utf8Count: Int) -> Int {
        3 &+ 6 &* utf8Count
    }
}
