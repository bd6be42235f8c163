/// Distinct messages per tally (deferral class, relay and class, …) in memory that follows
/// the messages in flight, not the size of the log: a message's key is kept, with the
/// tallies it was already counted in, only until the correlate stage reports the message
/// complete (its `.message` event comes after every line of it), then forgotten.
struct DistinctMessages {
    /// Per message still in flight: the tallies it was counted in (usually one or two).
    private var counted: [MessageKey: [Int32]] = [:]
    /// Distinct messages per tally id.
    private(set) var counts: [Int] = []

    /// Counts `key` in `tally` unless it was already counted there.
    mutating func count(_ key: MessageKey, in tally: Int) {
        if tally >= counts.count { counts.append(contentsOf: repeatElement(0, count: tally + 1 - counts.count)) }
        let id = Int32(truncatingIfNeeded: tally)
        let isNew: Bool = {
            guard var tallies = counted[key] else {
                counted[key] = [id]
                return true
            }
            if tallies.contains(id) { return false }
            tallies.append(id)
            counted[key] = tallies
            return true
        }()
        if isNew { counts[tally] += 1 }
    }

    /// Distinct messages counted in `tally`.
    func count(of tally: Int) -> Int {
        counts.indices.contains(tally) ? counts[tally] : 0
    }

    /// The message is complete: none of its queue ids will be deferred again.
    mutating func forget(host: String, qids: [String]) {
        guard !counted.isEmpty else { return }
        for qid in qids { counted.removeValue(forKey: MessageKey(host: host, qid: qid)) }
    }

    /// Messages remembered now (tests).
    var inFlight: Int { counted.count }
}
