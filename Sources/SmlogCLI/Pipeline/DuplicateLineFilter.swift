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
/// Per checked line: one keyed hash (SipHash via `Hasher`, seeded per process, so a sender
/// cannot forge a collision that hides their line) and a few probes in a fixed table; no
/// allocation.
struct DuplicateLineFilter {
    static let window = 4_096
    /// Four slots per remembered line keeps probe runs short.
    private static let tableSize = 16_384
    private static let maxProbes = 8

    private struct Entry {
        var hash: UInt64 = 0
        /// Sequence number of the newest occurrence (0: empty).
        var sequence: Int = 0
    }

    private var table = [Entry](repeating: Entry(), count: tableSize)
    private var sequence = 0

    /// The line kinds whose repeat would be applied twice.
    static func isChecked(_ kind: EventKind) -> Bool {
        switch kind {
        case .received, .delivery, .notice, .clone, .split, .done, .discarded: true
        default: false
        }
    }

    /// True when `line` repeats one of the last `window` lines checked; otherwise remembers it.
    mutating func isRepeat(_ line: UnsafeRawBufferPointer) -> Bool {
        sequence += 1
        var hasher = Hasher()
        hasher.combine(bytes: line)
        let hash = UInt64(UInt(bitPattern: hasher.finalize()))
        let mask = Self.tableSize - 1
        var victim = -1
        var victimSequence = Int.max
        var probe = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.maxProbes {
            let entry = table[probe]
            let live = entry.sequence > 0 && sequence - entry.sequence <= Self.window
            if live && entry.hash == hash {
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
        table[victim] = Entry(hash: hash, sequence: sequence)
        return false
    }
}
