import SmlogParse
import Testing
@testable import SmlogCLI

/// The period a run's lines cover, as the report and the statistics give it.
@Suite("time range")
struct TimeRangeTests {
    @Test("no line, no period")
    func emptyRangeHasNoTimes() {
        let range = TimeRange()
        #expect(range.first == nil)
        #expect(range.last == nil)
    }

    @Test("earliest and latest whatever the order, extremes of the type included", arguments: [
        [LogTime(seconds: 5), LogTime(seconds: 3), LogTime(seconds: 9), LogTime(seconds: 4)],
        [LogTime(seconds: 7)],
        [LogTime(seconds: 2, micros: 9), LogTime(seconds: 2, micros: 1), LogTime(seconds: 2, micros: 5)],
        [LogTime(seconds: .max, micros: .max), LogTime(seconds: .min, micros: .min)],
        [LogTime(seconds: .min, micros: .min), LogTime(seconds: .min, micros: .min)],
    ])
    func earliestAndLatest(times: [LogTime]) {
        var range = TimeRange()
        for time in times { range.note(time) }
        #expect(range.first == times.min())
        #expect(range.last == times.max())
    }

    /// Equal times (the offset is not compared) keep the one seen first, as the report shows it.
    @Test("of equal times, the first seen is kept")
    func equalTimesKeepTheFirst() throws {
        var range = TimeRange()
        range.note(LogTime(seconds: 100, utcOffset: 3600))
        range.note(LogTime(seconds: 100, utcOffset: -3600))
        #expect(try #require(range.first).utcOffset == 3600)
        #expect(try #require(range.last).utcOffset == 3600)
    }
}
