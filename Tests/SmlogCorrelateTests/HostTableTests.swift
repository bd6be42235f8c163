import Testing
@testable import SmlogCorrelate

/// The host of the previous line is recognised by its packed bytes (names up to 16 bytes) or
/// by a full comparison (longer names): neither may confuse two hosts.
@Suite("host table")
struct HostTableTests {
    @Test("alternating short, 16-byte, long and near-identical host names keep their own ids")
    func alternatingHosts() {
        let names = [
            "vm", "mx", "a", "abc", "abcd", "mx01.example", "mx02.example", "sixteen-bytes-xx",
            "sixteen-bytes-xy", "mail01.corp.example.org", "mail02.corp.example.org", "",
        ]
        var table = HostTable()
        var ids: [String: UInt32] = [:]
        for round in 0..<3 {
            for (i, name) in names.enumerated() {
                // Each name twice in a row (the fast path), then the next one.
                for _ in 0..<2 {
                    let id = Array(name.utf8).withUnsafeBytes { table.id(for: $0) }
                    if round == 0, ids[name] == nil { ids[name] = id }
                    #expect(id == ids[name], "\(name) in round \(round)")
                    #expect(table.name(id) == name)
                }
                #expect(ids[name] == UInt32(i))
            }
        }
    }

    @Test("packed names are equal exactly when the bytes are", arguments: [
        ("vm", "vm", true), ("vm", "vn", false), ("abc", "acc", false), ("abc", "abd", false),
        ("abcd", "abce", false), ("abcdefg", "abcxefg", false), ("abcdefgh", "abcdefgh", true),
        ("abcdefghijk", "abcdefghijl", false), ("abcdefghijklmnop", "abcdefghXjklmnop", false),
        ("a", "aa", false), ("", "", true),
    ])
    func packedEquality(_ a: String, _ b: String, _ equal: Bool) {
        let pa = Array(a.utf8).withUnsafeBytes { PackedName($0) }
        let pb = Array(b.utf8).withUnsafeBytes { PackedName($0) }
        #expect(pa != nil && pb != nil)
        #expect((pa == pb) == equal)
    }
}
