import Testing
@testable import SmlogCorrelate
import SmlogParse
import TestSupport

/// The open-addressed envelope index must answer exactly as a dictionary from key to slot,
/// whatever the order of inserts and removals (backward-shift deletion must never cut a
/// probe run), and keep another envelope filed under a key when asked to remove one slot.
@Suite("envelope index")
struct EnvelopeIndexTests {
    private static func key(_ n: Int, host: UInt32 = 0) -> EnvelopeKey {
        Array("6AU\(n)".utf8).withUnsafeBytes { EnvelopeKey(host: host, qid: $0) }
    }

    private static func envelope(_ key: EnvelopeKey, _ n: Int) -> Envelope {
        Envelope(key: key, qid: "6AU\(n)", time: .zero, sequence: n)
    }

    @Test("random inserts and removals answer like a dictionary", arguments: [1, 2, 3] as [UInt64])
    func matchesDictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        // A fixed table seed: the same run every time; a small key space keeps probe runs long.
        var index = EnvelopeIndex(seed: Int(seed))
        var pool = SlotPool<Envelope>()
        var model: [Int: Int32] = [:]  // key number -> slot
        for step in 0..<20_000 {
            let n = Int(random.next() % 600)
            let key = Self.key(n, host: UInt32(n % 3))
            if let slot = model[n], random.next() % 3 == 0 {
                index.remove(key, ifSlot: slot)
                pool.remove(slot)
                model[n] = nil
            } else if model[n] == nil {
                let slot = pool.insert(Self.envelope(key, n))
                index.set(slot, for: key, in: pool)
                model[n] = slot
            }
            #expect(index.count == model.count, "step \(step)")
            if step % 97 == 0 {
                for probe in 0..<600 {
                    let found = index.slot(for: Self.key(probe, host: UInt32(probe % 3)), in: pool)
                    #expect(found == model[probe], "step \(step) key \(probe)")
                }
            }
        }
        var listed: [Int32] = []
        index.forEachSlot { listed.append($0) }
        #expect(listed.sorted() == model.values.sorted())
    }

    @Test("the same queue id on another host is another key")
    func hostIsPartOfTheKey() {
        var index = EnvelopeIndex(seed: 7)
        var pool = SlotPool<Envelope>()
        let a = pool.insert(Self.envelope(Self.key(1, host: 0), 1))
        index.set(a, for: Self.key(1, host: 0), in: pool)
        #expect(index.slot(for: Self.key(1, host: 1), in: pool) == nil)
        #expect(index.slot(for: Self.key(1, host: 0), in: pool) == a)
    }

    @Test("removing a key for a slot it does not name keeps the entry")
    func removeOnlyNamedSlot() {
        var index = EnvelopeIndex(seed: 7)
        var pool = SlotPool<Envelope>()
        let key = Self.key(5)
        let old = pool.insert(Self.envelope(key, 5))
        index.set(old, for: key, in: pool)
        let newer = pool.insert(Self.envelope(key, 6))
        index.set(newer, for: key, in: pool)
        #expect(index.count == 1)
        index.remove(key, ifSlot: old)
        #expect(index.slot(for: key, in: pool) == newer)
        index.remove(key, in: pool)
        #expect(index.slot(for: key, in: pool) == nil)
        #expect(index.count == 0)
    }
}
