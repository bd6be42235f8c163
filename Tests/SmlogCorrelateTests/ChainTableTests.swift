import Testing
@testable import SmlogCorrelate

/// Queue entries name chains by handle: a handle must never find a chain that left the table,
/// even when its slot is reused.
@Suite("chain table")
struct ChainTableTests {
    /// A chain whose root is envelope slot `sequence` (the table never reads the envelopes).
    private static func chain(_ sequence: Int) -> MessageChain {
        MessageChain(root: Int32(sequence), id: sequence)
    }

    @Test("a handle finds its chain while it is in the table")
    func handleFindsChain() {
        var table = ChainTable()
        let a = table.add(Self.chain(1))
        let b = table.add(Self.chain(2))
        #expect(table.chain(table.handle(a)) == a)
        #expect(table.chain(table.handle(b)) == b)
        #expect(table[a].id == 1)
        #expect(table[b].id == 2)
        #expect(table.count == 2)
    }

    @Test("a removed chain's handle finds nothing, even once its slot holds another chain")
    func staleHandleAfterSlotReuse() {
        var table = ChainTable()
        let a = table.add(Self.chain(1))
        let stale = table.handle(a)
        table.remove(a)
        #expect(table.chain(stale) == nil)
        let b = table.add(Self.chain(2))
        #expect(b == stale.slot)
        #expect(table.chain(stale) == nil)
        #expect(table.chain(table.handle(b)) == b)
        #expect(table[b].id == 2)
        #expect(table.count == 1)
    }

    @Test("removing a chain twice, or a slot never used, changes nothing")
    func removeIsIdempotent() {
        var table = ChainTable()
        let a = table.add(Self.chain(1))
        table.remove(a)
        table.remove(a)
        table.remove(9)
        table.remove(-1)
        #expect(table.count == 0)
        let b = table.add(Self.chain(2))
        let c = table.add(Self.chain(3))
        #expect(b != c)
        #expect(table.count == 2)
        #expect(table.chain(table.handle(b)) == b)
        #expect(table.chain(table.handle(c)) == c)
    }

    @Test("handles out of the table's range find nothing")
    func handleOutOfRange() {
        var table = ChainTable()
        _ = table.add(Self.chain(1))
        #expect(table.chain(ChainHandle(slot: 5, id: 1)) == nil)
        #expect(table.chain(ChainHandle(slot: -1, id: 1)) == nil)
    }
}
