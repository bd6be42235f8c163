#if canImport(Glibc)
import Glibc
#endif
import SmlogParse
import Testing
@testable import SmlogCLI
import TestSupport

/// `--since` / `--until` values, with TZ pinned to UTC and a fixed "now".
@Suite("time options", .serialized)
struct TimeSpecTests {
    // 2026-11-30T15:49:06Z
    static let now: Int64 = 1_796_053_746

    @Test(arguments: [
        ("2026-11-30", 1_795_996_800),
        ("2026-11-30T15:49:06Z", 1_796_053_746),
        ("2026-11-30T15:49:06+01:00", 1_796_050_146),
        ("2026-11-30 15:49", 1_796_053_740),
        ("2026-11-30T15:49:06-0130", 1_796_059_146),
        ("today", 1_795_996_800),
        ("yesterday", 1_795_910_400),
        ("now", 1_796_053_746),
        ("-24h", 1_795_967_346),
        ("-30m", 1_796_051_946),
        ("-7d", 1_795_448_946),
    ] as [(String, Int64)])
    func parses(text: String, epoch: Int64) {
        let spec = ProcessTimeZone.with("UTC") { TimeSpec.parse(text, now: Self.now) }
        #expect(spec?.seconds == epoch)
    }

    @Test(arguments: ["", "tomorrow", "2026-13-01", "2026-11-30T25:00", "2026-11-30X", "-5y", "30-11-2026", "2026-11-30T15:49:06+1"])
    func rejects(text: String) {
        let spec = ProcessTimeZone.with("UTC") { TimeSpec.parse(text, now: Self.now) }
        #expect(spec == nil)
    }
}
