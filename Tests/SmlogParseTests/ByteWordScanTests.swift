import Testing
@testable import SmlogParse

/// The eight-bytes-at-a-time scans must agree with their byte-by-byte definitions for every
/// byte value in every position of a word.
@Suite("Word-at-a-time byte scans")
struct ByteWordScanTests {
    /// Words holding `value` at `position` between fillers that are an id byte and a digit.
    static func words(with value: UInt8, at position: Int) -> [UInt64] {
        [UInt8(ascii: "a"), UInt8(ascii: "7"), 0x20, 0xFF].map { filler in
            var word: UInt64 = 0
            for k in 0..<8 {
                let byte = k == position ? value : filler
                word |= UInt64(byte) << UInt64(8 * k)
            }
            return word
        }
    }

    @Test("id and digit classes match QueueIDShape.isIDByte and isDigit", arguments: 0..<8)
    func byteClassesMatchScalarTests(position: Int) {
        for value in UInt8.min...UInt8.max {
            for word in Self.words(with: value, at: position) {
                let (nonID, digits) = QueueIDShape.byteClasses(word)
                for k in 0..<8 {
                    let byte = UInt8(truncatingIfNeeded: word >> UInt64(8 * k))
                    let high = UInt64(0x80) << UInt64(8 * k)
                    #expect((nonID & high != 0) == !QueueIDShape.isIDByte(byte), "byte \(byte) at \(k)")
                    #expect((digits & high != 0) == ByteText.isDigit(byte), "byte \(byte) at \(k)")
                }
            }
        }
    }

    @Test func findAgreesWithAByteByByteSearch() {
        let text = Array("x, stat=a, stat=b, sta, stat=".utf8) + [0xC3, 0xA9] + Array(", stat=end".utf8)
        text.withUnsafeBytes { raw in
            let t = ByteText(raw, end: raw.count)
            for from in 0...raw.count {
                for limit in [raw.count, raw.count - 3, from + 7, from + 6] {
                    var expected: Int? = nil
                    var i = from
                    while i + 7 <= min(limit, raw.count) {
                        if t.has(", stat=", at: i) {
                            expected = i
                            break
                        }
                        i += 1
                    }
                    #expect(t.find(", stat=", from: from, to: limit) == expected, "from \(from) to \(limit)")
                }
            }
        }
    }

    @Test func literalsOfEveryLengthCompareExactly() {
        let text = Array("STARTTLS=client, relay=mx.example.".utf8)
        text.withUnsafeBytes { raw in
            for end in [raw.count, 20, 12, 9] {
                let t = ByteText(raw, end: end)
                #expect(t.has("STARTTLS", at: 0) == (end >= 8))
                #expect(t.has("=client, relay=", at: 8) == (end >= 23))
                #expect(!t.has("=server, relay=", at: 8))
                #expect(t.has("S", at: 0) && !t.has("T", at: 0))
                #expect(t.has("", at: 0))
                #expect(!t.has("client", at: -1))
                #expect(t.has("relay=", at: 17) == (end >= 23))
                #expect(!t.has("relay=mx.example.x", at: 17))
            }
        }
    }
}
