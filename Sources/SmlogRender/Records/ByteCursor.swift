/// Writes bytes through a pointer into memory sized beforehand for the worst case (a record's
/// or a string's maximum escaped length), without the per-byte capacity and uniqueness checks
/// of `Array.append`, which cost more than the escaping itself. Whoever makes a cursor checks
/// once that the memory holds that worst case (`RecordWriter`, `appendWithCursor`), and each
/// value checks its own worst case again (`reserve`).
struct ByteCursor {
    private let start: UnsafeMutablePointer<UInt8>
    private var position: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    /// Writes from the start of `buffer`; `buffer` must stay valid while the cursor is used.
    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        // An empty buffer may have no address: any placeholder works, as nothing fits in it.
        let base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
        start = base
        position = base
        end = base + buffer.count
    }

    /// Bytes written so far.
    var count: Int { position - start }

    /// What was written since `count` was `mark`.
    func bytesWritten(since mark: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: start + mark, count: count - mark)
    }

    /// Stops the program rather than write past the end. The record's bound, checked when the
    /// cursor was made, makes this unreachable; it stays in release builds (~28 instructions a
    /// line in `smlog records`) because a bound that ever fell behind the writer, for values an
    /// attacker controls, would otherwise corrupt memory instead of stopping.
    @inline(__always)
    func reserve(_ byteCount: Int) {
        precondition(byteCount >= 0 && end - position >= byteCount, "output bound too small")
    }

    /// One byte, inside a `reserve`d range.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        assert(position < end)
        position.initialize(to: byte)
        position += 1
    }

    /// Two bytes (an escape), inside a `reserve`d range.
    @inline(__always)
    mutating func append(_ first: UInt8, _ second: UInt8) {
        assert(end - position >= 2)
        position[0] = first
        position[1] = second
        position += 2
    }

    /// A run of bytes, checked against the end (a copy costs more than the check).
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        let count = bytes.count
        reserve(count)
        let target = UnsafeMutableRawPointer(position)
        // Most runs (keys, short values) are short: two overlapping loads and stores cost a
        // third of a call to memcpy.
        switch count {
        case 16...32:
            let head = source.loadUnaligned(as: SIMD2<UInt64>.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 16, as: SIMD2<UInt64>.self)
            target.storeBytes(of: head, as: SIMD2<UInt64>.self)
            (target + (count - 16)).storeBytes(of: tail, as: SIMD2<UInt64>.self)
        case 8..<16:
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            (target + (count - 8)).storeBytes(of: tail, as: UInt64.self)
        case 4..<8:
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            (target + (count - 4)).storeBytes(of: tail, as: UInt32.self)
        case 1..<4:
            for k in 0..<count { target.storeBytes(of: source.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self) }
        case 0:
            break
        default:
            target.copyMemory(from: source, byteCount: count)
        }
        position += count
    }

    /// Fixed ASCII text (`null`, a line end).
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"text"`: fixed text that needs no escaping.
    @inline(__always)
    mutating func appendQuoted(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount + 2)
        append(UInt8(ascii: "\""))
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        append(UInt8(ascii: "\""))
    }

    /// Rewrites two bytes already written, at `index` (counted like `count`), with `value`
    /// (0...99) in two digits.
    @inline(__always)
    mutating func overwriteTwoDigits(_ value: Int, at index: Int) {
        precondition(index >= 0 && index + 2 <= count, "not written yet")
        assert((0...99).contains(value))
        start[index] = 48 + UInt8(truncatingIfNeeded: value / 10)
        start[index + 1] = 48 + UInt8(truncatingIfNeeded: value % 10)
    }

    /// `"`, the `count` (0...16) bytes a `PlainBytes.load` of that count returned as `block`,
    /// `"`: a short plain value written from the registers it was tested in. The caller has
    /// reserved `count + 2`.
    @inline(__always)
    mutating func appendQuoted(_ block: PlainBytes.Block, count: Int) {
        assert(count <= 16 && end - position >= count + 2)
        let target = UnsafeMutableRawPointer(position)
        target.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
        PlainBytes.store(block, count: count, to: target + 1)
        (target + (count + 1)).storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
        position += count + 2
    }

    /// Copies `bytes` (at least 16) sixteen at a time while testing them with `flags`, and
    /// advances past them only if no block was flagged; returns whether it did. One pass for
    /// the plain text most values are; a flagged value is written again by the caller's
    /// escaping loop over the same place. The caller has reserved `bytes.count`.
    @inline(__always)
    mutating func appendIfPlain(_ bytes: UnsafeRawBufferPointer, flags: (PlainBytes.Block) -> PlainBytes.Block) -> Bool {
        let n = bytes.count
        guard n >= 16, let source = bytes.baseAddress else { return false }
        reserve(n)
        let target = UnsafeMutableRawPointer(position)
        var flagged = PlainBytes.Block()
        var i = 0
        while i <= n &- 16 {
            let block = source.loadUnaligned(fromByteOffset: i, as: PlainBytes.Block.self)
            (target + i).storeBytes(of: block, as: PlainBytes.Block.self)
            flagged |= flags(block)
            i &+= 16
        }
        if i < n {
            // The last sixteen bytes, overlapping some already copied.
            let block = source.loadUnaligned(fromByteOffset: n &- 16, as: PlainBytes.Block.self)
            (target + (n &- 16)).storeBytes(of: block, as: PlainBytes.Block.self)
            flagged |= flags(block)
        }
        guard flagged[0] | flagged[1] == 0 else { return false }
        position += n
        return true
    }
}

extension Array where Element == UInt8 {
    /// Appends at most `maximumCount` bytes written through a `ByteCursor`, in place.
    mutating func appendWithCursor(maximumCount: Int, _ write: (inout ByteCursor) -> Void) {
        append(addingCapacity: maximumCount) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                // The one check of the memory against the caller's worst case.
                precondition(buffer.count >= maximumCount, "output bound too small")
                var cursor = ByteCursor(buffer)
                write(&cursor)
                precondition(cursor.count <= maximumCount, "wrote past the bound")
                initialized = cursor.count
            }
        }
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, without a copy for native strings.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        var copy = self
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}

extension ByteCursor {
    /// `value` in decimal, zero-padded to `minimumWidth` digits; written right to left in place.
    @inline(__always)
    mutating func appendDecimal(_ value: UInt64, minimumWidth: Int = 1) {
        if value < 10 && minimumWidth <= 1 {
            reserve(1)
            append(48 + UInt8(truncatingIfNeeded: value))
            return
        }
        var digits = 1
        var probe = value / 10
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        let width = max(digits, minimumWidth)
        reserve(width)
        var rest = value
        var place = position + width
        while place > position {
            place -= 1
            place.initialize(to: 48 + UInt8(truncatingIfNeeded: rest % 10))
            rest /= 10
        }
        position += width
    }

    /// `value` (0...9999) as four digits.
    @inline(__always)
    mutating func appendFourDigits(_ value: Int) {
        assert((0...9999).contains(value))
        let high = value / 100
        let low = value % 100
        append(48 + UInt8(truncatingIfNeeded: high / 10), 48 + UInt8(truncatingIfNeeded: high % 10))
        append(48 + UInt8(truncatingIfNeeded: low / 10), 48 + UInt8(truncatingIfNeeded: low % 10))
    }

    /// `value` (0...99) as two digits.
    @inline(__always)
    mutating func appendTwoDigits(_ value: Int) {
        assert((0...99).contains(value))
        append(48 + UInt8(truncatingIfNeeded: value / 10), 48 + UInt8(truncatingIfNeeded: value % 10))
    }
}
