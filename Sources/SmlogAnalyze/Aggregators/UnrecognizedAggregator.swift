import SmlogCorrelate

/// The most frequent shapes of unrecognised lines, in bounded memory (64 tracked shapes,
/// Space-Saving), without allocating once the common shapes are known.
struct UnrecognizedAggregator {
    static let trackedShapes = 64

    private var counter = BoundedCounter<UInt64>(capacity: trackedShapes)
    /// Shape bytes per counter slot.
    private var shapeOfSlot: [[UInt8]] = []
    private var scratch: [UInt8] = []
    private(set) var sampled = 0

    init() {
        scratch.reserveCapacity(LineShape.maxLength + 8)
    }

    mutating func add(line: UnsafeRawBufferPointer) {
        sampled += 1
        let hash = LineShape.shape(of: line, into: &scratch)
        let (slot, isNew) = counter.add(hash)
        guard isNew else { return }
        if slot == shapeOfSlot.count {
            shapeOfSlot.append(scratch)
        } else if shapeOfSlot.indices.contains(slot) {
            shapeOfSlot[slot].removeAll(keepingCapacity: true)
            shapeOfSlot[slot].append(contentsOf: scratch)
        }
    }

    func finish(into report: inout Report, context: ReportContext) {
        var rows: [LineShapeCount] = []
        for (slot, entry) in counter.entries.enumerated() where shapeOfSlot.indices.contains(slot) {
            rows.append(LineShapeCount(shape: String(decoding: shapeOfSlot[slot], as: UTF8.self),
                                       count: entry.count, overcount: entry.overcount))
        }
        rows.sort { $0.count != $1.count ? $0.count > $1.count : $0.shape < $1.shape }
        report.unrecognized = UnrecognizedSection(
            lines: context.input.unrecognizedLines, sampled: sampled,
            shapes: Array(rows.prefix(context.options.topN))
        )
    }
}
