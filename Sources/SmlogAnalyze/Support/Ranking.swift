import HeapModule

/// Picks the best `limit` entries of a table without sorting all of it (a bounded heap),
/// then sorts those: larger score first, ties by key in ascending order, so equal scores
/// always come out in the same order whatever the table's hashing did.
enum Ranking {
    struct Candidate<Value>: Comparable {
        var score: Int
        var key: String
        var value: Value
        // "Less" = worse: lower score, or same score and later key.
        static func < (a: Self, b: Self) -> Bool {
            a.score != b.score ? a.score < b.score : a.key > b.key
        }
        static func == (a: Self, b: Self) -> Bool { a.score == b.score && a.key == b.key }
    }

    static func top<Value>(
        _ table: [String: Value], limit: Int, score: (Value) -> Int
    ) -> [(key: String, value: Value)] {
        top(of: table.lazy.map { ($0.key, $0.value) }, limit: limit, score: score)
    }

    /// The table keeps its keys as bytes: a key becomes a String only when its entry may
    /// enter the heap (a score below the worst kept one cannot, whatever its key).
    static func top<Value>(
        _ table: StringTable<Value>, limit: Int, score: (Value) -> Int
    ) -> [(key: String, value: Value)] {
        guard limit > 0 else { return [] }
        var heap = Heap<Candidate<Value>>()
        for index in table.values.indices {
            let value = table.values[index]
            let s = score(value)
            if heap.count >= limit, let worst = heap.min, s < worst.score { continue }
            let candidate = Candidate(score: s, key: table.key(at: index), value: value)
            if heap.count < limit {
                heap.insert(candidate)
            } else if let worst = heap.min, worst < candidate {
                _ = heap.replaceMin(with: candidate)
            }
        }
        return heap.unordered.sorted { $1 < $0 }.map { (key: $0.key, value: $0.value) }
    }

    private static func top<Value, Rows: Sequence>(
        of rows: Rows, limit: Int, score: (Value) -> Int
    ) -> [(key: String, value: Value)] where Rows.Element == (String, Value) {
        guard limit > 0 else { return [] }
        var heap = Heap<Candidate<Value>>()
        for (key, value) in rows {
            let candidate = Candidate(score: score(value), key: key, value: value)
            if heap.count < limit {
                heap.insert(candidate)
            } else if let worst = heap.min, worst < candidate {
                _ = heap.replaceMin(with: candidate)
            }
        }
        return heap.unordered.sorted { $1 < $0 }.map { (key: $0.key, value: $0.value) }
    }

    /// `top(_:limit:score:)` for a table of plain counts, as `CountedText` rows.
    static func topCounts(_ table: [String: Int], limit: Int) -> [CountedText] {
        top(table, limit: limit) { $0 }.map { CountedText(text: $0.key, count: $0.value) }
    }

    static func topCounts(_ table: StringTable<Int>, limit: Int) -> [CountedText] {
        top(table, limit: limit) { $0 }.map { CountedText(text: $0.key, count: $0.value) }
    }

    /// The `limit` keys with most messages of a bounded table, as `CountedText` rows.
    static func topCounts(_ counts: TopCounts, limit: Int) -> [CountedText] {
        top(counts.table, limit: limit) { $0.messages }.map { CountedText(text: $0.key, count: $0.value.messages) }
    }
}
