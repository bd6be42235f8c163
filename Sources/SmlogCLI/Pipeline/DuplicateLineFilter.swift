import SmlogParse

/// Recognises a message line that repeats, byte for byte, one of the last `window` such lines:
/// what a syslog relay that forwards twice (two `@@loghost` rules, a relay loop) leaves in
/// the log. Such a copy is counted again as understood but not applied twice, so attempts and
/// deferrals are not doubled and a repeated `from=` is not taken for a reused queue id.
///
/// Only lines that change a message are checked (`from=`, `to=`, notices, clones, splits,
/// `done`, discards): each carries the time to the second, the pid and the queue id, and a
/// second attempt of the same recipient differs at least in its `pri=`. Other lines do repeat
/// exactly in real logs (`alias root => alice` for two recipients, the same RCPT refused twice
/// in one second) and are always counted.
///
/// Per checked line: a fast 64-bit hash (16 bytes a step, seeded at random per run), a few
/// probes in a fixed table and a copy of the line into a fixed ring; a hash match is confirmed
/// byte for byte against that copy, so a sender cannot forge a collision that hides their
/// line. No allocation after start-up; lines over `maxCheckedLength` are never duplicates.
struct DuplicateLineFilter {
    static let window = 4_096
    /// Four slots per remembered line keeps probe runs short.
    private static let tableSize = 16_384
    private static let maxProbes = 8
    static let maxCheckedLength = 4_096
    /// Room for the last `window` lines of a typical length: a copy older than this many
    /// bytes written no longer matches.
    private static let retained = 1 << 20  // a power of two (masked)
    /// Twice `retained`: a new line's copy, written before the line is known to be new,
    /// lands on bytes written more than `retained` ago, never on a copy still trusted.
    private static let ringSize = 2 * retained

    private struct Entry {
        var hash: UInt64 = 0
        /// Sequence number of the newest occurrence (0: empty).
        var sequence: Int = 0
        /// Where the copy starts, counting every byte ever written to the ring.
        var position: Int = 0
        var length: Int = 0
    }

    /// The table and the ring, allocated once; reached through pointers, so a checked line
    /// costs no array uniqueness or bounds checks (indexes are masked or bounded here).
    private final class Storage {
        let table: UnsafeMutablePointer<Entry>
        let ring: UnsafeMutableRawPointer

        init() {
            table = .allocate(capacity: DuplicateLineFilter.tableSize)
            table.initialize(repeating: Entry(), count: DuplicateLineFilter.tableSize)
            ring = .allocate(byteCount: DuplicateLineFilter.ringSize, alignment: 16)
        }

        deinit {
            table.deallocate()
            ring.deallocate()
        }
    }

    private let storage = Storage()
    private var written = 0
    private var sequence = 0
    private let seed = UInt64.random(in: .min ... .max)

    /// The line kinds whose repeat would be applied twice.
    static func isChecked(_ kind: EventKind) -> Bool {
        switch kind {
        case .received, .delivery, .notice, .clone, .split, .done, .discarded: true
        default: false
        }
    }

    /// True when `line` repeats one of the last `window` lines checked; otherwise remembers it.
    mutating func isRepeat(_ line: UnsafeRawBufferPointer) -> Bool {
        guard line.count <= Self.maxCheckedLength else { return false }
        sequence &+= 1
        // The copy is written while the line is hashed (one pass over its bytes instead of a
        // hash and a memcpy, ~45 instructions a line) to where it would be kept, and kept only
        // if the line is new. That place never holds bytes of a line still matchable: see
        // `ringSize`.
        let start = storeStart(for: line.count)
        let hash = Self.hash(line, seed: seed, copyingTo: storage.ring + Self.ringOffset(start))
        let mask = Self.tableSize - 1
        var victim = -1
        var victimSequence = Int.max
        var probe = Int(truncatingIfNeeded: hash) & mask
        let table = storage.table
        for _ in 0..<Self.maxProbes {
            let entry = table[probe]
            let live = entry.sequence > 0 && sequence &- entry.sequence <= Self.window
            if live && entry.hash == hash && sameBytes(entry, line) {
                table[probe].sequence = sequence
                return true
            }
            if !live {
                victim = probe
                break
            }
            if entry.sequence < victimSequence {
                victimSequence = entry.sequence
                victim = probe
            }
            probe = (probe + 1) & mask
        }
        guard victim >= 0 else { return false }  // cannot happen: the first probe always sets it
        written = start &+ line.count
        table[victim] = Entry(hash: hash, sequence: sequence, position: start, length: line.count)
        return false
    }

