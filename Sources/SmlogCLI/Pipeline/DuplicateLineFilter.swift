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
/// Per checked line: a fast 64-bit hash (8 bytes a step, seeded at random per run), a few
/// probes in a fixed table and a copy of the line into a fixed ring; a hash match is confirmed
/// byte for byte against that copy, so a sender cannot forge a collision that hides their
/// line. No allocation after start-up; lines over `maxCheckedLength` are never duplicates.
struct DuplicateLineFilter {
    static let window = 4_096
    /// Four slots per remembered line keeps probe runs short.
    private static let tableSize = 16_384
    private static let maxProbes = 8
    static let maxCheckedLength = 4_096
    /// Room for the last `window` lines of a typical length; an older copy overwritten in the
    /// ring simply no longer matches.
    private static let ringSize = 1 << 20

    private struct Entry {
        var hash: UInt64 = 0
        /// Sequence number of the newest occurrence (0: empty).
        var sequence: Int = 0
        /// Where the copy starts, counting every byte ever written to the ring.
        var position: Int = 0
        var length: Int = 0
    }

    private var table = [Entry](repeating: Entry(), count: tableSize)
    private var ring = [UInt8](repeating: 0, count: ringSize)
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
        sequence += 1
        let hash = Self.hash(line, seed: seed)
        let mask = Self.tableSize - 1
        var victim = -1
        var victimSequence = Int.max
        var probe = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.maxProbes {
            let entry = table[probe]
            let live = entry.sequence > 0 && sequence - entry.sequence <= Self.window
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
        table[victim] = Entry(hash: hash, sequence: sequence, position: store(line), length: line.count)
        return false
    }

    /// Copies `line` into the ring (never split across its end) and returns where it starts.
    private mutating func store(_ line: UnsafeRawBufferPointer) -> Int {
        var offset = written % Self.ringSize
        if offset + line.count > Self.ringSize {
            written += Self.ringSize - offset
            offset = 0
        }
        if let base = line.baseAddress, !line.isEmpty {
            ring.withUnsafeMutableBytes { ($0.baseAddress! + offset).copyMemory(from: base, byteCount: line.count) }
        }
        let position = written
        written += line.count
        return position
    }

    private func sameBytes(_ entry: Entry, _ line: UnsafeRawBufferPointer) -> Bool {
        guard entry.length == line.count, written - entry.position <= Self.ringSize else { return false }
        let offset = entry.position % Self.ringSize
        return ring.withUnsafeBytes { stored in
            UnsafeRawBufferPointer(rebasing: stored[offset..<(offset + entry.length)]).elementsEqual(line)
        }
    }

    /// 64-bit multiply-xorshift over 8-byte words.
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var h = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        while i + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return h
    }
}
