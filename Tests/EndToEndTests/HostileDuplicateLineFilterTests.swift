import Foundation
import Testing
@testable import SmlogCLI

/// The filter behind "the same line twice": exact copies within the window only.
@Suite("duplicate line filter")
struct HostileDuplicateLineFilterTests {
    private func isRepeat(_ filter: inout DuplicateLineFilter, _ text: String) -> Bool {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { filter.isRepeat(UnsafeRawBufferPointer($0)) }
    }

    @Test("an exact copy within the window is a repeat; a line differing in one byte is not")
    func exactCopiesOnly() {
        var filter = DuplicateLineFilter()
        let line = "Nov 30 10:00:01 vm sm-mta[1698]: 6AUFoA00000001: to=<bob@example.org>, pri=120312, stat=Sent"
        #expect(!isRepeat(&filter, line))
        #expect(isRepeat(&filter, line))
        #expect(isRepeat(&filter, line))
        #expect(!isRepeat(&filter, line.replacingOccurrences(of: "120312", with: "120313")))
        #expect(!isRepeat(&filter, line + " "))
    }

    @Test("a copy older than the window is not a repeat")
    func windowIsBounded() {
        var filter = DuplicateLineFilter()
        #expect(!isRepeat(&filter, "first"))
        for i in 0..<DuplicateLineFilter.window { _ = isRepeat(&filter, "line \(i)") }
        #expect(!isRepeat(&filter, "first"))
        #expect(isRepeat(&filter, "line \(DuplicateLineFilter.window - 1)"))
    }

    @Test("long lines wrap the ring without false matches; recent ones still match")
    func ringWraps() {
        var filter = DuplicateLineFilter()
        let long = { (i: Int) in String(repeating: "x", count: 4_000) + "\(i)" }
        for i in 0..<600 { #expect(!isRepeat(&filter, long(i))) }
        #expect(isRepeat(&filter, long(599)))
        #expect(isRepeat(&filter, long(500)))
        // Overwritten in the ring (600 × 4 KB > 1 MiB): no longer confirmed, so not a repeat.
        #expect(!isRepeat(&filter, long(0)))
        // Lines over the checked length are never repeats.
        let huge = String(repeating: "y", count: DuplicateLineFilter.maxCheckedLength + 1)
        #expect(!isRepeat(&filter, huge))
        #expect(!isRepeat(&filter, huge))
    }

    @Test("checking a repeat leaves the copies still trusted intact")
    func repeatKeepsTrustedCopies() {
        var filter = DuplicateLineFilter()
        // 4,000 bytes each: 262 of them fill the first MiB but for 576 bytes, so the next
        // copy would start a new MiB, where the oldest trusted copy (line 0) lies in a 1 MiB ring.
        let long = { (i: Int) in String(repeating: "x", count: 3_996) + "\(1_000 + i)" }
        for i in 0..<262 { #expect(!isRepeat(&filter, long(i))) }
        // A repeat: its bytes are copied while it is hashed, then not kept.
        #expect(isRepeat(&filter, long(261)))
        // Line 0 is still among the last MiB written, and its copy is still whole.
        #expect(isRepeat(&filter, long(0)))
    }

    @Test("at every length, an exact copy is a repeat and a change in any one byte is not")
    func everyByteCounts() {
        let base = Array("Nov 30 10:00:01 vm sm-mta[1698]: 6AUFoA00000001: to=<bob@example.org>, stat=Sent".utf8)
        for length in 0...70 {
            var filter = DuplicateLineFilter()
            let line = Array(base.prefix(length))
            #expect(!isRepeat(&filter, bytes: line))
            #expect(isRepeat(&filter, bytes: line))
            for position in 0..<length {
                var changed = line
                changed[position] ^= 0x01
                #expect(!isRepeat(&filter, bytes: changed), "length \(length), byte \(position)")
            }
        }
    }

    @Test("the hash of a line depends on every byte and on the seed")
    func hashSeesEveryByte() {
        let line = Array("6AUFoA00000001: to=<bob@example.org>, ctladdr=<bob@example.org> (1000/1000), stat=Sent".utf8)
        for seed: UInt64 in [0, 1, 0xDEAD_BEEF] {
            let hash = line.withUnsafeBytes { DuplicateLineFilter.hash($0, seed: seed) }
            for position in line.indices {
                var changed = line
                changed[position] ^= 0x20
                #expect(changed.withUnsafeBytes { DuplicateLineFilter.hash($0, seed: seed) } != hash)
            }
            #expect(line.withUnsafeBytes { DuplicateLineFilter.hash($0, seed: seed &+ 1) } != hash)
        }
    }

    private func isRepeat(_ filter: inout DuplicateLineFilter, bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { filter.isRepeat($0) }
    }
}
