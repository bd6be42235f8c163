#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// `TZ` is process-wide, and Swift Testing runs tests in parallel: every test that sets it
/// goes through here, one at a time, and the previous value is put back afterwards.
enum ProcessTimeZone {
    private static let lock = Mutex<Int>(0)

    static func with(_ name: String, _ body: () -> Void) {
        lock.withLock { _ in
            let saved = getenv("TZ").map { String(cString: $0) }
            setenv("TZ", name, 1)
            tzset()
            body()
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
    }

    /// Changes `TZ` again; only inside `with`, which restores the saved value afterwards.
    static func switchTo(_ name: String) {
        setenv("TZ", name, 1)
        tzset()
    }

    /// True when the system has compiled zone data for `name`.
    static func isInstalled(_ name: String) -> Bool {
        access("/usr/share/zoneinfo/" + name, R_OK) == 0
    }
}

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
