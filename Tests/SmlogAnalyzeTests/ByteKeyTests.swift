@testable import SmlogAnalyze
import SmlogCorrelate
import Testing

/// The byte-level paths the top tables and the deferral classifier take must give the same
/// keys and answers as the String functions they stand in for.
@Suite("byte keys")
struct ByteKeyTests {
    static let addresses = [
        "<Bob@Example.COM>", "bob@example.com", "<>", " <> ", "<<>>", "<<a@B.example>>", "alice",
        "<alice>", "", " ", "<", ">", "user@", "<user@>", "@", "a@b@C.D", "  <Ünïcode@Exämple.ORG>\t",
        "<MiXeD@Sub.Example.Org", "plain@domain.example>", "\"quoted name\"@X.Y",
    ]

    @Test("normalised bytes and domain equal Address.normalize and domain(ofNormalized:)", arguments: addresses)
    func normalizedBytesMatchTheStringFunctions(raw: String) {
        var scratch: [UInt8] = [1, 2, 3]   // leftovers of an earlier call must not leak in
        let (address, domain) = Address.withNormalizedBytes(raw, scratch: &scratch) { a, d in
            (String(decoding: a, as: UTF8.self), String(decoding: d, as: UTF8.self))
        }
        let expected = Address.normalize(raw)
        #expect(Array(address.utf8) == Array(expected.utf8))
        #expect(Array(domain.utf8) == Array(Address.domain(ofNormalized: expected).utf8))
    }

    @Test("a probe taken before inserting finds the key afterwards, and a byte key equals its String")
    func probeThenInsert() {
        var table = StringTable<Int>()
        for (n, key) in ["a@x", "", String(repeating: "z", count: 40), "ä@ö"].enumerated() {
            let index = Array(key.utf8).withUnsafeBytes { bytes -> Int in
                let probe = table.probe(bytes)
                #expect(probe.existingIndex == nil)
                return table.insert(bytes, n, at: probe)
            }
            #expect(table.existingIndex(of: key) == index)
            #expect(table.key(at: index) == key)
            #expect(Array(key.utf8).withUnsafeBytes { table.probe($0).existingIndex } == index)
        }
        #expect(table.count == 4)
    }

    @Test("lower-cased joined texts match ASCIIMatch.contains on either text, never across both")
    func lowercasedTextsMatchLikeASCIIMatch() {
        let stat = "Deferred: Connection REFUSED by mx.Example"
        let reply = "421 4.7.0 Try Again Later"
        let texts = LowercasedTexts(stat, reply)
        let needles: [StaticString] = ["connection refused", "try again", "example421", "later", "deferred:", "refused by mx", "x"]
        for needle in needles {
            let expected = ASCIIMatch.contains(stat, needle) || ASCIIMatch.contains(reply, needle)
            #expect(texts.contains(needle) == expected, "\(needle)")
        }
        #expect(!LowercasedTexts("", "").contains("a"))
        #expect(LowercasedTexts("", "").contains(""))
    }
}

@Suite("deferral cache keys")
struct DeferralKeyTests {
    static let triples: [(String?, String?, String?)] = [
        (nil, nil, nil), ("", nil, nil), (nil, "", nil), (nil, nil, ""), ("", "", ""),
        ("ab", "", nil), ("a", "b", nil), ("a", nil, "b"), (nil, "a", "b"), ("a\u{FF}", nil, nil),
        ("Deferred: Connection refused", "421 busy", "4.0.0"), ("Deferred: Connection refused", "421 busy", "4.4.1"),
    ]

    @Test("distinct (stat, reply, dsn) triples get distinct keys")
    func keysAreDistinct() {
        var keys = Set<[UInt8]>()
        var key: [UInt8] = []
        for (stat, reply, dsn) in Self.triples {
            DeferralFacts.key(stat: stat, reply: reply, dsn: dsn, into: &key)
            keys.insert(key)
        }
        #expect(keys.count == Self.triples.count)
    }

    @Test("cached class and text equal the classifier's and ReasonText's, with the cache emptied between")
    func cachedFactsEqualTheUncached() {
        let lookups = ReportLookups(limit: 3)
        for _ in 0..<2 {
            for (stat, reply, dsn) in Self.triples {
                guard case .attempt(let a) = Fixture.attempt(.deferred, dsn: dsn, stat: stat, reply: reply) else {
                    Issue.record("not an attempt")
                    return
                }
                let facts = lookups.deferral(a)
                #expect(facts.reasonClass == DeferralClassifier.classify(stat: stat, reply: reply, dsn: dsn))
                #expect(facts.text == ReasonText.deferralText(stat: stat, reply: reply))
            }
        }
    }
}

@Suite("deferral class ordinal")
struct DeferralClassOrdinalTests {
    @Test("the ordinal is the class's place in allCases, and count is their number")
    func ordinalIsThePlaceInAllCases() {
        #expect(DeferralClass.allCases.count == DeferralClass.count)
        for (n, reasonClass) in DeferralClass.allCases.enumerated() {
            #expect(reasonClass.ordinal == n, "\(reasonClass)")
        }
    }
}
