import Testing
@testable import SmlogParse

/// Split-line parts (`ID[n]: … ...`) written by a stranger, not by sendmail: they must neither
/// grow memory with the input nor upset the line accounting.
@Suite("hostile split-line parts")
struct HostileSplitLineTests {
    private static let header = "Nov 30 15:50:00 vm sendmail[4242]: "

    /// Parses `lines` with a fixed year, collecting each line's class and the unjoined parts.
    private struct Run {
        var parser = LogLineParser()
        var classes: [LineClass] = []
        var understood = 0
        var unjoined = 0
        var maxHeld = 0

        init() { parser.beginFile(yearReference: .fixed(2026)) }

        mutating func feed(_ text: String, drain: Bool) {
            var bytes = Array(text.utf8)
            var handled = 0
            let lineClass = bytes.withUnsafeMutableBytes { raw in
                parser.parse(UnsafeRawBufferPointer(raw)) { _ in handled += 1 }
            }
            understood += handled
            classes.append(lineClass)
            if drain, parser.hasUnjoined { parser.takeUnjoined { _ in unjoined += 1 } }
            maxHeld = max(maxHeld, parser.heldSplitBytes)
        }

        mutating func finish() { parser.finish { _ in unjoined += 1 } }
    }

    @Test("stray parts with no first part are handed back as they come, not held to the end")
    func strayPartsAreNotHeld() {
        var run = Run()
        let body = String(repeating: "x", count: 200)
        for i in 0..<5_000 {
            run.feed(Self.header + "S\(String(1_000_000_000_000 + i))[2]: to=<\(body)@example.com>, stat=Sent", drain: true)
        }
        run.finish()
        #expect(run.unjoined == 5_000)
        // One stray part at a time, not 5,000 of them (about 1.2 MB).
        #expect(run.maxHeld < 1_000)
    }

    @Test("an endless chain of continuing parts is given up at the joined-length cap")
    func endlessChainIsCapped() {
        var run = Run()
        let chunk = String(repeating: "y", count: 1_000)
        run.feed(Self.header + "6AUFnUhL001596[1]: to=<a@example.com>, \(chunk) ...", drain: true)
        for n in 2...3_000 {
            run.feed(Self.header + "6AUFnUhL001596[\(n)]: \(chunk) ...", drain: true)
        }
        run.finish()
        // Without the cap the pending message holds 3 MB of joined text plus 3 MB of raw lines;
        // with it, at most the cap of joined text plus the raw lines that made it up.
        #expect(run.maxHeld <= SplitLineJoiner.maxJoinedBytes * 5 / 2)
        #expect(run.understood == 0)
        // Every part is moved out of the sendmail count exactly once.
        #expect(run.unjoined == 3_000)
        #expect(run.classes.allSatisfy { $0 == .sendmail })
    }

    @Test("a real two-part line still joins after stray parts")
    func realSplitStillJoins() {
        var run = Run()
        run.feed(Self.header + "6AUFnUhL009999[3]: stray ...", drain: true)
        run.feed(Self.header + "6AUFnUhL001596[1]: to=<a@example.com>,<b@example.com>, ...", drain: true)
        run.feed(Self.header + "6AUFnUhL001596[2]: delay=00:00:01, mailer=esmtp, stat=Sent", drain: true)
        run.finish()
        #expect(run.understood == 1)
        #expect(run.unjoined == 1)
    }
}
