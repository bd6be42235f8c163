@testable import SmlogAnalyze
import Testing

@Suite("string table bytes")
struct StringTableByteTests {
    /// The byte-at-a-time packing the word loads replace.
    private static func referenceTail(_ bytes: [UInt8], from i: Int) -> UInt64 {
        var word: UInt64 = 0
        for (n, byte) in bytes[i...].enumerated() { word |= UInt64(byte) << UInt64(8 * n) }
        return word
    }

    @Test("the tail word equals the bytes packed one at a time", arguments: 1...40)
    func tailWordMatchesBytePacking(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0 * 37) }
        let start = length - length % 8 == length ? length - 8 : length - length % 8
        bytes.withUnsafeBytes { raw in
            #expect(StringTable<Int>.tailWord(raw, from: start) == Self.referenceTail(bytes, from: start))
        }
    }

    @Test("keys of every length up to 70 are found again, and only they")
    func findsEveryKeyAfterGrowth() {
        var table = StringTable<Int>()
        let keys = (0...70).map { String(repeating: "a", count: $0) + "@x" }
        for (n, key) in keys.enumerated() { _ = table.index(of: key) { n } }
        for (n, key) in keys.enumerated() { #expect(table.value(for: key) == n) }
        #expect(table.value(for: "a@y") == nil)
        #expect(table.value(for: String(repeating: "a", count: 71) + "@x") == nil)
    }

    @Test("a copy of a table keeps its keys when the original changes")
    func copiesAreIndependent() {
        var original = StringTable<Int>()
        _ = original.index(of: "first@example.com") { 1 }
        let copy = original
        original.removeAll()
        _ = original.index(of: "second@example.com") { 2 }
        #expect(copy.value(for: "first@example.com") == 1)
        #expect(copy.value(for: "second@example.com") == nil)
        #expect(original.value(for: "first@example.com") == nil)
        #expect(original.value(for: "second@example.com") == 2)
    }
}
