import Testing
@testable import SmlogCorrelate
import TestSupport

/// An envelope key packs the first 24 bytes of a queue id into three words, zero-padded,
/// read a word at a time: every length must give the words a plain byte copy gives, so two
/// ids are the same key exactly when their (first 24) bytes and lengths are the same.
@Suite("envelope key")
struct EnvelopeKeyTests {
    /// The reference packing: the bytes copied one by one into little-endian words.
    private static func referenceWords(_ bytes: [UInt8]) -> [UInt64] {
        var words: [UInt64] = [0, 0, 0]
        for (i, byte) in bytes.prefix(24).enumerated() {
            words[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8))
        }
        return words
    }

    private static func key(_ bytes: [UInt8], host: UInt32 = 7) -> EnvelopeKey {
        bytes.withUnsafeBytes { EnvelopeKey(host: host, qid: $0) }
    }

    @Test("words match a byte-by-byte copy for every length", arguments: Array(0...30))
    func wordsMatchReference(length: Int) {
        var random = SplitMix64(seed: UInt64(length) + 1)
        for _ in 0..<50 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let key = Self.key(bytes)
            #expect([key.word0, key.word1, key.word2] == Self.referenceWords(bytes), "\(bytes)")
            #expect(Int(key.length) == length && key.host == 7)
        }
    }

    @Test("ids differing in one byte or in length are different keys", arguments: Array(1...24))
    func oneByteDiffers(length: Int) {
        let bytes = (0..<length).map { UInt8(ascii: "A") &+ UInt8($0) }
        let key = Self.key(bytes)
        for i in 0..<length {
            var other = bytes
            other[i] ^= 0x20
            #expect(Self.key(other) != key, "byte \(i)")
        }
        #expect(Self.key(Array(bytes.dropLast())) != key)
        #expect(Self.key(bytes + [0]) != key)
        #expect(Self.key(bytes) == key && Self.key(bytes, host: 8) != key)
    }

    @Test("the key of a String is the key of its UTF-8 bytes")
    func stringAndBytesAgree() {
        for id in ["", "6AU", "6AUA0000012345", "6AUA0000012345XYZ", "a-queue-id-longer-than-24-bytes"] {
            #expect(EnvelopeKey(host: 1, qid: id) == Self.key(Array(id.utf8), host: 1))
        }
    }
}
