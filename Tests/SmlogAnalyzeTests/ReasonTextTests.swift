@testable import SmlogAnalyze
import Testing

@Suite struct ReasonTextTests {
    static let texts = [
        "", " ", "\t\t", "User unknown", "550  5.1.1 <a@b.example>:   User unknown  ",
        "550 5.7.1 <root@vm.lab.example>... not authenticated",
        "553 5.1.8 <eva@nonexistent.invalid>... Domain of sender address eva@nonexistent.invalid does not exist",
        "mail for bob@example.com loops back", "@", "<@>", "(<\"x@y\">),;:.", "[a@b] 'c@d'", "<<<a@b>>>",
        "a@b,c@d. e@f:", "tab\there\t<x@y>\t", "\r\n<x@y>\r\n", String(repeating: "word@x ", count: 60),
        String(repeating: "x", count: 250),
    ]

    @Test(arguments: texts)
    func byteGroupingKeyMatchesTheCharacterWalk(_ text: String) {
        #expect(ReasonText.groupingKey(text) == ReasonText.characterGroupingKey(text))
    }

    @Test func nonASCIITextsTakeTheCharacterWalk() {
        let text = "550 5.1.1 <jörg@example.de>... Benutzer unbekannt"
        #expect(ReasonText.withASCII(text) == nil)
        #expect(ReasonText.groupingKey(text) == "550 5.1.1 <…>... Benutzer unbekannt")
        // A space followed by a combining mark is one Character, not a word break.
        #expect(ReasonText.groupingKey("a \u{301}b@c") == ReasonText.characterGroupingKey("a \u{301}b@c"))
    }
}
