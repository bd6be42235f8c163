/// A half-open range of byte offsets inside one line.
///
/// Parsed lines never copy their fields: every field is a `ByteRange` into the line's bytes,
/// so parsing allocates nothing. Offsets are `Int32` to keep `ParsedLine` small.
public struct ByteRange: Equatable, Hashable, Sendable {
    public var lower: Int32
    public var upper: Int32

    @inlinable
    public init(_ lower: Int, _ upper: Int) {
        self.lower = Int32(truncatingIfNeeded: lower)
        self.upper = Int32(truncatingIfNeeded: upper)
    }

    public static let empty = ByteRange(0, 0)

    @inlinable public var isEmpty: Bool { upper <= lower }
    @inlinable public var count: Int { isEmpty ? 0 : Int(upper - lower) }
}
