/// A read-only view of one log line's bytes, valid only while the line is being handled.
///
/// The view never escapes the callback that receives it: the bytes belong to the input
/// buffer (or the long-line joiner) and are overwritten by the next line.
public struct LineBytes {
    public let base: UnsafeRawBufferPointer

    @inlinable
    public init(_ base: UnsafeRawBufferPointer) { self.base = base }

    @inlinable public var count: Int { base.count }

    @inlinable
    public subscript(_ index: Int) -> UInt8 { base[index] }

    /// The bytes of `range` (empty for `.empty` or out-of-bounds ranges).
    /// Forced inline: other stages call it per field, and a call costs ~40 instructions.
    @inlinable @inline(__always)
    public func slice(_ range: ByteRange) -> UnsafeRawBufferPointer {
        guard !range.isEmpty, range.lower >= 0, Int(range.upper) <= base.count else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(rebasing: base[Int(range.lower)..<Int(range.upper)])
    }

    /// True when `range` holds exactly the ASCII text `literal`.
    @inlinable
    public func equals(_ range: ByteRange, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let s = slice(range)
        let p = literal.utf8Start
        for i in 0..<s.count where s[i] != p[i] { return false }
        return true
    }

    /// Copies `range` out as an array (for state that outlives the line).
    public func bytes(_ range: ByteRange) -> [UInt8] { Array(slice(range)) }

    /// Decodes `range` as text. Invalid UTF-8 is repaired, never trapped on.
    /// Not for the hot path: call it only for values that are kept.
    public func string(_ range: ByteRange) -> String {
        String(decoding: slice(range), as: UTF8.self)
    }

    /// The whole line as text (lossy), for raw output and error messages.
    public var text: String { String(decoding: base, as: UTF8.self) }
}

@available(*, unavailable)
extension LineBytes: Sendable {}
