/// Lines that looked like sendmail's but were not understood.
public struct UnrecognizedSection: Sendable, Equatable {
    /// Unrecognised lines, from the input accounting.
    public var lines: Int
    /// Of those, how many were handed to `ReportBuilder.addUnrecognized(line:)`.
    public var sampled: Int
    /// Most frequent shapes (see `LineShape`), top N. Counts are exact while fewer than
    /// 64 distinct shapes occur; beyond that a count may be too high by up to `overcount`.
    public var shapes: [LineShapeCount]

    public init(lines: Int = 0, sampled: Int = 0, shapes: [LineShapeCount] = []) {
        self.lines = lines
        self.sampled = sampled
        self.shapes = shapes
    }
}

public struct LineShapeCount: Sendable, Equatable {
    public var shape: String
    public var count: Int
    /// Upper bound of the error in `count` (0 = exact).
    public var overcount: Int

    public init(shape: String, count: Int, overcount: Int = 0) {
        self.shape = shape
        self.count = count
        self.overcount = overcount
    }
}
