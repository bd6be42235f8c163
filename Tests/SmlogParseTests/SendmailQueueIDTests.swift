import Testing
import SmlogParse

/// Queue id shapes of every sendmail version, the fallback shape, and split-part prefixes.
@Suite struct SendmailQueueIDTests {
    @Test(
        "ids of every version are recognised",
        arguments: [
            "BAA26050",           // 8.7–8.9: hour letter, two sequence letters, 5-digit pid
            "SAA15929",
            "B[A26050",           // 8.8 sequence letters run up to '~'
            "D~}26050",
            "e6G2M7O04977",       // 8.10/8.11
            "kBC502520512",       // Solaris bundled build
            "v9PCoLiO006667",     // 8.12+
            "xA32R2PQ3529565",    // 7-digit pid
            "k1SN9pkK15806618",   // 8-digit pid (AIX)
            "g16HNwC810485863",   // MPE/iX
            "00001000000000003",  // OpenEMM-style all digits
            "AbCdEfGhIjKl",       // fallback: plain alphanumeric, 8–20 characters
        ])
    func recognisedIDs(_ id: String) {
        let parsed = parseSendmail(sm("\(id): discarded"))
        #expect(parsed.verdict == .understood)
        #expect(parsed.kind == .discarded)
        #expect(parsed.qid == id)
    }

    @Test(
        "tokens that are not ids",
        arguments: [
            "hello: discarded",          // too short, no digits
            "ABCDEFG: discarded",        // 7 letters: below the fallback length
            "v9PC-LiO006667: discarded", // '-' is not an id character
            "A1234: discarded",          // too short
        ])
    func notIDs(_ line: String) {
        #expect(parseSendmail(sm(line)).verdict == .notUnderstood)
    }

    /// A word shaped like a fallback id (STARTTLS, runqueue) followed by an unknown text is
    /// read as a no-id message, never as an id.
    @Test func reservedWordsAreNeverIDs() {
        let tls = parseSendmail(sm("STARTTLS: CRLFile missing"))
        #expect(tls.verdict == .understood)
        #expect(tls.kind == .info)
        #expect(tls.qid == "")
        let run = parseSendmail(sm("runqueue: Skipping queue run -- load average too high"))
        #expect(run.kind == .info)
        #expect(run.qid == "")
    }

    /// A fallback-shaped word whose rest is not understood falls back to a no-id parse.
    @Test func fallbackTokenRetriesAsNoIDMessage() {
        let parsed = parseSendmail(sm("poststats: /etc/mail/statistics: Permission denied"))
        #expect(parsed.verdict == .understood)
        #expect(parsed.qid == "")
    }

    @Test func noQueuePrefix() {
        let parsed = parseSendmail(sm("NOQUEUE: connect from [192.0.2.1]"))
        #expect(parsed.noQueue)
        #expect(parsed.qid == "")
        #expect(parsed.session == .connect)
    }

    struct PartCase: Sendable, CustomTestStringConvertible {
        let message: String
        let id: String
        let noQueue: Bool
        let number: Int
        let body: String
        let continues: Bool
        var testDescription: String { message }
    }

    @Test(
        "split parts",
        arguments: [
            PartCase(message: "v9PCoLiO006667[1]: from=<a@example.com>, size=1, class=0, ...",
                     id: "v9PCoLiO006667", noQueue: false, number: 1, body: "from=<a@example.com>, size=1, class=0,", continues: true),
            PartCase(message: "v9PCoLiO006667[2]: nrcpts=1, relay=x [192.0.2.1]",
                     id: "v9PCoLiO006667", noQueue: false, number: 2, body: "nrcpts=1, relay=x [192.0.2.1]", continues: false),
            PartCase(message: "NOQUEUE[1]: SYSERR(root): a very long text ...",
                     id: "NOQUEUE", noQueue: true, number: 1, body: "SYSERR(root): a very long text", continues: true),
            PartCase(message: "[1]: AUTH=server, relay=x, ...",
                     id: "", noQueue: false, number: 1, body: "AUTH=server, relay=x,", continues: true),
            PartCase(message: "BAA26050[3]: tail",
                     id: "BAA26050", noQueue: false, number: 3, body: "tail", continues: false),
        ])
    func splitParts(_ c: PartCase) throws {
        let parsed = parseSendmail(sm(c.message))
        #expect(parsed.verdict == .part)
        let part = try #require(parsed.part)
        #expect(parsed.partID == c.id)
        #expect(part.noQueue == c.noQueue)
        #expect(part.number == c.number)
        #expect(parsed.partBody == c.body)
        #expect(part.continues == c.continues)
        #expect(!part.terminatesTooManyParts)
    }

    @Test func tooManyPartsLine() throws {
        let parsed = parseSendmail(sm("v9PCoLiO006667[999]: log terminated, too many parts"))
        let part = try #require(parsed.part)
        #expect(part.number == 999)
        #expect(part.terminatesTooManyParts)
    }
}