    /// Where a copy of `count` bytes goes: the next byte written, or the start of the next
    /// `retained` span when the copy would cross one (a copy is never split).
    @inline(__always)
    private func storeStart(for count: Int) -> Int {
        let offset = written & (Self.retained - 1)
        return offset &+ count > Self.retained ? written &+ (Self.retained &- offset) : written
    }

    /// Where byte `position` (counted like `written`, never negative) sits in the ring. The
    /// sizes are powers of two and the counts far below `Int.max`: masks and wrapping sums,
    /// not divisions and overflow branches, on every checked line.
    @inline(__always)
    private static func ringOffset(_ position: Int) -> Int { position & (ringSize - 1) }

    /// Whether `entry` is the copy of `line`: only copies among the last `retained` bytes
    /// written are trusted, whatever the physical ring holds beyond them.
    private func sameBytes(_ entry: Entry, _ line: UnsafeRawBufferPointer) -> Bool {
        guard entry.length == line.count, written - entry.position <= Self.retained else { return false }
        let offset = Self.ringOffset(entry.position)
        guard offset + entry.length <= Self.ringSize else { return false }
        return ByteEquality.equal(UnsafeRawBufferPointer(start: storage.ring + offset, count: entry.length), line)
    }

    /// 64-bit hash, 16 bytes a step: two words, one of them mixed with the running state, are
    /// multiplied to 128 bits and the halves folded (the "mum" step of wyhash). About half the
    /// instructions of a multiply-xorshift per 8-byte word. The tail is read as the last 16 (or
    /// 8) bytes, overlapping bytes already hashed, so no byte-by-byte loop; the length is mixed
    /// in first, so lines of different lengths never share those positions.
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        hash(bytes, seed: seed, copyingTo: nil)
    }

    /// `hash(_:seed:)`, also storing the bytes at `target` when it is given: each word is
    /// stored as it is loaded for hashing (the overlapping tail words write the same bytes).
    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64, copyingTo target: UnsafeMutableRawPointer?) -> UInt64 {
        let n = bytes.count
        let secret = seed &* 0xA076_1D64_78BD_642F | 1
        var h = seed ^ (UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
        guard let p = bytes.baseAddress else { return finish(h) }
        @inline(__always) func word(_ offset: Int) -> UInt64 {
            let w = p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            target?.storeBytes(of: w, toByteOffset: offset, as: UInt64.self)
            return w
        }
        @inline(__always) func mum(_ a: UInt64, _ b: UInt64) {
            let product = (a ^ secret).multipliedFullWidth(by: b ^ h)
            h = product.high ^ product.low
        }
        if n >= 16 {
            var i = 0
            // Two steps a turn: the same steps in the same order, less loop overhead.
            while i <= n &- 32 {
                mum(word(i), word(i &+ 8))
                mum(word(i &+ 16), word(i &+ 24))
                i &+= 32
            }
            if i <= n &- 16 {
                mum(word(i), word(i &+ 8))
                i &+= 16
            }
            if i < n { mum(word(n &- 16), word(n &- 8)) }
        } else if n >= 8 {
            mum(word(0), word(n &- 8))
        } else if n >= 4 {
            let low = UInt64(p.loadUnaligned(as: UInt32.self))
            let high = UInt64(p.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self))
            target?.storeBytes(of: UInt32(truncatingIfNeeded: low), as: UInt32.self)
            target?.storeBytes(of: UInt32(truncatingIfNeeded: high), toByteOffset: n &- 4, as: UInt32.self)
            mum(low | high << 32, 0)
        } else if n > 0 {
            var tail: UInt64 = 0
            for i in 0..<n {
                let byte = p.load(fromByteOffset: i, as: UInt8.self)
                target?.storeBytes(of: byte, toByteOffset: i, as: UInt8.self)
                tail |= UInt64(byte) << (8 &* UInt64(i))
            }
            mum(tail, 0)
        }
        return finish(h)
    }

    /// Spreads every bit of `h` over the low bits the table index uses.
    @inline(__always)
    private static func finish(_ h: UInt64) -> UInt64 {
        var x = (h ^ (h >> 32)) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 29
        return x
    }
}
