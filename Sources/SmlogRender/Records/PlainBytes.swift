/// Tests sixteen bytes at once (two 64-bit words in one SSE register, SWAR) for bytes an
/// escaper must look at, so the printable ASCII that most log text is made of is skipped at
/// about 2 instructions a byte instead of 7 and then copied in one run. A block that fails
/// the test is only a reason to look closer: the escaper then checks its bytes one at a time.
/// (Swift's SIMD16<UInt8> comparisons compile to a loop per lane; this form vectorizes.)
enum PlainBytes {
    typealias Block = SIMD2<UInt64>

    // Computed, not stored: a stored static is a lazy global behind a `swift_once` call.
    private static var ones: Block { Block(repeating: 0x0101_0101_0101_0101) }
    private static var highBits: Block { Block(repeating: 0x8080_8080_8080_8080) }
    private static var spaces: UInt64 { 0x2020_2020_2020_2020 }

    /// `byte` in every lane.
    @inline(__always)
    private static func lanes(_ byte: UInt8) -> Block { Block(repeating: UInt64(byte) &* 0x0101_0101_0101_0101) }

    /// High bit set in the byte lanes that are zero (exact for "any").
    @inline(__always)
    private static func zeroLanes(_ block: Block) -> Block {
        (block &- ones) & ~block & highBits
    }

    /// High bit set in some lane when a byte is below 0x20, 0x7F or above, or equal to `special`
    /// (which must be 0x20...0x7E).
    @inline(__always)
    private static func controlHighOr(_ special: UInt8, _ block: Block) -> Block {
        let control = (block &- lanes(0x20)) & ~block & highBits
        let delOrHigh = ((block &+ ones) | block) & highBits
        return control | delOrHigh | zeroLanes(block ^ lanes(special))
    }

    /// True when a JSON string escaper may need to look at a byte of `block`: a control, `"`,
    /// `\`, DEL or any byte of a multi-byte character.
    @inline(__always)
    static func mayNeedJSONEscape(_ block: Block) -> Bool {
        let flagged = jsonEscapeFlags(block)
        return (flagged[0] | flagged[1]) != 0
    }

    /// The high bit of every byte lane `mayNeedJSONEscape` looks for (and maybe of others).
    @inline(__always)
    static func jsonEscapeFlags(_ block: Block) -> Block {
        controlHighOr(UInt8(ascii: "\""), block) | zeroLanes(block ^ lanes(0x5C))
    }

    /// True when a CSV cell writer may need to look at a byte of `block`: a control (tab
    /// included), `"`, DEL or any byte of a multi-byte character.
    @inline(__always)
    static func mayNeedCSVEscape(_ block: Block) -> Bool {
        let flagged = csvEscapeFlags(block)
        return (flagged[0] | flagged[1]) != 0
    }

    /// The high bit of every byte lane `mayNeedCSVEscape` looks for (and maybe of others).
    @inline(__always)
    static func csvEscapeFlags(_ block: Block) -> Block {
        controlHighOr(UInt8(ascii: "\""), block)
    }

    /// The `count` (0...16) bytes at `p` as one block; lanes past them hold spaces, which
    /// never need escaping. Reads only those bytes (overlapping loads), never past them.
    @inline(__always)
    static func load(_ p: UnsafeRawPointer, count: Int) -> Block {
        if count >= 16 { return p.loadUnaligned(as: Block.self) }
        if count >= 8 {
            return Block(p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        return Block(loadShort(p, count: count), spaces)
    }

    /// Writes the `count` (0...16) bytes that `load(_:count:)` read into `block` back out at
    /// `p`, with the same overlapping words (no reload, no copy loop).
    @inline(__always)
    static func store(_ block: Block, count: Int, to p: UnsafeMutableRawPointer) {
        if count >= 8 {
            p.storeBytes(of: block[0], as: UInt64.self)
            (p + (count - 8)).storeBytes(of: block[1], as: UInt64.self)
        } else if count >= 4 {
            p.storeBytes(of: UInt32(truncatingIfNeeded: block[0]), as: UInt32.self)
            (p + (count - 4)).storeBytes(of: UInt32(truncatingIfNeeded: block[0] >> 32), as: UInt32.self)
        } else if count >= 2 {
            p.storeBytes(of: UInt16(truncatingIfNeeded: block[0]), as: UInt16.self)
            (p + (count - 2)).storeBytes(of: UInt16(truncatingIfNeeded: block[0] >> 16), as: UInt16.self)
        } else if count == 1 {
            p.storeBytes(of: UInt8(truncatingIfNeeded: block[0]), as: UInt8.self)
        }
    }

    /// 0...7 bytes, padded with spaces.
    @inline(__always)
    private static func loadShort(_ p: UnsafeRawPointer, count: Int) -> UInt64 {
        if count >= 4 {
            let low = UInt64(p.loadUnaligned(as: UInt32.self))
            let high = UInt64(p.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return low | high << 32
        }
        if count >= 2 {
            let low = UInt64(p.loadUnaligned(as: UInt16.self))
            let high = UInt64(p.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self))
            return low | high << 16 | 0x2020_2020_0000_0000
        }
        if count == 1 { return UInt64(p.load(as: UInt8.self)) | 0x2020_2020_2020_2000 }
        return spaces  // nothing to read
    }

    /// The block to test at offset `i` of `n` bytes and where the bytes it vouches for end:
    /// sixteen bytes from `i`, or, near the end, the last sixteen (overlapping bytes already
    /// checked) so a short tail costs no byte-by-byte loop.
    @inline(__always)
    static func block(_ base: UnsafeRawPointer, at i: Int, of n: Int) -> (block: Block, end: Int) {
        let remaining = n - i
        if remaining >= 16 { return (load(base + i, count: 16), i + 16) }
        if n >= 16 { return (load(base + (n - 16), count: 16), n) }
        return (load(base + i, count: remaining), n)
    }

    /// Copies `bytes` to `out`, runs of plain bytes in one go: blocks that `mayNeedEscape`
    /// clears are skipped whole; in the others each byte goes to `escape(i, run, out)`, which
    /// returns 0 for a byte kept as it is, or appends `run` (the plain bytes before it, not yet
    /// written) and its replacement and returns how many input bytes that replaced. The caller
    /// has reserved the format's worst case.
    @inline(__always)
    static func copyEscaping(
        _ bytes: UnsafeRawBufferPointer, to out: inout ByteCursor,
        mayNeedEscape: (Block) -> Bool,
        escape: (_ index: Int, _ run: UnsafeRawBufferPointer, _ out: inout ByteCursor) -> Int
    ) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var runStart = 0
        var i = 0
        while i < n {
            let (block, stop) = self.block(base, at: i, of: n)
            guard mayNeedEscape(block) else {
                i = stop
                continue
            }
            while i < stop {
                let width = escape(i, UnsafeRawBufferPointer(rebasing: bytes[runStart..<i]), &out)
                guard width > 0 else {
                    i += 1
                    continue
                }
                i += width
                runStart = i
            }
        }
        if n > runStart { out.append(UnsafeRawBufferPointer(rebasing: bytes[runStart..<n])) }
    }
}
