import Testing
@testable import SmlogCorrelate
import SmlogParse

/// Queue entries name chains by handle: a handle must never find a chain that left the table,
/// even when its slot is reused.
@Suite("chain table")
struct ChainTableTests {
    private static func chain(_ sequence: Int) -> MessageChain {
        let key = [UInt8]("Q\(sequence)".utf8).withUnsafeBytes { EnvelopeKey(host: 0, qid: $0) }
        let envelope = Envelope(key: key, qid: "Q\(sequence)", host: 0, time: .zero, sequence: sequence)
        let chain = MessageChain(root: envelope)
        envelope.chain = chain
        return chain
    }

    @Test("a handle finds its chain while it is in the table")
    func handleFindsChain() {
        var table = ChainTable()
        let a = Self.chain(1)
        let b = Self.chain(2)
        table.add(a)
        table.add(b)
        #expect(table.chain(ChainHandle(a)) === a)
        #expect(table.chain(ChainHandle(b)) === b)
        #expect(table.count == 2)
    }

    @Test("a removed chain's handle finds nothing, even once its slot holds another chain")
    func staleHandleAfterSlotReuse() {
        var table = ChainTable()
        let a = Self.chain(1)
        table.add(a)
        let stale = ChainHandle(a)
        table.remove(a)
        #expect(table.chain(stale) == nil)
        let b = Self.chain(2)
        table.add(b)
        #expect(b.slot == stale.slot)
        #expect(table.chain(stale) == nil)
        #expect(table.chain(ChainHandle(b)) === b)
        #expect(table.count == 1)
    }

    @Test("removing a chain twice, or one never added, changes nothing")
    func removeIsIdempotent() {
        var table = ChainTable()
        let a = Self.chain(1)
        let outsider = Self.chain(9)
        table.add(a)
        table.remove(a)
        table.remove(a)
        table.remove(outsider)
        #expect(table.count == 0)
        let b = Self.chain(2)
        let c = Self.chain(3)
        table.add(b)
        table.add(c)
        #expect(b.slot != c.slot)
        #expect(table.count == 2)
    }
}
