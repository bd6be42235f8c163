import Testing
@testable import SmlogCorrelate

/// Host names come from the syslog header, which spoofed senders control on a loghost.
@Suite("hostile input: many hosts")
struct HostileHostTableTests {
    @Test("many distinct hosts are interned in linear time (was a scan of every host per new one)")
    func manyHostsAreLinear() {
        var table = HostTable()
        let count = 30_000
        let names = (0..<count).map { Array("host-\($0).spoofed.example".utf8) }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for (i, name) in names.enumerated() {
                let id = name.withUnsafeBytes { table.id(for: $0) }
                precondition(id == UInt32(i))
            }
        }
        // Quadratic, this was 450 million name comparisons: many seconds even optimised.
        #expect(elapsed < .seconds(5), "interning \(count) hosts took \(elapsed)")
        // Interleaved lookups find the same ids again.
        for i in stride(from: 0, to: count, by: 997) {
            #expect(names[i].withUnsafeBytes { table.id(for: $0) } == UInt32(i))
            #expect(table.name(UInt32(i)) == "host-\(i).spoofed.example")
        }
    }
}
