import Testing
@testable import SmlogCorrelate

/// The bounded cache the correlator shares repeated field values through.
@Suite("text cache")
struct TextCacheTests {
    private static func string(_ cache: TextCache, _ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { cache.string($0) }
    }

    @Test("the same bytes give an equal string, whether cached or not", arguments: [
        "relay", "2.0.0", "smarthost.lab.example. [127.0.0.1]", "TLS_AES_256_GCM_SHA384", "a",
        "exactly-8", "sixteen-bytes-xx", String(repeating: "x", count: TextCache.maximumLength),
        String(repeating: "y", count: TextCache.maximumLength + 1), "Grüße [192.0.2.1]",
    ])
    func repeatedValueIsEqual(_ value: String) {
        let cache = TextCache(sets: 8)
        let bytes = Array(value.utf8)
        let first = Self.string(cache, bytes)
        let second = Self.string(cache, bytes)
        #expect(first == value)
        #expect(second == value)
    }

    @Test("values that differ only in their last byte are told apart")
    func nearValuesDiffer() {
        let cache = TextCache(sets: 1)
        #expect(Self.string(cache, Array("mx1.example [192.0.2.1]".utf8)) == "mx1.example [192.0.2.1]")
        #expect(Self.string(cache, Array("mx1.example [192.0.2.2]".utf8)) == "mx1.example [192.0.2.2]")
        #expect(Self.string(cache, Array("mx1.example [192.0.2.1]".utf8)) == "mx1.example [192.0.2.1]")
        #expect(Self.string(cache, Array("mx1.example [192.0.2.1] ".utf8)) == "mx1.example [192.0.2.1] ")
    }

    @Test("invalid UTF-8 is repaired exactly as String(decoding:as:) does")
    func invalidUTF8IsRepaired() {
        let cache = TextCache(sets: 4)
        let bytes: [UInt8] = [0x61, 0xE2, 0x82, 0x20, 0xFF, 0x62]
        let expected = String(decoding: bytes, as: UTF8.self)
        #expect(Self.string(cache, bytes) == expected)
        #expect(Self.string(cache, bytes) == expected)
    }

    @Test("empty bytes are nil as an optional value")
    func emptyIsNil() {
        let cache = TextCache(sets: 4)
        let empty: [UInt8] = []
        #expect(empty.withUnsafeBytes { cache.optionalString($0) } == nil)
        #expect(Self.string(cache, empty) == "")
    }

    @Test("a stream of distinct values never grows the cache past its capacity")
    func boundedByCapacity() {
        let cache = TextCache(sets: 16)
        #expect(cache.capacity == 32)
        for i in 0..<5_000 {
            let value = "Sent (\(i) Message accepted for delivery)"
            #expect(Self.string(cache, Array(value.utf8)) == value)
        }
        #expect(cache.count == cache.capacity)
        // A value too long to cache is still returned, and takes no slot.
        let fresh = TextCache(sets: 16)
        let long = String(repeating: "z", count: TextCache.maximumLength + 10)
        #expect(Self.string(fresh, Array(long.utf8)) == long)
        #expect(fresh.count == 0)
    }

    @Test("a hot value survives a churn of one-off values in its set (least recently used is replaced)")
    func hotValueSurvivesChurn() {
        let cache = TextCache(sets: 1)  // one set of two ways: every value competes
        let hot = Array("smarthost.lab.example. [127.0.0.1]".utf8)
        _ = Self.string(cache, hot)
        for i in 0..<100 {
            _ = Self.string(cache, Array("one-off \(i)".utf8))
            #expect(Self.string(cache, hot) == "smarthost.lab.example. [127.0.0.1]")
        }
        #expect(cache.count == 2)
    }
}
