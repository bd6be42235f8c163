@testable import SmlogAnalyze
import SmlogCorrelate
import Testing

@Suite struct ValueDistributionTests {
    @Test func percentilesAreNearestRankAndExactForSmallValues() {
        var d = ValueDistribution()
        for v in 1...100 { d.record(v) }
        let s = d.summary()
        #expect(s == DistributionSummary(count: 100, p50: 50, p90: 90, p95: 95, p99: 99, max: 100))
    }

    @Test func aSingleObservationIsEveryPercentile() {
        var d = ValueDistribution()
        d.record(7)
        #expect(d.summary() == DistributionSummary(count: 1, p50: 7, p90: 7, p95: 7, p99: 7, max: 7))
    }

    @Test func nothingRecordedGivesNoPercentiles() {
        #expect(ValueDistribution().summary() == DistributionSummary(count: 0))
    }

    @Test func largeValuesStayWithinTheStatedError() {
        var d = ValueDistribution()
        let big = 432_123   // five days of queue time
        d.record(big)
        d.record(3)
        let p99 = d.summary().p99 ?? 0
        #expect(p99 <= big)
        #expect(Double(big - p99) / Double(big) < 0.0005 + 1e-9)
        #expect(d.summary().max == big)
    }

    @Test func negativeValuesCountAsZero() {
        var d = ValueDistribution()
        d.record(-5)
        #expect(d.summary().max == 0)
    }
}

@Suite struct LatencyAggregatorTests {
    @Test func delayComesFromDeliveredUserMailOnly() {
        let report = Fixture.build([
            Fixture.record(status: .delivered, delay: 2),
            Fixture.record(status: .delivered, delay: 4),
            Fixture.record(status: .delivered, delay: 100),
            Fixture.record(status: .bounced, delay: 999),
            Fixture.record(status: .delivered, kind: .dsn, delay: 888),
        ])
        #expect(report.latency.delay == DistributionSummary(count: 3, p50: 4, p90: 100, p95: 100, p99: 100, max: 100))
    }

    @Test func xdelayCoversEveryAttemptButHandoffs() {
        let report = Fixture.build([
            Fixture.attempt(.sent, xdelay: 1),
            Fixture.attempt(.deferred, xdelay: 20),
            Fixture.attempt(.sent, xdelay: 1),
            Fixture.attempt(.sent, xdelay: 50, handoff: true),
            Fixture.attempt(.sent, xdelay: nil),
        ])
        #expect(report.latency.xdelay.count == 3)
        #expect(report.latency.xdelay.max == 20)
        #expect(report.latency.xdelay.p50 == 1)
    }

    @Test func attemptsPerRecipientCountsFinalOutcomes() {
        let report = Fixture.build([
            Fixture.record(status: .delivered, attempts: 1),
            Fixture.record(status: .delivered, attempts: 3),
            Fixture.record(status: .bounced, attempts: 5),
            Fixture.record(status: .pending, attempts: 40),
        ])
        #expect(report.latency.attempts == DistributionSummary(count: 3, p50: 3, p90: 5, p95: 5, p99: 5, max: 5))
    }
}
