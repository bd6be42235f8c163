/// A point in log time: seconds since the Unix epoch (UTC), microseconds, and the UTC
/// offset the line was written in (kept for display; comparisons use `seconds`/`micros`).
public struct LogTime: Comparable, Hashable, Sendable {
    public var seconds: Int64
    public var micros: Int32
    public var utcOffset: Int32

    @inlinable
    public init(seconds: Int64, micros: Int32 = 0, utcOffset: Int32 = 0) {
        self.seconds = seconds
        self.micros = micros
        self.utcOffset = utcOffset
    }

    public static let zero = LogTime(seconds: 0)

    @inlinable
    public static func < (a: LogTime, b: LogTime) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.micros < b.micros
    }

    @inlinable
    public static func == (a: LogTime, b: LogTime) -> Bool {
        a.seconds == b.seconds && a.micros == b.micros
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(seconds)
        hasher.combine(micros)
    }
}
