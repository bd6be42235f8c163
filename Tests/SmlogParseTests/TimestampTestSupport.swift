#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TestSupport

/// The UTC calendar fields of an epoch, from libc's `gmtime_r` (independent of the parser's
/// own calendar code).
struct UTCFields: Equatable, CustomStringConvertible {
    var year, month, day, hour, minute, second: Int

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    init(epochSeconds: Int64) {
        var instant = time_t(epochSeconds)
        var fields = tm()
        _ = gmtime_r(&instant, &fields)
        self.init(
            year: Int(fields.tm_year) + 1900, month: Int(fields.tm_mon) + 1, day: Int(fields.tm_mday),
            hour: Int(fields.tm_hour), minute: Int(fields.tm_min), second: Int(fields.tm_sec))
    }

    var description: String { "\(year)-\(month)-\(day) \(hour):\(minute):\(second)" }
}
