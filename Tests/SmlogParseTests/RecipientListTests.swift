import Testing
import SmlogParse

@Suite struct RecipientListTests {
    static func recipients(_ value: String) -> [String] {
        let bytes = Array(value.utf8)
        return bytes.withUnsafeBytes { buffer in
            RecipientList(bytes: buffer, range: ByteRange(0, bytes.count)).map {
                String(decoding: buffer[Int($0.lower)..<Int($0.upper)], as: UTF8.self)
            }
        }
    }

    @Test(
        "splitting a to= value",
        arguments: [
            ("<a@example.com>", ["<a@example.com>"]),
            ("<a@example.com>,<b@example.com>,<c@example.com>", ["<a@example.com>", "<b@example.com>", "<c@example.com>"]),
            ("root", ["root"]),
            ("nightly-reports,kim@partner.example,nina@example.net,bob", ["nightly-reports", "kim@partner.example", "nina@example.net", "bob"]),
            ("Vasya <v@example.com>", ["Vasya <v@example.com>"]),
            ("\"Doe, Jane\" <jane@example.com>,<k@example.com>", ["\"Doe, Jane\" <jane@example.com>", "<k@example.com>"]),
            ("\"<u>|IFS=' ' && exec /usr/bin/procmail -f- || exit 75 #p, q\"@ok.example", ["\"<u>|IFS=' ' && exec /usr/bin/procmail -f- || exit 75 #p, q\"@ok.example"]),
            ("\"|/usr/bin/vacation alice\",alice", ["\"|/usr/bin/vacation alice\"", "alice"]),
            ("<odd,one@example.com>,x", ["<odd,one@example.com>", "x"]),
            ("a\\,b,c", ["a\\,b", "c"]),                         // backslash hides the comma
            ("\"a\\\\\"b,c\"@x,d", ["\"a\\\\\"b,c\"@x", "d"]),    // str2prt-doubled backslash before a quote
            (" a , b ", ["a", "b"]),
            ("a,,b,", ["a", "b"]),
            ("", []),
            ("<never-closed@example.com,b", ["<never-closed@example.com", "b"]),
        ] as [(String, [String])])
    func splitting(_ value: String, _ expected: [String]) {
        #expect(Self.recipients(value) == expected)
    }

    @Test func countMatchesIteration() {
        let value = "<a@x>,<b@x>,<c@x>"
        Array(value.utf8).withUnsafeBytes { buffer in
            #expect(RecipientList(bytes: buffer, range: ByteRange(0, buffer.count)).count == 3)
        }
    }

    /// Ranges outside the buffer are clamped, never read.
    @Test func rangeBeyondTheBufferIsClamped() {
        Array("a,b".utf8).withUnsafeBytes { buffer in
            let ranges = Array(RecipientList(bytes: buffer, range: ByteRange(0, 99)))
            #expect(ranges == [ByteRange(0, 1), ByteRange(2, 3)])
        }
    }

    @Test func iteratesTheToFieldOfAParsedLine() {
        var bytes = Array(sm("72DAbCdF004243: to=<a@example.com>,<b@example.com> [more], delay=00:00:02, mailer=esmtp, stat=Sent").utf8)
        let found: [String] = bytes.withUnsafeMutableBytes { raw in
            let buffer = UnsafeRawBufferPointer(raw)
            let line = LineBytes(buffer)
            guard case .understood(let parsed) = SendmailMessageParser().parse(line, header: TestHeader.header(buffer)) else {
                return []
            }
            return RecipientList(line, parsed[.to]).map { line.string($0) }
        }
        #expect(found == ["<a@example.com>", "<b@example.com>"])
    }
}
