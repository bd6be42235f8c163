/// The envelope slot of each (host, queue id) in flight: an open-addressed table of slots
/// whose keys live in the envelopes themselves.
///
/// A bucket holds 8 bytes (a hash and a slot) where a `[EnvelopeKey: Int32]` entry held a
/// copy of the 32-byte key, and a lookup costs one keyed multiply-fold of the key and a key
/// compare (~170 instructions through Dictionary before). The hash is keyed by a per-run
/// random seed, so queue ids cannot be chosen to collide without knowing it. Linear probing
/// with backward-shift deletion: no tombstones, so a long run never slows lookups down.
struct EnvelopeIndex {
    private struct Bucket {
        /// -1: empty.
        var slot: Int32 = -1
        var hash: UInt32 = 0
    }

    private var buckets: [Bucket] = []
    private var mask = -1
    private let seed: Int
    /// Entries held.
    private(set) var count = 0

    init(seed: Int = Int.random(in: .min ... .max)) {
        self.seed = seed
    }

    private func hash(_ key: EnvelopeKey) -> UInt32 {
        let h = UInt64(bitPattern: Int64(key._rawHashValue(seed: seed)))
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The slot of the envelope keyed `key`, if any.
    func slot(for key: EnvelopeKey, in envelopes: borrowing SlotPool<Envelope>) -> Int32? {
        guard count > 0 else { return nil }
        let h = hash(key)
        var i = Int(h) & mask
        while true {
            let bucket = buckets[i]
            if bucket.slot < 0 { return nil }
            if bucket.hash == h, envelopes[bucket.slot].key == key { return bucket.slot }
            i = (i + 1) & mask
        }
    }

    /// Files `slot` under `key`, replacing the slot held for it, if any.
    mutating func set(_ slot: Int32, for key: EnvelopeKey, in envelopes: borrowing SlotPool<Envelope>) {
        if 4 * (count + 1) > 3 * buckets.count { grow() }
        let h = hash(key)
        var i = Int(h) & mask
        while buckets[i].slot >= 0 {
            if buckets[i].hash == h, envelopes[buckets[i].slot].key == key {
                buckets[i].slot = slot
                return
            }
            i = (i + 1) & mask
        }
        buckets[i] = Bucket(slot: slot, hash: h)
        count += 1
    }

    /// Removes the entry of `key` if it names `slot` (another envelope filed under the same
    /// key stays).
    mutating func remove(_ key: EnvelopeKey, ifSlot slot: Int32) {
        guard count > 0 else { return }
        let h = hash(key)
        var i = Int(h) & mask
        while buckets[i].slot >= 0 {
            if buckets[i].slot == slot {
                removeBucket(at: i)
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Removes the entry of `key`, whatever slot it names.
    mutating func remove(_ key: EnvelopeKey, in envelopes: borrowing SlotPool<Envelope>) {
        guard let slot = slot(for: key, in: envelopes) else { return }
        remove(key, ifSlot: slot)
    }

    /// Every slot held, in no particular order.
    func forEachSlot(_ body: (Int32) -> Void) {
        for bucket in buckets where bucket.slot >= 0 { body(bucket.slot) }
    }

    mutating func removeAll() {
        buckets = []
        mask = -1
        count = 0
    }

    /// Empties bucket `i`, moving later entries of its probe run back so none is cut off.
    private mutating func removeBucket(at start: Int) {
        var hole = start
        var i = (start + 1) & mask
        while buckets[i].slot >= 0 {
            let home = Int(buckets[i].hash) & mask
            // The entry may fill the hole unless its home lies cyclically in (hole, i].
            if (i - home) & mask >= (i - hole) & mask {
                buckets[hole] = buckets[i]
                hole = i
            }
            i = (i + 1) & mask
        }
        buckets[hole] = Bucket()
        count -= 1
    }

    private mutating func grow() {
        let old = buckets
        let size = Swift.max(64, 2 * old.count)
        buckets = Array(repeating: Bucket(), count: size)
        mask = size - 1
        for bucket in old where bucket.slot >= 0 {
            var i = Int(bucket.hash) & mask
            while buckets[i].slot >= 0 { i = (i + 1) & mask }
            buckets[i] = bucket
        }
    }
}
