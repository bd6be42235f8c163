/// Counts of non-negative integer observations (seconds, attempts) with exact percentiles
/// below 2048 and at most 0.05 % error above (values keep their 11 most significant bits,
/// HdrHistogram-style), in memory that grows with the number of distinct buckets only.
///
/// A sparse table instead of a fixed-size histogram because the report keeps one of these
/// per relay, and a log can name thousands of relays with a handful of deliveries each.
struct ValueDistribution: Sendable, Equatable {
    /// Counts of the values below `exactLimit`, indexed by value, grown as needed: most
    /// observations are small, and an array costs less per value than a dictionary.
    private var small: [Int] = []
    /// Counts per bucket of the larger values.
    private var counts: [Int: Int] = [:]
    private(set) var count = 0
    private(set) var maxValue = 0

    private static let exactBits = 11
    private static let exactLimit = 1 << exactBits

    /// Bucket key of `value`: the value itself when small, else its leading bits.
    static func bucket(_ value: Int) -> Int {
        let width = Int.bitWidth - value.leadingZeroBitCount
        guard width > exactBits else { return value }
        let shift = width - exactBits
        return (value >> shift) << shift
    }

    /// Largest value that falls in `bucket(value)`.
    static func bucketTop(_ key: Int) -> Int {
        let width = Int.bitWidth - key.leadingZeroBitCount
        guard width > exactBits else { return key }
        let shift = width - exactBits
        return key | ((1 << shift) - 1)
    }

    /// Inlined: nearly every value is small and already has its counter, and the call (with
    /// the copies around it) cost as much as the counting.
    @_transparent
    mutating func record(_ value: Int) {
        let v = max(0, value)
        if v < small.count {
            small[v] += 1
        } else {
            recordNew(v)
        }
        count += 1
        if v > maxValue { maxValue = v }
    }

    /// `record`'s rare path: a small value past the array's end, or a large one.
    private mutating func recordNew(_ v: Int) {
        if v < Self.exactLimit {
            small.append(contentsOf: repeatElement(0, count: v + 1 - small.count))
            small[v] += 1
        } else {
            counts[Self.bucket(v), default: 0] += 1
        }
    }

    /// Nearest-rank percentiles for `perMille` values (500 = p50), in the same order;
    /// empty results when nothing was recorded.
    func percentiles(perMille: [Int]) -> [Int?] {
        guard count > 0 else { return perMille.map { _ in nil } }
        // Buckets in ascending order: the small values (each its own bucket), then the rest.
        let keys = small.indices.filter { small[$0] > 0 } + counts.keys.sorted()
        var result: [Int?] = []
        result.reserveCapacity(perMille.count)
        for pm in perMille {
            // rank = ceil(pm/1000 × count), at least 1 (the smallest observation).
            let (product, overflow) = pm.multipliedReportingOverflow(by: count)
            let rank = overflow ? count : max(1, min(count, (product + 999) / 1000))
            var seen = 0
            var value = maxValue
            for key in keys {
                seen += key < Self.exactLimit ? small[key] : counts[key] ?? 0
                if seen >= rank { value = min(Self.bucketTop(key), maxValue); break }
            }
            result.append(value)
        }
        return result
    }

    /// The summary every section shows: count, p50, p90, p95, p99, max.
    func summary() -> DistributionSummary {
        let p = percentiles(perMille: [500, 900, 950, 990])
        return DistributionSummary(
            count: count, p50: p[0], p90: p[1], p95: p[2], p99: p[3],
            max: count > 0 ? maxValue : nil
        )
    }
}
