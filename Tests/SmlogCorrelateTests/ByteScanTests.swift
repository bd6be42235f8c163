import Testing
@testable import SmlogCorrelate

/// The byte readers that now work eight bytes at a time must give what the byte loops gave.
@Suite("byte scans: addresses, senders, relays, integers")
struct ByteScanTests {
    private static func normalized(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { String(decoding: TextScan.normalizedAddress($0), as: UTF8.self) }
    }

    @Test("the address inside the last angle brackets, or the trimmed value",
          arguments: [
              ("<zoe.vogel@example.org>", "zoe.vogel@example.org"),
              ("Zoe Vogel <zoe.vogel@example.org>", "zoe.vogel@example.org"),
              ("  <a@b>  ", "a@b"),
              ("<a<b@averyveryverylongdomainname.example>", "b@averyveryverylongdomainname.example"),
              ("<averyveryverylonglocalpart<b@c>", "b@c"),
              // A value that opens with a quote keeps its brackets unless the '<' is its first byte.
              ("\"Quoted <name>\" <x@example.org>", "\"Quoted <name>\" <x@example.org>"),
              ("\"abcdefgh <ijklmnopqrstuvwxyz>", "\"abcdefgh <ijklmnopqrstuvwxyz>"),
              ("plain@example.org", "plain@example.org"),
              ("no-opening-bracket-at-all-here>", "no-opening-bracket-at-all-here>"),
              (">", ">"),
              ("<>", ""),
          ])
    func normalizedAddress(_ input: String, _ expected: String) {
        #expect(Self.normalized(input) == expected)
    }

    @Test("ASCII and '@' found in any position, long or short",
          arguments: ["a", "@", "abcdefg@", "abcdefgh@", "@abcdefghijklmnop", "abcdefghijklmnopq", "jörg@beispiel.example", "abcdefghijklmnö"])
    func asciiScan(_ text: String) {
        let scan = Array(text.utf8).withUnsafeBytes { TextScan.asciiScan($0) }
        #expect(scan.isASCII == text.utf8.allSatisfy { $0 < 0x80 })
        #expect(scan.hasAt == text.contains("@"))
    }

    @Test("local MTA relays are recognised, others are not",
          arguments: [
              ("[127.0.0.1] [127.0.0.1]", true), ("localhost [127.0.0.1]", true), ("LOCALHOST.", true),
              ("localhost.localdomain [127.0.0.1]", true), ("[IPv6:::1]", true),
              ("smarthost.lab.example. [127.0.0.1]", false), ("lmtp.example. [10.0.0.1]", false),
              ("[10.0.0.1]", false), ("", false),
          ])
    func localMTA(_ relay: String, _ expected: Bool) {
        #expect(Array(relay.utf8).withUnsafeBytes { RelayName.isLocalMTA($0) } == expected)
    }

    @Test("integers: digits with an optional minus, nil otherwise",
          arguments: [("1081", 1081), ("0", 0), ("-5", -5), ("-", 0), ("", nil), ("12a", nil), ("5-", nil), ("--5", nil),
                      ("9223372036854775807", Int.max), ("9223372036854775808", nil)] as [(String, Int?)])
    func integer(_ text: String, _ expected: Int?) {
        #expect(Array(text.utf8).withUnsafeBytes { TextScan.integer($0) } == expected)
    }
}
