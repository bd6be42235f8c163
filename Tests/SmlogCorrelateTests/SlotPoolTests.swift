import Testing
@testable import SmlogCorrelate

/// The pools behind envelopes, chains and recipients: freed slots are reused, a freed slot
/// is no longer live, and a copy of a pool does not see the other's changes.
@Suite("slot pool")
struct SlotPoolTests {
    @Test("a freed slot is not live and is taken by the next insert")
    func freedSlotIsReused() {
        var pool = SlotPool<String>()
        let a = pool.insert("a")
        let b = pool.insert("b")
        #expect(pool[a] == "a")
        #expect(pool[b] == "b")
        pool.remove(a)
        #expect(!pool.isLive(a))
        #expect(pool.isLive(b))
        #expect(pool.count == 1)
        let c = pool.insert("c")
        #expect(c == a)
        #expect(pool.isLive(c))
        #expect(pool[c] == "c")
        #expect(pool[b] == "b")
        #expect(pool.count == 2)
        #expect(pool.slotCount == 2)
    }

    @Test("removing a freed or never used slot changes nothing")
    func removeIsIdempotent() {
        var pool = SlotPool<String>()
        let a = pool.insert("a")
        pool.remove(a)
        pool.remove(a)
        pool.remove(7)
        pool.remove(-1)
        #expect(pool.count == 0)
        #expect(!pool.isLive(7))
        #expect(!pool.isLive(-1))
        #expect(pool.insert("b") == a)
        #expect(pool.insert("c") != a)
    }

    @Test("values are changed in place through the subscript")
    func modifyInPlace() {
        var pool = SlotPool<[Int]>()
        let slot = pool.insert([1])
        pool[slot].append(2)
        #expect(pool[slot] == [1, 2])
    }

    @Test("a copy keeps its values when the original changes")
    func copyOnWrite() {
        var pool = SlotPool<String>()
        let a = pool.insert("a")
        let b = pool.insert("b")
        let copy = pool
        pool[a] = "changed"
        pool.remove(b)
        _ = pool.insert("new")
        #expect(copy[a] == "a")
        #expect(copy[b] == "b")
        #expect(copy.count == 2)
        #expect(pool[a] == "changed")
        #expect(pool[b] == "new")
    }

    @Test("the pool grows only to the most slots in use at once", arguments: [1, 7, 100])
    func growsToPeak(peak: Int) {
        var pool = SlotPool<String>()
        for round in 0..<5 {
            let slots = (0..<peak).map { pool.insert("value \(round) \($0)") }
            #expect(pool.count == peak)
            #expect(slots.allSatisfy { pool.isLive($0) })
            #expect(pool[slots[peak - 1]] == "value \(round) \(peak - 1)")
            for slot in slots { pool.remove(slot) }
            #expect(pool.count == 0)
        }
        #expect(pool.slotCount == peak)
    }
}
